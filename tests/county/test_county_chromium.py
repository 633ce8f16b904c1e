"""The HTML report in a real browser: headless Chromium renders the charts with no console errors."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from village_tui.county.figures import build_report
from village_tui.reports.html import render_html

from .conftest import TODAY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
]
CONSOLE = re.compile(r"CONSOLE[^\]]*\]\s*(.*)")


def _chromium(tmp_path, page, *extra) -> tuple[str, list[str]]:
    """The DOM after load, and the console messages Chromium logged."""
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.as_uri(),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    return done.stdout, CONSOLE.findall(done.stderr)


def test_console_errors_are_caught(tmp_path):
    """The check below can fail: a page with an error is seen to have one."""
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><script>undefinedFunction()</script></body></html>")
    _, console = _chromium(tmp_path, bad, "--dump-dom")
    assert any("undefinedFunction" in line for line in console)


def test_report_renders_charts_without_console_errors(sqlite_county, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        render_html(build_report(sqlite_county, year=2025, today=TODAY)), encoding="utf-8"
    )
    dom, console = _chromium(tmp_path, page, "--dump-dom")
    assert console == []
    assert dom.count("<svg") == 3
    assert len(re.findall(r'<rect class="bar"', dom)) > 19  # one bar per township, and more
    assert "四议两公开工作情况汇总" in dom and dom.count("<table") == 6


def test_report_prints_to_a4_pdf(sqlite_county, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        render_html(build_report(sqlite_county, year=2025, today=TODAY)), encoding="utf-8"
    )
    pdf = tmp_path / "report.pdf"
    _, console = _chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert console == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 595 x 842 points; portrait pages and the landscape pages of wide tables.
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    sizes = {(round(float(w)), round(float(h))) for w, h in boxes}
    assert sizes and sizes <= {(595, 842), (842, 595)}, sizes
