"""The base of the step forms: findings previewed while typing, blocked saves explained, warnings confirmed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer

from ...domain.findings import Finding
from ...domain.model import MatterState, StepRecord, Village
from ...domain.steps import Step
from ...domain.validate import validate_record
from ...i18n.tui import step_name
from ..widgets.findings_view import FindingsView
from .base import Refused
from .confirm import ConfirmWarnings
from .form import FormScreen

PREVIEW_DELAY = 0.25  # seconds of quiet typing before the rules are checked


class StepForm(FormScreen):
    """Record a step, or correct it (then a reason is required)."""

    class PreviewReady(Message):
        """The rules have been checked against what the form holds."""

        def __init__(
            self, findings: Sequence[Finding] | None, error: str = "", generation: int = 0
        ) -> None:
            super().__init__()
            self.findings = list(findings or [])
            self.error = error
            self.generation = generation

    def __init__(
        self,
        state: MatterState,
        step: Step,
        village: Village,
        correcting: bool,
        again: bool = False,
        attempt: tuple[int, StepRecord] | None = None,
    ) -> None:
        self.state = state
        self.step = step
        self.village = village
        self.correcting = correcting
        # A new attempt (the meeting held again, the notice posted again) starts from the last.
        self.again = again and not correcting
        prefill = correcting or self.again
        self.record: StepRecord | None = state.steps.get(step) if prefill else None
        # Correcting one earlier attempt (one that did not count): its event and its record.
        self.attempt_seq: int | None = None
        if attempt is not None and correcting:
            self.attempt_seq, self.record = attempt
            # What was confirmed for the record that counts is not confirmed for this one.
            correcting_current = False
        else:
            correcting_current = correcting
        self.acknowledged: set[str] = (
            set(state.acknowledged.get(step, ())) if correcting_current else set()
        )
        self._timer: Timer | None = None
        self._generation = 0  # which state of the fields the check panel speaks of
        super().__init__()

    def first_day(self) -> date:
        """A new step's date: the last recorded step's (clerks enter past meetings), else today."""
        from ...domain.steps import ORDER

        days = [
            getattr(rec, name)
            for s in ORDER[: ORDER.index(self.step)]
            if (rec := self.state.steps.get(s)) is not None
            for name in ("held_on", "posted_on", "started_on")
            if isinstance(getattr(rec, name, None), date)
        ]
        return days[-1] if days else self.service.today()

    def heading(self) -> str:
        key = "form.correcting" if self.correcting else "form.recording"
        key = "form.again" if self.again else key
        head = self.t(key, step=step_name(self.step, self.lang))
        if self.attempt_seq is not None:
            seqs = [a.seq for a in self.state.attempts_at(self.step)]
            n = seqs.index(self.attempt_seq) + 1 if self.attempt_seq in seqs else "?"
            head = self.t("form.correcting_attempt", step=step_name(self.step, self.lang), n=n)
        return f"{head} · {self.state.matter.title}"

    def step_fields(self) -> ComposeResult:
        raise NotImplementedError

    def build(self) -> StepRecord:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        yield from self.step_fields()
        if self.correcting:
            yield self.text_field("reason", "form.reason")

    def below(self) -> ComposeResult:
        yield FindingsView(id="preview")

    def read(self) -> StepRecord:
        record = self.build()
        validate_record(self.step, record, self.service.today(), roster=self.village.roster)
        if self.correcting:
            self.required("reason")
        return record

    # --- preview -------------------------------------------------------------------

    def value_changed(self, value: StepRecord) -> None:
        # What the panel said belongs to the fields as they were: never left beside new ones.
        self._generation += 1
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#preview", FindingsView).say(self.t("form.checking"), "dim")
        generation = self._generation
        self._timer = self.set_timer(PREVIEW_DELAY, lambda: self.run_preview(value, generation))

    def value_unreadable(self) -> None:
        self._generation += 1
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#preview", FindingsView).say(self.t("form.check_waits"), "dim")

    @work(thread=True, exclusive=True, group="preview")
    def run_preview(self, record: StepRecord, generation: int = 0) -> None:
        try:
            found = self.service.preview(self.state.matter.id, self.step, record)
        except Exception as exc:  # noqa: BLE001 - shown under the form
            msg = getattr(exc, "message_en" if self.lang == "en" else "message_zh", str(exc))
            self.post_message(self.PreviewReady(None, msg, generation))
            return
        self.post_message(self.PreviewReady(found, generation=generation))

    def on_step_form_preview_ready(self, message: PreviewReady) -> None:
        if message.generation != self._generation:
            return  # the fields changed since: a newer check is on its way
        view = self.query_one("#preview", FindingsView)
        if message.error:
            view.say(message.error, "red")
            return
        view.show(
            self.t("form.findings"), message.findings, self.lang, ok=self.t("form.no_findings")
        )

    # --- saving --------------------------------------------------------------------

    def submit(self, value: StepRecord):
        s, mid = self.service, self.state.matter.id
        acks = sorted(self.acknowledged)
        if self.correcting:
            reason = self.raw("reason")
            return (
                s.correct_step(mid, self.step, value, reason, acks, attempt_seq=self.attempt_seq)
                or True
            )
        return s.record_step(mid, self.step, value, acks) or True

    def on_refused(self, message: Refused) -> None:
        from ...store.services import Blocked, NeedsConfirmation

        err = message.error
        if isinstance(err, Blocked):
            view = self.query_one("#preview", FindingsView)
            view.show(self.t("form.blocked"), err.findings, self.lang)
            self._mark(None, err.message(self.lang))
            self.notify(err.message(self.lang), severity="error", timeout=8)
        elif isinstance(err, NeedsConfirmation):
            self.app.push_screen(ConfirmWarnings(err.findings), self._confirmed(err.findings))
        else:
            super().on_refused(message)

    def _confirmed(self, findings: Sequence[Finding]):
        def done(yes: bool | None) -> None:
            if yes:
                self.acknowledged |= {f.rule_id for f in findings}
                self.action_save()
            else:
                self._mark(None, "")

        return done
