"""duizhao: review Chinese Party self-inspection drafts (对照检查材料) offline.

    from analyzer import analyze
    report = analyze("draft.docx")
    report.verdict, report.score["total"], report.findings
"""

from .errors import DuizhaoError
from .report import Report, analyze, analyze_text

__all__ = ["DuizhaoError", "Report", "analyze", "analyze_text"]
__version__ = "0.1.0"
