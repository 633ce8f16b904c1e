"""Rich progress bars and summary tables for the sync commands (printed to the terminal)."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from ..i18n.sync import REVIEW_STATES, STATUS_LABELS, WORDS, label, table


class _Bar:
    def __init__(self, progress, task) -> None:
        self._progress, self._task = progress, task

    def advance(self, _item=None) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)


@contextmanager
def progress(lang: str, what: str, total: int | None = None):
    """A progress bar on stderr when there are several files; silent otherwise."""
    if total is not None and total < 2:
        yield _Bar(None, None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn(what),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as p:
        yield _Bar(p, p.add_task(what, total=total))


def _plain(value: object):
    """Text from a ledger or a file name as it is: never Rich markup, no control characters."""
    from rich.text import Text

    from ..domain.text import printable

    return Text(printable(str(value), one_line=True))


def _table(title: str, headers: list[str]):
    from rich.table import Table

    t = Table(title=title)
    for h in headers:
        t.add_column(h)
    return t


def _print(table) -> None:
    from rich.console import Console

    console = Console(soft_wrap=False)
    if not console.is_terminal:  # piped to a file: do not squeeze columns to 80
        console = Console(soft_wrap=False, width=160)
    console.print(table)


def print_exports(done, lang: str) -> None:
    t = _table(*table("exports", lang))
    for item in done:
        t.add_row(item.ledger, f"{item.first_seq}-{item.last_seq} ({item.count})", item.path.name)
    _print(t)


def print_import_summary(summary, lang: str) -> None:
    from pathlib import Path

    t = _table(*table("imports", lang))
    for r in summary.results:
        status = label(STATUS_LABELS, r.status, lang)
        style = "red" if r.status == "refused" else ("yellow" if r.status == "held" else "")
        t.add_row(
            _plain(Path(r.path).name),
            f"[{style}]{status}[/]" if style else status,
            _plain(r.ledger or "-"),
            str(r.applied),
        )
    _print(t)


def print_review(rows, villages, lang: str) -> None:
    """Villages first (whole or broken ledgers), then one line per matter."""
    from ..sync.review_report import step_label

    en = lang == "en"
    vt = _table(*table("villages", lang))
    for v in villages:
        ok = _plain(label(WORDS, "ledger_whole", lang)) if v.broken is None else _plain(v.broken)
        if v.broken is not None:
            ok.stylize("red")
        vt.add_row(
            _plain(v.code),
            _plain(v.name),
            str(v.events),
            ok,
            str(v.held),
            str(v.pending),
            str(v.returned),
            str(v.approved),
        )
    _print(vt)
    mt = _table(*table("matters", lang))
    for r in rows:
        findings = f"[red]{r.blocking}[/]/{r.warnings}" if r.blocking else f"0/{r.warnings}"
        state = label(REVIEW_STATES, r.review_state, lang)
        if r.review_comment:
            state += f"：{r.review_comment}" if not en else f": {r.review_comment}"
        mt.add_row(
            _plain(r.village_name),
            _plain(r.matter_id if len(r.matter_id) <= 12 else r.matter_id[:10] + "…"),
            _plain(r.title),
            step_label(r.reached, lang),
            findings,
            " ".join(s.label for s in r.missing) or "-",
            "; ".join(x.message(lang) for x in r.late) or "-",
            _plain(state),
        )
    _print(mt)
