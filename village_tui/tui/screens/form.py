"""The base of every form: fields read as they are typed, errors shown at once, save in a worker.

A subclass yields its fields from `fields()`, turns them into a value in
`read()` (raising InputError/InvalidRecord that name the field) and saves the
value in `submit()`, which runs in a worker thread and calls the service.
Inputs are named `f-<field>` after the record field they fill, so an
InvalidRecord from the domain marks the right one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from ...domain.findings import InvalidRecord
from ..parse import (
    InputError,
    format_date,
    parse_count,
    parse_date,
    parse_fen,
    parse_optional_count,
    parse_optional_date,
)
from ..widgets.field_row import FieldRow
from ..widgets.fit_footer import FitFooter
from ..widgets.local_select import LocalSelect
from .base import Localized, Refused, Saved, ServiceWorker, error_text


class FieldError(InputError):
    """An InputError that knows which field it is about."""

    def __init__(self, field: str, err: InputError) -> None:
        super().__init__(err.message_zh, err.message_en)
        self.field = field


class FormScreen(Localized, ServiceWorker, ModalScreen[Any]):
    """A full-screen form that saves through the service and dismisses with the result."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._localize()
        self._bad: str | None = None
        self._message = ""
        self._touched = False

    # --- what subclasses provide ---------------------------------------------------

    def heading(self) -> str:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def read(self) -> Any:
        raise NotImplementedError

    def submit(self, value: Any) -> Any:
        """Runs in a worker thread: call the service and return what `dismiss` hands back."""
        raise NotImplementedError

    def below(self) -> ComposeResult:
        """Widgets under the error line (the findings preview of step forms)."""
        yield from ()

    def value_changed(self, value: Any) -> None:
        """Called with the form's value whenever every field reads cleanly."""

    def value_unreadable(self) -> None:
        """Called whenever a field does not read: nothing may be said about the form as a whole."""

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(self.heading(), id="form-title")
            with VerticalScroll(id="form-body"):
                yield from self.fields()
            yield Static("", id="form-error")
            yield from self.below()
        yield FitFooter()

    def on_mount(self) -> None:
        self._initial = self.shown_values()
        # Quiet at first: what is missing is shown as a hint until the clerk starts typing.
        self.revalidate()
        self._touched = True
        # The scroll container would take the focus first, and typed text would go
        # nowhere: a clerk expects to type into the first field straight away.
        body = self.query_one("#form-body")
        body.can_focus = False
        first = next((w for w in body.query("Input, Select, Checkbox") if w.focusable), None)
        if first is not None:
            first.focus()

    # --- building fields ---------------------------------------------------------

    def text_field(
        self, name: str, label_key: str, value: str = "", placeholder: str = ""
    ) -> FieldRow:
        inp = Input(value=value, placeholder=placeholder, id=f"f-{name}", compact=True)
        return FieldRow(self.t(label_key), inp, id=f"row-{name}")

    def date_field(self, name: str, label_key: str, value: date | None = None) -> FieldRow:
        return self.text_field(name, label_key, format_date(value), self.t("date.placeholder"))

    def select_field(
        self, name: str, label_key: str, options: list[tuple[str, str]], value: str | None
    ) -> FieldRow:
        sel: Select[str] = LocalSelect(
            options,
            value=value if value is not None else Select.NULL,
            allow_blank=value is None,
            id=f"f-{name}",
            compact=True,
        )
        return FieldRow(self.t(label_key), sel, id=f"row-{name}")

    def check_field(self, name: str, label_key: str, value: bool = False) -> FieldRow:
        box = Checkbox(self.t(label_key), value=value, id=f"f-{name}", compact=True)
        return FieldRow("", box, id=f"row-{name}")

    # --- reading fields ----------------------------------------------------------

    def raw(self, name: str) -> str:
        try:
            return self.query_one(f"#f-{name}", Input).value
        except NoMatches:
            return ""

    def selected(self, name: str) -> str | None:
        try:
            value = self.query_one(f"#f-{name}", Select).value
        except NoMatches:
            return None
        return None if value is Select.NULL else str(value)

    def checked(self, name: str) -> bool:
        try:
            return self.query_one(f"#f-{name}", Checkbox).value
        except NoMatches:
            return False

    def _parse(self, name: str, parser, *args):
        try:
            return parser(self.raw(name), *args)
        except InputError as err:
            raise FieldError(name, err) from None

    def date(self, name: str) -> date:
        return self._parse(name, parse_date, self.service.today())

    def optional_date(self, name: str) -> date | None:
        return self._parse(name, parse_optional_date, self.service.today())

    def count(self, name: str) -> int:
        return self._parse(name, parse_count)

    def optional_count(self, name: str) -> int | None:
        return self._parse(name, parse_optional_count)

    def fen(self, name: str) -> int:
        return self._parse(name, parse_fen)

    def required(self, name: str) -> str:
        value = self.raw(name).strip()
        if not value:
            raise FieldError(name, InputError("此项必填", "This field is required"))
        return value

    # --- checking as typed ---------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.revalidate()

    def revalidate(self) -> Any | None:
        """Read the form; show the first problem next to its field. Returns the value or None."""
        try:
            value = self.read()
        except (FieldError, InvalidRecord) as err:
            self._mark(getattr(err, "field", None), err.message(self.lang))
            self.value_unreadable()
            return None
        self._mark(None, "")
        self.value_changed(value)
        return value

    def _mark(self, field: str | None, message: str) -> None:
        if self._bad and self._bad != field:
            for row in self.query(f"#row-{self._bad}"):
                row.remove_class("-invalid")
        self._bad = field
        label = self._label(field)
        if label and message and not message.startswith(label):
            message = f"{label}: {message}" if self.lang == "en" else f"{label}：{message}"
        self._message = message
        if field:
            for row in self.query(f"#row-{field}"):
                row.set_class(self._touched, "-invalid")
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.set_class(bool(message) and self._touched, "-shown")
        error.set_class(not self._touched, "-hint")

    def _label(self, field: str | None) -> str:
        if not field:
            return ""
        for row in self.query(f"#row-{field}"):
            return str(row.query_one(Label).content).strip()
        return ""

    # --- saving --------------------------------------------------------------------

    def action_save(self) -> None:
        value = self.revalidate()
        if value is None:
            self.notify(self._message, severity="error")
            return
        self.query_one("#form-error", Static).update(self.t("form.saving"))
        self.call_service(lambda: self.submit(value))

    def on_saved(self, message: Saved) -> None:
        self.dismiss(message.result if message.result is not None else True)

    def on_refused(self, message: Refused) -> None:
        text = error_text(message.error, self.lang)
        self._mark(getattr(message.error, "field", None), text)
        self.notify(text, severity="error", timeout=6)

    def shown_values(self) -> dict[str, Any]:
        """What every field shows now, to tell whether the clerk changed anything."""
        return {
            w.id: w.value
            for w in self.query("Input, Select, Checkbox")
            if w.id  # type: ignore[attr-defined]
        }

    def action_cancel(self) -> None:
        """Leave the form; when something was changed, ask first (see docs/decisions.md)."""
        if self.shown_values() == getattr(self, "_initial", None):
            self.dismiss(None)
            return
        from .discard import DiscardChanges

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(DiscardChanges(), answered)
