"""The reply to an objection."""

from __future__ import annotations

from textual.app import ComposeResult

from ...domain.model import MatterState
from .form import FormScreen


class ReplyFormScreen(FormScreen):
    """Answer one of the objections still waiting for a reply."""

    CSS_PATH = "reply_form.tcss"

    def __init__(self, state: MatterState) -> None:
        self.state = state
        self.open = [o for o in state.objections if o.replied_on is None]
        super().__init__()

    def heading(self) -> str:
        return f"{self.t('reply.title')} · {self.state.matter.title}"

    def fields(self) -> ComposeResult:
        options = [(f"{o.received_on} {o.content[:24]}", o.id) for o in self.open]
        yield self.select_field("objection", "f.which_objection", options, self.open[0].id)
        yield self.date_field("replied_on", "f.replied_on", self.service.today())
        yield self.text_field("reply", "f.reply")

    def read(self):
        return (
            self.selected("objection") or self.open[0].id,
            self.date("replied_on"),
            self.required("reply"),
        )

    def submit(self, value):
        oid, on, reply = value
        self.service.answer_objection(self.state.matter.id, oid, reply=reply, replied_on=on)
        return True
