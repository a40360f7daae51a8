"""Saving a plan, and answering when its file changed on disk (reload or overwrite) or when
the app quits with unsaved edits: mixed into :class:`tui.app.app.PlansApp`."""

from __future__ import annotations

from model.core.printable import printable
from model.project.edits import EditError, ExternalChange
from model.project.session import Entry
from tui.app.i18n import t
from tui.app.read_only import refused
from tui.app.screens.choice import ChoiceScreen


class Saving:
    """ctrl+s, the external-change prompt, reload and the quit prompt (the app's ``ws``,
    ``entry``, ``main``, ``changed`` and ``notify``)."""

    def action_save(self) -> None:
        entry = self.entry
        if entry is not None:
            self.save(entry)

    def save(self, entry: Entry, *, overwrite: bool = False) -> bool | None:
        """Save one plan; True saved, False nothing to save, None not saved (asked or failed)."""
        if refused(self):
            return None
        try:
            saved = entry.doc.save(overwrite=overwrite)
        except ExternalChange:
            self.ask_external(entry)
            return None
        except OSError as e:
            self.notify(
                t("save.failed", self.lang, e=f"{entry.doc.file}: {e.strerror or e}"), severity="error", timeout=15
            )
            return None
        except EditError as e:
            self.notify(e.text(self.lang), severity="error")
            return None
        self.main.refresh_entry(entry)
        self.notify(t("saved", self.lang, f=entry.doc.file) if saved else t("nothing_to_save", self.lang), timeout=3)
        return saved

    def ask_external(self, entry: Entry) -> None:
        choices = [
            ("reload", t("ext.reload", self.lang)),
            ("overwrite", t("ext.overwrite", self.lang)),
            ("cancel", t("ext.cancel", self.lang)),
        ]

        def done(choice: str | None) -> None:
            if choice == "reload":
                self.action_reload(entry)
            elif choice == "overwrite":
                self.save(entry, overwrite=True)

        body = t("ext.body", self.lang, f=entry.doc.file)
        self.push_screen(ChoiceScreen(t("ext.title", self.lang), body, choices, default="cancel"), done)

    def action_reload(self, entry: Entry | None = None) -> None:
        entry = entry or self.entry
        if entry is None:
            return
        try:
            entry.doc.reload()
        except OSError as e:
            self.notify(f"{entry.doc.file}: {e.strerror or e}", severity="error")
            return
        self.changed(entry)
        self.notify(t("reloaded", self.lang, f=entry.doc.file))

    async def action_quit(self) -> None:
        dirty = self.ws.dirty
        if not dirty:
            self.exit()
            return
        choices = [
            ("save", t("quit.save", self.lang)),
            ("discard", t("quit.discard", self.lang)),
            ("cancel", t("quit.cancel", self.lang)),
        ]

        def done(choice: str | None) -> None:
            if choice == "discard" or (choice == "save" and all(self.save(e) is not None for e in dirty)):
                self.exit()

        files = "\n".join(f"・{printable(e.name)} ({printable(e.doc.path.name)})" for e in dirty)
        self.push_screen(
            ChoiceScreen(t("quit.title", self.lang), t("quit.body", self.lang, files=files), choices, default="cancel"),
            done,
        )
