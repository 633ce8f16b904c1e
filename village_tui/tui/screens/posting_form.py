"""Steps 5 and 6: where and how long a notice was posted, and what the supervisory committee said."""

from __future__ import annotations

import re
from datetime import timedelta

from textual.app import ComposeResult

from ...domain.checks_steps import POSTING_RULE
from ...domain.model import Posting
from ...domain.steps import Step
from ..parse import format_fen
from ..widgets.field_row import Pair
from .step_form import StepForm


def parse_places(text: str) -> tuple[str, ...]:
    """ "村务公开栏、广播，微信群" as separate places."""
    return tuple(p.strip() for p in re.split(r"[、,，;；/]+", text) if p.strip())


class PostingFormScreen(StepForm):
    """The form for steps 5 and 6."""

    CSS_PATH = "posting_form.tcss"

    def _period_days(self) -> int:
        try:
            return self.service.profile().posting_days(
                POSTING_RULE[self.step], self.state.matter.category
            )
        except Exception:  # noqa: BLE001 - a missing rule only loses the prefill
            return 0

    def step_fields(self) -> ComposeResult:
        p = self.record if isinstance(self.record, Posting) else None
        posted_on = p.posted_on if p else self.first_day()
        until = p.until if p else posted_on + timedelta(days=self._period_days())
        places = (
            "、".join(p.places) if p else ("村务公开栏" if self.lang != "en" else "notice board")
        )
        yield Pair(
            self.date_field("posted_on", "f.posted_on", posted_on),
            self.date_field("until", "f.until", until),
        )
        yield self.text_field("places", "f.places", places, self.t("f.places_hint"))
        yield self.text_field("content", "f.content", p.content if p else "")
        if self.step is Step.RESULT_DISCLOSURE:
            yield self.text_field(
                "results", "f.results", p.results if p else self._results_default()
            )
            spent = p.spent_fen if p and p.spent_fen is not None else self.state.spent_fen
            yield self.text_field("spent_fen", "f.spent", format_fen(spent))
        yield self.text_field("situation", "f.situation", p.situation if p else "")
        yield Pair(
            self.text_field("supervisory_opinion", "f.opinion", p.supervisory_opinion if p else ""),
            self.text_field("supervisors", "f.supervisors", p.supervisors if p else ""),
        )

    def _results_default(self) -> str:
        return self.state.completion.summary if self.state.completion else ""

    def on_input_changed(self, event) -> None:
        # Until follows the posting date by the profile's period while the clerk has not set it.
        if event.input.id == "f-posted_on" and not self.correcting:
            try:
                on = self.date("posted_on")
            except Exception:  # noqa: BLE001 - still being typed
                return
            until = self.query_one("#f-until")
            new = (on + timedelta(days=self._period_days())).isoformat()
            if until.value != new:
                until.value = new

    def build(self) -> Posting:
        spent = None
        if self.step is Step.RESULT_DISCLOSURE:
            spent = self.fen("spent_fen") if self.raw("spent_fen").strip() else None
        return Posting(
            posted_on=self.date("posted_on"),
            until=self.date("until"),
            places=parse_places(self.raw("places")),
            content=self.raw("content").strip(),
            situation=self.raw("situation").strip(),
            supervisory_opinion=self.raw("supervisory_opinion").strip(),
            supervisors=self.raw("supervisors").strip(),
            results=self.raw("results").strip(),
            spent_fen=spent,
        )
