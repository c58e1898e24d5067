"""A plain-text progress bar for long commands."""

import time


class Progress:
    def __init__(self, stream, total: int, *, label: str = "", width: int = 30):
        self.stream, self.total, self.label, self.width = stream, max(total, 0), label, width
        self.started = time.monotonic()
        self.shown = -1

    def update(self, done: int) -> None:
        filled = self.width * done // self.total if self.total else self.width
        if filled == self.shown and done != self.total:
            return
        self.shown = filled
        rate = done / max(time.monotonic() - self.started, 1e-6)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{self.total} ({rate:.0f}/s)", ending="")
        self.stream.flush()

    def done(self) -> None:
        self.update(self.total)
        self.stream.write("")
