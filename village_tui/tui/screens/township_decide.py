"""Approve, return and approve-many, shared by the matters list and the matter's detail."""

from __future__ import annotations

from rich.text import Text

from ...sync.review import approval_blockers, cured_by_explanation
from .township_base import Done


class Decide:
    """Mixin: needs `current()` (the ReviewRow in view), `run_desk`, `t`, and `decided()`."""

    def action_approve(self) -> None:
        r = self.current()  # type: ignore[attr-defined]
        if r is None:
            return
        blockers = approval_blockers(r)
        # A late disclosure cannot be undone: approving it needs the explanation accepted.
        explain = bool(blockers) and all(cured_by_explanation(f) for f in blockers)
        if blockers and not explain:  # said on screen, not offered: the service would refuse it
            self.notify(self.t("matter.blocked", n=len(blockers)), severity="error")  # type: ignore[attr-defined]
            return
        from .township_dialogs import CommentDialog

        def done(comment: str | None) -> None:
            if comment is not None:
                self.run_desk(
                    "approved", lambda: (r.title, self.desk.approve(r.matter_id, comment))
                )  # type: ignore[attr-defined]

        self.app.push_screen(CommentDialog(r, required=explain), done)  # type: ignore[attr-defined]

    def action_return_matter(self) -> None:
        r = self.current()  # type: ignore[attr-defined]
        if r is None:
            return
        from .township_dialogs import CommentDialog

        def done(comment: str | None) -> None:
            if comment is not None:
                self.run_desk(  # type: ignore[attr-defined]
                    "returned",
                    lambda: (r.title, self.desk.return_matter(r.matter_id, comment)),  # type: ignore[attr-defined]
                )

        self.app.push_screen(CommentDialog(r, required=True), done)  # type: ignore[attr-defined]

    def confirm_batch(self, clean: list) -> None:
        if not clean:
            self.notify(self.t("batch.none"), severity="warning")  # type: ignore[attr-defined]
            return
        from .township_dialogs import ConfirmDialog

        lines = [Text(f"· {r.title}") for r in clean]

        def done(ok: bool | None) -> None:
            if ok:
                ids = [r.matter_id for r in clean]
                self.run_desk("batch", lambda: self.desk.approve_many(ids))  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmDialog(self.t("batch.title", n=len(clean)), lines), done)  # type: ignore[attr-defined]

    def handle_decided(self, message: Done) -> bool:
        """Report an approval or return that came back; False for any other message.

        Called by the screen's own `Done` handler: a mixin outside Textual's classes
        cannot register an `@on` handler of its own.
        """
        if message.tag not in ("approved", "returned", "batch"):
            return False
        message.stop()
        if message.error:
            self.notify(message.error, severity="error", timeout=10, markup=False)  # type: ignore[attr-defined]
        elif message.tag == "batch":
            self.notify(self.t("batch.done", n=len(message.result)))  # type: ignore[attr-defined]
        else:
            title, _event = message.result
            self.notify(self.t(f"done.{message.tag}", title=title), markup=False)  # type: ignore[attr-defined]
        self.decided()  # type: ignore[attr-defined]
        return True
