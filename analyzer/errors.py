"""Every user-facing error, numbered, in one place (the spaCy `errors.py` idea).

Messages are Chinese because reviewers read them; each names the file and says what to do.
"""

from __future__ import annotations

from enum import StrEnum


class E(StrEnum):
    """Error codes with their Chinese message templates (`{path}` is the file)."""

    E001 = "找不到文件：{path}。请检查路径是否正确。"
    E002 = "无法打开文件：{path}（{detail}）。请检查文件权限。"
    E003 = "文件为空：{path}。请确认已保存材料内容后再提交。"
    E004 = "{path} 是旧版 Word（.doc）文件，无法直接读取。请用 Word/WPS 打开后“另存为” .docx 格式再审查。"
    E005 = "{path} 是 WPS 文字（.wps）文件，无法直接读取。请用 WPS 打开后“另存为” .docx 格式再审查。"
    E006 = "{path} 是 PDF 文件，无法可靠提取文字。请提交 Word（.docx）或文本（.txt）原稿。"
    E007 = "{path} 是加密（设有打开密码）的 Word 文件。请取消密码后另存为 .docx 再审查。"
    E008 = "{path} 已损坏或不是有效的 .docx 文件（{detail}）。请用 Word/WPS 打开后重新“另存为” .docx。"
    E009 = "无法识别 {path} 的文字编码。请用记事本或 WPS 另存为 UTF-8 编码的 .txt。"
    E010 = "不支持的文件类型：{path}。请提交 .docx、.txt 或 .md 文件。"
    E011 = "{path} 中没有可审查的文字（只有空段落或图片）。"
    E012 = "{path} 过大（{detail}），超过审查上限。请拆分材料或调整上限设置。"
    E020 = "找不到模板：{path}。可用 `duizhao templates` 查看已有模板，或给出模板 TOML 文件路径。"
    E021 = "模板文件 {path} 格式有误（{detail}）。"
    E022 = "反馈意见文件 {path} 中没有找到编号标题（如“一、…”“（一）…”），无法生成审查类别。"
    E023 = "配置文件 {path} 格式有误（{detail}）。请检查 duizhao.toml 的写法。"
    E024 = "没有名为 {path} 的规则{detail}。可用 `duizhao rules` 查看全部规则 id。"
    E030 = "输出文件 {path} 已存在。如需覆盖请加 --force（输入文件永远不会被覆盖）。"
    E031 = "输出文件 {path} 与输入文件相同，已拒绝写入以免覆盖原稿。"


class DuizhaoError(Exception):
    """An error the user can act on; `str(err)` is the one-line Chinese message."""

    exit_code = 2

    def __init__(self, code: E, path: object = "", detail: str = "") -> None:
        self.code = code
        self.path = str(path)
        self.detail = detail
        super().__init__(code.value.format(path=self.path, detail=detail))

    @property
    def message(self) -> str:
        return f"错误 {self.code.name}：{self.args[0]}"
