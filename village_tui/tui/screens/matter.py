"""One matter: the timeline of its steps with figures and findings, and every action on it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ...domain.findings import Severity
from ...domain.steps import ORDER, Step
from ...i18n.tui import category_name, choice, step_name
from ..parse import format_fen
from ..widgets.findings_view import finding_text
from ..widgets.fit_footer import FitFooter
from ..widgets.timeline import Timeline, option_target
from .base import Localized, Refused, Saved, ServiceWorker, error_text


class MatterScreen(Localized, ServiceWorker, Screen[None]):
    """The matter view."""

    CSS_PATH = "matter.tcss"
    BINDINGS = [
        Binding("escape", "back", "key.back"),
        Binding("x", "record_next", "key.next"),
        Binding("p", "progress", "key.progress"),
        Binding("c", "correct_progress", "key.correct_progress"),
        Binding("a", "again", "key.again"),
        Binding("d", "complete", "key.complete"),
        Binding("o", "objection", "key.objection"),
        Binding("y", "reply", "key.reply"),
        Binding("h", "history", "key.history"),
        Binding("g", "notice", "key.notice"),
        Binding("t", "answer", "key.answer"),
        Binding(
            "s", "sign_in", "key.sign_in", show=False
        ),  # footer is full at 80 columns: palette and help list it
        Binding("f", "attach", "key.attach"),
        Binding("v", "attachments", "key.attachments"),
    ]

    class MatterLoaded(Message):
        def __init__(self, village, state, findings, error: str = "") -> None:
            super().__init__()
            self.village, self.state, self.findings, self.error = village, state, findings, error

    def __init__(self, matter_id: str) -> None:
        super().__init__()
        self._localize()
        self.matter_id = matter_id
        self.village = None
        self.state = None
        self.findings: list = []
        self.changed = False
        self._to_next = False

    def compose(self) -> ComposeResult:
        yield Static(self.t("matter.loading"), id="matter-title")
        yield Static("", id="matter-info")
        yield Timeline(id="matter-timeline")
        yield FitFooter()

    def on_mount(self) -> None:
        self.query_one(Timeline).focus()
        self.load()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        svc = self.service
        try:
            village = svc.village()
            state = svc.state(self.matter_id)
            findings = svc.findings(state)
        except Exception as exc:  # noqa: BLE001
            self.post_message(self.MatterLoaded(None, None, [], error_text(exc, self.lang)))
            return
        self.post_message(self.MatterLoaded(village, state, findings))

    def on_matter_screen_matter_loaded(self, message: MatterLoaded) -> None:
        if message.error:
            self.query_one("#matter-info", Static).update(Text(message.error, style="red"))
            return
        self.village, self.state, self.findings = message.village, message.state, message.findings
        m = self.state.matter
        self.query_one("#matter-title", Static).update(Text(m.title, style="bold"))
        info = Text(
            f"{category_name(m.category, self.lang)} · {choice('src', m.source, self.lang)} · "
            + self.t(
                "matter.money",
                planned=format_fen(m.planned_fen),
                spent=format_fen(self.state.spent_fen),
            )
            + " · "
            + self.t("matter.review", state=self.t(f"review.{self.state.review_state}")),
            style="dim",
        )
        if self.state.review_state == "returned" and self.state.review_comment:
            info.append(
                "\n" + self.t("dash.returned", comment=self.state.review_comment), style="red"
            )
        for f in self.findings:
            if f.step is None:
                info.append("\n")
                info.append_text(finding_text(f, self.lang))
        self.query_one("#matter-info", Static).update(info)
        timeline = self.query_one(Timeline)
        timeline.show(
            self.state, self.findings, self.service.today(), self.lang, to_next=self._to_next
        )
        self._to_next = False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys that do nothing for this matter right now are left out of the footer."""
        st = self.state
        if st is None:
            return action in ("back",)
        if action in ("progress", "complete"):
            return Step.IMPLEMENTATION in st.steps and (
                action == "progress" or st.completion is None
            )
        if action == "objection":
            return any(s.is_posting for s in st.steps)
        if action == "reply":
            return any(o.replied_on is None for o in st.objections)
        if action == "notice":
            return Step.RESOLUTION in st.steps
        if action == "answer":
            return st.review_state == "returned"
        if action == "record_next":
            return st.next_step is not None
        if action == "correct_progress":
            return any(not p.reversed for p in st.progress)
        if action == "again":
            return bool(self._defective())
        return True

    def _defective(self) -> list[Step]:
        """Steps whose record has a defect: a new attempt (posted or held again) cures it."""
        steps = {f.step for f in self.findings if f.severity is Severity.DEFECT and f.step}
        return [s for s in ORDER if s in steps and s in (self.state.steps if self.state else {})]

    def action_again(self) -> None:
        """Record the highlighted defective step again (else the first one with a defect)."""
        defective = self._defective()
        if not defective or self.state is None:
            return
        chosen = self.query_one(Timeline).selected_step
        step = chosen if chosen in defective else defective[0]
        self._open_form(step, correcting=False, again=True)

    def action_correct_progress(self) -> None:
        from .picker import PickerScreen
        from .progress_form import ProgressFormScreen

        st = self.state
        if st is None:
            return
        entries = {p.id: p for p in st.progress if not p.reversed}
        if not entries:
            return
        options = [
            (f"{p.on} {p.description} {format_fen(p.spent_fen)}", p.id) for p in entries.values()
        ]

        def picked(entry_id: str | None) -> None:
            if entry_id:
                self.app.push_screen(ProgressFormScreen(st, entries[entry_id]), self._after)

        self.app.push_screen(PickerScreen(self.t("progress.pick"), options, None), picked)

    # --- recording and correcting -------------------------------------------------

    def on_option_list_option_selected(self, event) -> None:
        step, seq = option_target(event.option.id)
        if self.state is None or step is None:
            return
        if seq is not None:
            # An attempt line: that very attempt is corrected, even one that did not count.
            self._correct_attempt(step, seq)
        elif step in self.state.steps:
            self._open_form(step, correcting=True)
        elif step is self.state.next_step:
            self._open_form(step, correcting=False)
        else:
            nxt = self.state.next_step
            self.notify(
                self.t("matter.not_yet", step=step_name(nxt, self.lang)) if nxt else "",
                severity="warning",
            )

    def action_record_next(self) -> None:
        if self.state is None:
            return
        nxt = self.state.next_step
        if nxt is None:
            self.notify(self.t("matter.next_missing"), severity="warning")
            return
        self._open_form(nxt, correcting=False)

    @work(thread=True, exclusive=True, group="attempt")
    def _correct_attempt(self, step: Step, seq: int) -> None:
        try:
            record = self.service.attempt_record(self.matter_id, step, seq)
        except Exception as exc:  # noqa: BLE001 - said in one line, the screen stays
            self.app.call_from_thread(self.notify, error_text(exc, self.lang), severity="error")
            return
        self.app.call_from_thread(self._open_form, step, True, False, (seq, record))

    def _open_form(self, step: Step, correcting: bool, again: bool = False, attempt=None) -> None:
        from .implementation_form import ImplementationFormScreen
        from .meeting_form import MeetingFormScreen
        from .posting_form import PostingFormScreen

        if step.is_meeting:
            form = MeetingFormScreen
        elif step.is_posting:
            form = PostingFormScreen
        else:
            form = ImplementationFormScreen
        screen = form(self.state, step, self.village, correcting, again, attempt)
        self.app.push_screen(screen, self._after)

    def _after(self, result) -> None:
        if result:
            self.changed = True
            self._to_next = True
            self.notify(self.t("form.saved"))
            self.load()

    # --- implementation and objections ---------------------------------------------

    def action_progress(self) -> None:
        from .progress_form import ProgressFormScreen

        if self._started():
            self.app.push_screen(ProgressFormScreen(self.state), self._after)

    def action_complete(self) -> None:
        from .completion_form import CompletionFormScreen

        if self._started():
            self.app.push_screen(CompletionFormScreen(self.state), self._after)

    def _started(self) -> bool:
        if self.state is None:
            return False
        if Step.IMPLEMENTATION not in self.state.steps:
            self.notify(self.t("matter.not_started"), severity="warning")
            return False
        return True

    def action_objection(self) -> None:
        from .objection_form import ObjectionFormScreen

        if self.state is None:
            return
        posted = [s for s in ORDER if s.is_posting and s in self.state.steps]
        if not posted:
            self.notify(self.t("matter.no_posting"), severity="warning")
            return
        chosen = self.query_one(Timeline).selected_step
        default = chosen if chosen in posted else posted[-1]
        self.app.push_screen(ObjectionFormScreen(self.state, posted, default), self._after)

    def action_reply(self) -> None:
        from .reply_form import ReplyFormScreen

        if self.state is None:
            return
        if not any(o.replied_on is None for o in self.state.objections):
            self.notify(self.t("matter.no_objection"), severity="warning")
            return
        self.app.push_screen(ReplyFormScreen(self.state), self._after)

    def action_answer(self) -> None:
        from .answer_form import AnswerScreen

        if self.state is not None and self.state.review_state == "returned":
            self.app.push_screen(AnswerScreen(self.state), self._after)

    def action_history(self) -> None:
        from .history import HistoryScreen

        if self.state is not None:
            self.app.push_screen(HistoryScreen(self.matter_id, self.state.matter.title))

    # --- notices -------------------------------------------------------------------

    def action_notice(self) -> None:
        if self.state is None:
            return
        st = self.state
        chosen = self.query_one(Timeline).selected_step
        if chosen is Step.RESULT_DISCLOSURE or (
            chosen is not Step.RESOLUTION_DISCLOSURE and st.completion
        ):
            step = Step.RESULT_DISCLOSURE
        else:
            step = Step.RESOLUTION_DISCLOSURE
        if (step is Step.RESULT_DISCLOSURE and not st.completion) or (
            step is Step.RESOLUTION_DISCLOSURE and Step.RESOLUTION not in st.steps
        ):
            self.notify(self.t("matter.notice_none"), severity="warning")
            return
        from ..notice_folder import last_folder
        from .folder_prompt import FolderScreen

        # The clerk chooses where (a USB stick, the desktop); the last folder used comes first.
        default = last_folder(self.app.notice_folder())  # type: ignore[attr-defined]
        self.app.push_screen(FolderScreen(default), lambda f: self._write_notice(step, f))

    def _write_notice(self, step: Step, folder: Path | None) -> None:
        if folder is None or self.state is None:
            return
        st = self.state
        engine, today, lang = self.service.engine, self.service.today(), self.lang

        def write():
            from ...notices.check import seal_notice
            from ...notices.files import write_notices
            from ..notice_folder import remember_folder

            # Sealed from the matter as stored now, so the code names the position it shows.
            village, state, seal = seal_notice(engine, st.matter.id, step)
            paths = write_notices(folder, village, state, step, today, lang, seal=seal)
            remember_folder(folder)  # only a folder that took the notice is offered again
            return paths

        self.call_service(write)

    def action_sign_in(self) -> None:
        """The 签到表 of the chosen meeting step, else of the next meeting to hold."""
        if self.state is None:
            return
        from ...notices.sign_in import build_sign_in, next_meeting, sign_in_stem, write_sign_in
        from ...notices.sign_in_errors import SignInError

        chosen = self.query_one(Timeline).selected_step
        try:
            step = chosen if chosen is not None and chosen.is_meeting else next_meeting(self.state)
            sheet = build_sign_in(self.village, self.state, step)
        except SignInError as exc:
            self.notify(exc.message(self.lang), severity="warning")
            return
        folder = self.app.notice_folder()  # type: ignore[attr-defined]
        path = folder / f"{sign_in_stem(self.state, step, self.service.today())}.html"
        lang = self.lang

        def write():
            folder.mkdir(parents=True, exist_ok=True)
            return write_sign_in(path, sheet, lang)

        self.call_service(write)

    def on_saved(self, message: Saved) -> None:
        from .message import MessageScreen

        if isinstance(message.result, Path):  # a sign-in sheet
            self.app.push_screen(MessageScreen(self.t("matter.sign_in_saved"), str(message.result)))
            return
        txt, html = message.result
        self.app.push_screen(MessageScreen(self.t("matter.notice_saved"), f"{txt}\n{html}"))

    def on_refused(self, message: Refused) -> None:
        self.notify(error_text(message.error, self.lang), severity="error")

    # --- attachments -----------------------------------------------------------------

    def _entries(self) -> list[tuple[str, str]]:
        """What a file may be attached to: (label, "kind:ref"), the selected step first."""
        from ...i18n.attachments import tr as att

        st, lang = self.state, self.lang
        steps = [s for s in ORDER if s in st.steps or st.attempts_at(s)]
        chosen = self.query_one(Timeline).selected_step
        steps.sort(key=lambda s: s is not chosen)
        out = [
            (att("tui.entry_step", lang, label=s.label, name=step_name(s, lang)), f"step:{s.value}")
            for s in steps
        ]
        out += [
            (att("tui.entry_progress", lang, on=p.on, text=p.description[:20]), f"progress:{p.id}")
            for p in st.progress
        ]
        out += [
            (
                att("tui.entry_objection", lang, on=o.received_on, text=o.content[:20]),
                f"objection:{o.id}",
            )
            for o in st.objections
        ]
        if st.completion is not None:
            out.append((att("tui.entry_completion", lang), "completion:"))
        return out

    def action_attach(self) -> None:
        from pathlib import Path

        from ...i18n.attachments import tr as att
        from .attach_file import AttachFileScreen
        from .picker import PickerScreen

        if self.state is None:
            return
        entries = self._entries()
        labels = dict((v, k) for k, v in entries)

        def picked(value: str | None) -> None:
            if value:
                kind, _, ref = value.partition(":")
                screen = AttachFileScreen(
                    self.service, self.matter_id, kind, ref, labels[value], Path.home()
                )
                self.app.push_screen(screen, self._after)

        if entries:
            self.app.push_screen(
                PickerScreen(att("tui.pick_entry", self.lang), entries, entries[0][1]), picked
            )

    def action_attachments(self) -> None:
        if self.state is not None:
            self._show_attachments()

    @work(thread=True, exclusive=True, group="attachments")
    def _show_attachments(self) -> None:
        from ...store.attachments import attachments

        found = attachments(self.service.engine, self.matter_id)
        self.app.call_from_thread(self._push_attachments, found)

    def _push_attachments(self, found: list) -> None:
        from .attachments_view import AttachmentsScreen

        title = self.state.matter.title if self.state else ""
        self.app.push_screen(AttachmentsScreen(self.service.engine, title, found))

    def action_back(self) -> None:
        self.dismiss(self.changed)
