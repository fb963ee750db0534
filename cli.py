"""duizhao command line: `duizhao check`, `duizhao rules`, `duizhao templates`.

Exit codes: 0 no error finding, 1 some finding is an error, 2 unusable input or usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analyzer.errors import DuizhaoError


def _fail(err: DuizhaoError) -> None:
    click.echo(err.message, err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0.1.0", prog_name="duizhao")
def main() -> None:
    """duizhao（对照）：对照检查材料离线审查工具。"""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              help="输出格式：text（默认）、json 或 html（可直接用浏览器打开、打印的报告）。")
@click.option("--template", default=None, help="模板 id 或模板 TOML 路径（默认按会议类型自动选择）。")
@click.option("--feedback", default=None, type=click.Path(),
              help="巡视（巡察）反馈意见文件（.docx/.txt 或 TOML），其编号标题作为审查类别。")
@click.option("--allow", "allow_files", multiple=True, type=click.Path(),
              help="不作为错别字、提法问题提示的词语清单（每行一个，如人名、地名、本地说法）。")
@click.option("--templates", "templates_dirs", multiple=True, type=click.Path(),
              help="范文所在文件夹（可多次给出），检查材料是否照搬；默认还包括 corpus/templates。")
@click.option("--annotate", "annotate_out", type=click.Path(),
              help="另存一份带批注的 Word 文档（.docx），每处问题一条批注；原文件不会被改动。")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="不运行的规则 id（可多次给出，如 --disable vague-measure；duizhao rules 列出全部规则）。")
@click.option("--force", is_flag=True, help="允许覆盖已存在的输出文件（输入文件永远不会被覆盖）。")
def check(files: tuple[str, ...], fmt: str, template: str | None, feedback: str | None,
          allow_files: tuple[str, ...], templates_dirs: tuple[str, ...],
          annotate_out: str | None, disabled: tuple[str, ...], force: bool) -> None:
    """审查一份或多份对照检查材料。"""
    from analyzer import analyze
    from analyzer.render.text import render_text

    if annotate_out:
        if len(files) != 1:
            click.echo("错误：--annotate 一次只能用于一份材料。", err=True)
            sys.exit(2)
        _check_output(annotate_out, list(files), force)

    worst = 0
    outputs = []
    allow = _allow_terms(allow_files)
    # the shipped 范文 and any --templates: the same comparison `batch` and the web page make
    from analyzer.similarity import known_templates

    options: dict = {"allow": allow, "templates": known_templates(list(templates_dirs)),
                     "disable": _rule_ids(disabled)}
    for path in files:
        try:
            report = analyze(path, template=template, feedback=feedback, options=options)
        except DuizhaoError as err:
            click.echo(err.message, err=True)
            worst = 2
            continue
        worst = max(worst, 1 if report.has_errors else 0)
        if annotate_out:
            from analyzer.render.annotate import annotate

            counts = annotate(report, path, annotate_out)
            click.echo(f"已写出批注文档 {annotate_out}（批注 {counts['anchored']} 条，"
                       f"另有 {counts['in_summary']} 条意见列在标题批注中）", err=True)
        if fmt == "json":
            outputs.append(report.to_dict())
        elif fmt == "html":
            from analyzer.render.html import render_html

            click.echo(render_html(report))
        else:
            click.echo(render_text(report, color=sys.stdout.isatty()))
            if len(files) > 1:
                click.echo("")
    if fmt == "json" and outputs:
        payload = outputs[0] if len(files) == 1 else outputs
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    sys.exit(worst)


def _allow_terms(allow_files) -> list[str]:
    from analyzer.config import read_allow_file

    try:
        return [term for f in allow_files for term in read_allow_file(f)]
    except DuizhaoError as err:
        _fail(err)
        return []


def _rule_ids(ids) -> list[str]:
    """The --disable rule ids, checked before any file is read."""
    from analyzer.rules import check_rule_ids

    try:
        return check_rule_ids(ids)
    except DuizhaoError as err:
        _fail(err)
        return []


def _check_output(path: str | None, inputs: list, force: bool) -> None:
    """Refuse to overwrite an existing output without --force, and any input at all."""
    from analyzer.errors import E

    if not path:
        return
    out = Path(path).resolve()
    if any(out == Path(i).resolve() for i in inputs):
        _fail(DuizhaoError(E.E031, path))
    if out.exists() and not force:
        _fail(DuizhaoError(E.E030, path))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out", required=True, type=click.Path(), help="汇总表格（.xlsx）输出路径。")
@click.option("--csv", "csv_path", type=click.Path(), help="另存一份汇总 CSV。")
@click.option("--json", "json_path", type=click.Path(), help="另存每份材料的审查结果（JSON Lines）。")
@click.option("--workers", type=int, default=None, help="并行进程数（默认：全部 CPU 核）。")
@click.option("--template", default=None, help="模板 id 或模板 TOML 路径（默认按会议类型自动选择）。")
@click.option("--feedback", default=None, type=click.Path(), help="巡视（巡察）反馈意见文件。")
@click.option("--templates", "templates_dirs", multiple=True, type=click.Path(),
              help="范文所在文件夹（可多次给出）；默认还包括 corpus/templates。")
@click.option("--allow", "allow_files", multiple=True, type=click.Path(), help="不提示的词语清单。")
@click.option("--html", "html_dir", type=click.Path(), help="另存每份材料的 HTML 报告和索引页到该文件夹。")
@click.option("--disable", "disabled", multiple=True, metavar="RULE", help="不运行的规则 id（可多次给出）。")
@click.option("--force", is_flag=True, help="允许覆盖已存在的输出文件（输入文件永远不会被覆盖）。")
def batch(paths, out, csv_path, json_path, workers, template, feedback, templates_dirs,
          allow_files, html_dir, disabled, force) -> None:
    """批量审查一个或多个文件夹中的材料，输出汇总表格。"""
    from analyzer.batch import discover, run_batch
    from analyzer.render.xlsx import write_csv, write_jsonl, write_xlsx

    disable = _rule_ids(disabled)
    files = discover(list(paths))
    if not files:
        click.echo("错误：在给出的路径中没有找到 .docx、.txt 或 .md 材料。", err=True)
        sys.exit(2)
    for target in (out, csv_path, json_path):
        _check_output(target, files, force)
    if html_dir and any(Path(html_dir).resolve() in Path(f).resolve().parents for f in files):
        click.echo("错误：--html 文件夹不能放在待审材料所在的文件夹中。", err=True)
        sys.exit(2)
    result = run_batch(files, workers=workers, template=template, feedback=feedback,
                       allow=_allow_terms(allow_files), templates_dirs=list(templates_dirs),
                       disable=disable)
    write_xlsx(result, out)
    if csv_path:
        write_csv(result, csv_path)
    if json_path:
        write_jsonl(result, json_path)
    if html_dir:
        from analyzer.render.html import write_batch_html

        write_batch_html(result, html_dir)
    click.echo(result.summary() + f"；结果已写入 {out}", err=True)
    if result.interrupted:
        sys.exit(130)
    sys.exit(1 if any(r.report and r.report["verdict"] == "不达标" for r in result.rows) else 0)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认只允许本机访问）。")
@click.option("--port", default=8765, show_default=True, type=int, help="端口。")
@click.option("--max-mb", default=20, show_default=True, type=int, help="单次上传上限（MB）。")
def serve(host: str, port: int, max_mb: int) -> None:
    """启动本机网页：拖入材料即可审查、下载批注文档和汇总表格。"""
    import ipaddress

    from analyzer.web import serve as run_server

    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(f"警告：服务监听在 {host}，局域网内其他电脑也能访问并上传材料。"
                   "材料属内部文件，请确认网络环境安全。", err=True)
    click.echo(f"对照检查材料审查页面：http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
               "（按 Ctrl+C 停止）", err=True)
    run_server(host=host, port=port, max_bytes=max_mb * 1024 * 1024)


@main.command()
def rules() -> None:
    """列出全部审查规则及其示例。"""
    from analyzer.render import SEVERITY_NAMES
    from analyzer.rules import all_rules

    for r in all_rules().values():
        click.echo(f"{r.id}  [{SEVERITY_NAMES[r.severity]}]  {r.title}")
        click.echo(f"  为什么：{r.why}")
        click.echo("  反例：" + r.bad.replace("\n", "\n        ")[:400])
        click.echo("  正例：" + r.good.replace("\n", "\n        ")[:400])
        click.echo("")


@main.command()
def templates() -> None:
    """列出内置模板及其规定方面。"""
    from analyzer.structure import part_names
    from analyzer.templates import available_templates

    names = part_names()
    for t in available_templates():
        click.echo(f"{t.id}  {t.name}")
        click.echo("  必备部分：" + "、".join(names.get(p, p) for p in t.required_parts))
        for c in t.categories:
            click.echo(f"  - {c.id}：{c.name}")
        click.echo(f"  来源：{t.source}")
        click.echo("")


if __name__ == "__main__":
    main()
