"""A text box whose editing keys take effect in the order they were typed.

Why not ``Input`` as it is: a key bound by the box itself (``ctrl+a`` home, ``ctrl+k`` delete to
the end, ``ctrl+u``, ``home`` …) is not handled where it arrives; the box lets the key bubble up
and its action runs when the event reaches the app. Characters typed right after it are
handled first, so ``ctrl+a ctrl+k R 5`` typed quickly inserts ``R5`` and then deletes it
(the planner sees an empty box and Apply removes the date). Here the box runs its own
bindings at once, in order with the characters.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:  # the app's own (ctrl+q, ctrl+s): left to the app
                continue
            event.stop()
            event.prevent_default()
            await self.run_action(binding.action)
            return
        await super()._on_key(event)


class FilterInput(InOrderInput):
    """The list's filter: ``/`` (the key that focuses it) selects its text, the next
    character typed replaces it; it never inserts a slash (no name or file name has one)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "/":
            event.stop()
            event.prevent_default()
            self.select_all()
            return
        await super()._on_key(event)
