"""Steps 1-4: a meeting as the sign-in sheet and minutes record it; 应到 prefilled from the roster."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from ...domain.model import Meeting, Official
from ...domain.steps import Assembly, MeetingForm, Step, VoteMethod
from ...i18n.tui import choice, tr
from ..parse import InputError
from ..widgets.field_row import Pair
from .form import FieldError
from .step_form import StepForm

# Which roster figure 应到 comes from by default (step 1 has none: the branch committee is typed in).
DEFAULT_BASIS = {
    Step.PROPOSAL: "",
    Step.JOINT_MEETING: "committee_members",
    Step.PARTY_ASSEMBLY: "party_members_voting",
    Step.RESOLUTION: "rep_assembly_members",
}
ASSEMBLY_BASIS = {"representatives": "rep_assembly_members", "villagers": "adult_villagers"}
BASES = (
    "party_members_voting",
    "committee_members",
    "rep_assembly_members",
    "adult_villagers",
    "households",
)


def parse_officials(text: str) -> tuple[Official, ...]:
    """ "张三:副镇长；李四:组织委员" as officials (name and post)."""
    out = []
    for part in re.split(r"[;；,，、\n]+", text):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([^:：\s]+)\s*[:：\s]\s*(.*)", part)
        name, post = (m[1], m[2]) if m else (part, "")
        out.append(Official(name=name.strip(), post=post.strip()))
    return tuple(out)


def officials_text(officials: tuple[Official, ...]) -> str:
    return "；".join(f"{o.name}:{o.post}" if o.post else o.name for o in officials)


class MeetingFormScreen(StepForm):
    """The form for steps 1 to 4."""

    CSS_PATH = "meeting_form.tcss"

    def _default(self) -> Meeting:
        today = self.first_day()
        basis = DEFAULT_BASIS[self.step]
        expected = getattr(self.village.roster, basis) if basis else 0
        return Meeting(held_on=today, expected=expected, expected_basis=basis)

    def step_fields(self) -> ComposeResult:
        m = self.record if isinstance(self.record, Meeting) else self._default()
        opt = lambda prefix, enum: [(choice(prefix, e.value, self.lang), e.value) for e in enum]  # noqa: E731
        num = lambda v: "" if v is None else str(v)  # noqa: E731
        if self.step is Step.RESOLUTION:
            yield self.select_field("assembly", "f.assembly", opt("assembly", Assembly), m.assembly)
        yield Pair(
            self.date_field("held_on", "f.held_on", m.held_on),
            self.text_field("place", "f.place", m.place),
        )
        yield Pair(
            self.select_field("form", "f.form", opt("form", MeetingForm), m.form),
            self.select_field(
                "vote_method", "f.vote_method", opt("vote", VoteMethod), m.vote_method
            ),
        )
        if self.step is Step.JOINT_MEETING:
            yield self.check_field("merged_with_proposal", "f.merged", m.merged_with_proposal)
        bases = [(self.t("basis.manual"), "")] + [(self.t(f"roster.{b}"), b) for b in BASES]
        yield Pair(
            self.select_field("expected_basis", "f.expected_basis", bases, m.expected_basis),
            self.text_field(
                "expected", "f.expected", num(m.expected) if m.expected or self.record else ""
            ),
        )
        # Shown only while 应到 differs from the roster: then the clerk must say why.
        yield self.text_field("expected_note", "f.expected_note", m.expected_note)
        yield Pair(
            self.text_field("present", "f.present", num(m.present) if self.record else ""),
            self.text_field("votes_for", "f.votes_for", num(m.votes_for)),
        )
        yield Pair(
            self.text_field("votes_against", "f.votes_against", num(m.votes_against)),
            self.text_field("votes_abstain", "f.votes_abstain", num(m.votes_abstain)),
        )
        yield self.text_field("content", f"f.content.{self.step.value}", m.content)
        yield self.text_field("minutes", "f.minutes", m.minutes)
        if self.step is Step.PARTY_ASSEMBLY:
            yield Pair(
                self.date_field("plan_sent_on", "f.plan_sent_on", m.plan_sent_on),
                self.text_field(
                    "officials",
                    "f.officials",
                    officials_text(m.officials),
                    self.t("f.officials_hint"),
                ),
            )
        if self.step is Step.RESOLUTION:
            yield self.text_field(
                "officials", "f.officials", officials_text(m.officials), self.t("f.officials_hint")
            )
            reps = m.representatives_among_members
            women = m.women_among_members
            if self.record is None:
                reps, women = self.village.roster.representatives, self.village.roster.women_members
            reps_pair = Pair(
                self.text_field("representatives_among_members", "f.reps", num(reps)),
                self.text_field("women_among_members", "f.women", num(women)),
                id="pair-members",
            )
            # The composition belongs to the representatives' meeting; a villagers' one has none.
            reps_pair.display = m.assembly != Assembly.VILLAGERS.value
            yield reps_pair
            yield Pair(
                self.date_field("notice_given_on", "f.notice_given_on", m.notice_given_on),
                self.text_field(
                    "households_represented",
                    "f.households_represented",
                    num(m.households_represented),
                ),
            )

    def on_mount(self) -> None:
        # 应到 comes from the roster: Tab onto it must not select it for the next key to replace.
        self.query_one("#f-expected", Input).select_on_focus = False

    @on(Input.Changed, "#f-expected")
    def _expected_changed(self, event: Input.Changed) -> None:
        basis = self.selected("expected_basis")
        if basis and event.value.strip() != str(getattr(self.village.roster, basis)):
            # No longer the roster's figure: say so where it shows, as typed in by hand.
            self.query_one("#f-expected_basis", Select).value = ""

    @on(Select.Changed, "#f-expected_basis")
    def _basis_changed(self, event: Select.Changed) -> None:
        basis = event.value
        if isinstance(basis, str) and basis:
            self.query_one("#f-expected", Input).value = str(getattr(self.village.roster, basis))

    @on(Select.Changed, "#f-assembly")
    def _assembly_changed(self, event: Select.Changed) -> None:
        basis = ASSEMBLY_BASIS.get(str(event.value))
        if basis:
            self.query_one("#f-expected_basis", Select).value = basis
        self.query_one("#pair-members").display = str(event.value) != Assembly.VILLAGERS.value

    def build(self) -> Meeting:
        merged = self.checked("merged_with_proposal")
        expected = self.optional_count("expected") or 0
        present = self.optional_count("present") or 0
        if not (merged and not expected and not present):
            expected, present = self.count("expected"), self.count("present")
        return Meeting(
            held_on=self.date("held_on"),
            place=self.raw("place").strip(),
            form=self.selected("form") or MeetingForm.IN_PERSON.value,
            vote_method=self.selected("vote_method") or VoteMethod.HANDS.value,
            expected=expected,
            expected_basis=self.selected("expected_basis") or "",
            expected_note=self._expected_note(expected),
            present=present,
            votes_for=self.optional_count("votes_for"),
            votes_against=self.optional_count("votes_against"),
            votes_abstain=self.optional_count("votes_abstain"),
            content=self.raw("content").strip(),
            minutes=self.raw("minutes").strip(),
            officials=parse_officials(self.raw("officials")),
            merged_with_proposal=merged,
            plan_sent_on=self.optional_date("plan_sent_on"),
            assembly=self.selected("assembly") or Assembly.REPRESENTATIVES.value,
            households_represented=self.optional_count("households_represented"),
            notice_given_on=self.optional_date("notice_given_on"),
            **self._members(),
        )

    def _roster_figure_unlike(self, expected: int) -> int:
        """The roster's figure when hand-typed `expected` differs from it, else 0."""
        basis = DEFAULT_BASIS[self.step]
        if self.step is Step.RESOLUTION:
            basis = ASSEMBLY_BASIS.get(self.selected("assembly") or "", basis)
        figure = getattr(self.village.roster, basis) if basis else 0
        merged_empty = self.checked("merged_with_proposal") and expected == 0
        if self.selected("expected_basis") or merged_empty or expected == figure:
            return 0
        return figure

    def revalidate(self):
        # The reason row shows as soon as 应到 differs, whatever the other fields hold yet.
        try:
            expected = self.optional_count("expected") or 0
        except FieldError:
            expected = None
        row = self.query_one("#row-expected_note")
        row.display = expected is not None and bool(self._roster_figure_unlike(expected))
        return super().revalidate()

    def _expected_note(self, expected: int) -> str:
        """Why 应到 is not the roster's figure: required when it is not, dropped when it is."""
        figure = self._roster_figure_unlike(expected)
        note = self.raw("expected_note").strip()
        if figure and not note:
            key = "f.expected_note_needed"
            texts = (tr(key, "zh", roster=figure), tr(key, "en", roster=figure))
            raise FieldError("expected_note", InputError(*texts))
        return note if figure else ""

    def _members(self) -> dict[str, int | None]:
        """The representatives' meeting's composition; a villagers' meeting has none to record."""
        if self.selected("assembly") == Assembly.VILLAGERS.value:
            return {"representatives_among_members": None, "women_among_members": None}
        return {
            "representatives_among_members": self.optional_count("representatives_among_members"),
            "women_among_members": self.optional_count("women_among_members"),
        }
