"""Every screen of the village app, built on the sample village with a fixed clock (80x24 tests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from village_tui.domain.steps import Step
from village_tui.sample import load_sample
from village_tui.store.db import open_engine
from village_tui.store.services import VillageService

DAY = date(2026, 11, 2)
NOW = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)


def sample_service(path: Path) -> VillageService:
    """The first sample village (前进村): matters at every step, objections, spending."""
    engine = open_engine(path)
    load_sample(engine, today=DAY, now=NOW)
    service = VillageService(
        engine, actor="测试文书", today=lambda: DAY, now=lambda: NOW.isoformat()
    )
    grain = next(s for s in service.states() if s.matter.id.startswith("demo-002"))
    service.add_objection(
        grain.matter.id,
        step=Step.RESOLUTION_DISCLOSURE,
        received_on=DAY,
        content="核定面积与实际种植面积不符",
    )
    return service


def _matter(app, prefix: str):
    return next(s for s in app.service.states() if s.matter.id.startswith(prefix))


def _step_form(prefix: str, step: Step, correcting: bool = False):
    def build(app):
        from village_tui.tui.screens.implementation_form import ImplementationFormScreen
        from village_tui.tui.screens.meeting_form import MeetingFormScreen
        from village_tui.tui.screens.posting_form import PostingFormScreen

        form = (
            MeetingFormScreen
            if step.is_meeting
            else PostingFormScreen
            if step.is_posting
            else ImplementationFormScreen
        )
        return form(_matter(app, prefix), step, app.service.village(), correcting)

    return build


def _dashboard(app):
    from village_tui.tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _help(app):
    from village_tui.tui.screens.help import HelpScreen

    return HelpScreen()


def _roster(app):
    from village_tui.tui.screens.roster import RosterScreen

    return RosterScreen(app.service.village())


def _new(app):
    from village_tui.tui.screens.new_matter import NewMatterScreen

    return NewMatterScreen()


def _picker(app):
    from village_tui.i18n.tui import category_name
    from village_tui.tui.screens.picker import PickerScreen

    options = [(category_name(c, app.lang), c) for c in ("road", "dibao", "land", "relief")]
    return PickerScreen(app.lang == "en" and "Category" or "类别", options, "road")


def _matter_screen(prefix: str):
    def build(app):
        from village_tui.tui.screens.matter import MatterScreen

        return MatterScreen(_matter(app, prefix).matter.id)

    return build


def _history(app):
    from village_tui.tui.screens.history import HistoryScreen

    st = _matter(app, "demo-001")
    return HistoryScreen(st.matter.id, st.matter.title)


def _progress(app):
    from village_tui.tui.screens.progress_form import ProgressFormScreen

    return ProgressFormScreen(_matter(app, "demo-006"))


def _completion(app):
    from village_tui.tui.screens.completion_form import CompletionFormScreen

    return CompletionFormScreen(_matter(app, "demo-006"))


def _objection(app):
    from village_tui.tui.screens.objection_form import ObjectionFormScreen

    st = _matter(app, "demo-003")
    return ObjectionFormScreen(st, [Step.RESOLUTION_DISCLOSURE], Step.RESOLUTION_DISCLOSURE)


def _reply(app):
    from village_tui.tui.screens.reply_form import ReplyFormScreen

    return ReplyFormScreen(_matter(app, "demo-002"))


def _answer(app):
    from village_tui.tui.screens.answer_form import AnswerScreen

    return AnswerScreen(_matter(app, "demo-001"))


def _confirm(app):
    from village_tui.tui.screens.confirm import ConfirmWarnings

    st = _matter(app, "demo-003")
    return ConfirmWarnings([f for f in app.service.findings(st)][:3])


def _exchange(app):
    from village_tui.tui.screens.exchange import ExchangeScreen

    return ExchangeScreen()


def _message(app):
    from village_tui.tui.screens.message import MessageScreen

    return MessageScreen("公示已生成" if app.lang == "zh" else "Notice saved", "notice.html")


SCREENS: dict[str, Callable] = {
    "dashboard": _dashboard,
    "help": _help,
    "roster": _roster,
    "new_matter": _new,
    "picker": _picker,
    "matter_done": _matter_screen("demo-001"),
    "matter_posting": _matter_screen("demo-003"),
    "history": _history,
    "step1": _step_form("demo-008", Step.PROPOSAL, correcting=True),
    "step2": _step_form("demo-008", Step.JOINT_MEETING),
    "step3": _step_form("demo-015", Step.PARTY_ASSEMBLY),
    "step4": _step_form("demo-009", Step.RESOLUTION),
    "step5": _step_form("demo-010", Step.RESOLUTION_DISCLOSURE),
    "implementation": _step_form("demo-003", Step.IMPLEMENTATION),
    "progress": _progress,
    "completion": _completion,
    "step6": _step_form("demo-006", Step.RESULT_DISCLOSURE),
    "objection": _objection,
    "reply": _reply,
    "answer": _answer,
    "confirm": _confirm,
    "exchange": _exchange,
    "message": _message,
}
