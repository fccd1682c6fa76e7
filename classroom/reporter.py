"""The students' reports, written in the background: one thread per server process.

A student's live loop only hands its latest report over (``offer``, a dict write); the
thread writes every pending report of the process in one transaction a few times a
second, and reads back the state of their classes (paused, a new set-up, ended). So a
class of thirty costs the database one short transaction per interval per process, not
thirty, and a slow, full or unreachable database never holds up training: while it is
away, each student's newest report waits (an older one is replaced, never queued), the
pages say the class cannot be reached, and the reports go on when it is back."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .store import ClassInfo, Membership, Report, Store, StoreError

INTERVAL = 1.0  # seconds between writes: each student's report reaches the class once a second
RETRY_MAX = 4.0  # seconds between tries while the database is away (doubling up to this)
IDLE_ROUNDS = 20  # intervals with nothing to write or read before the thread ends
WATCH_SECONDS = 10.0  # a class watched (``watch``) is read this long after the last ask


@dataclass(frozen=True)
class Status:
    """What a student's page knows of its class."""

    reachable: bool | None  # None: no word from the database yet
    info: ClassInfo | None  # the class as last read
    ended: bool  # the class has ended or expired


class Reporter:
    def __init__(self, store: Callable[[], Store], interval: float = INTERVAL,
                 aside: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext):
        """``store()``: the class store (made on first use, in the thread: never on a
        page's time). ``aside()``: the context each write runs in (the server's: between
        its live loops' turns)."""
        self._store = store
        self._aside = aside
        self.interval = interval
        self._pending: dict[tuple[str, str], tuple[Membership, Report]] = {}
        self._watched: dict[str, float] = {}  # class code -> until when (monotonic)
        self._infos: dict[str, ClassInfo] = {}
        self._ended: set[str] = set()
        self._reachable: bool | None = None
        self._lock = threading.Lock()  # the pending reports and what was last read
        self._writing = threading.Lock()  # one write at a time
        self._thread: threading.Thread | None = None
        self.written = 0  # reports written since start (benchmarks, tests)

    def offer(self, member: Membership, report: Report) -> None:
        """The student's newest report; it replaces one not yet written."""
        with self._lock:
            self._pending[(member.code, member.token)] = (member, report)
            self._start()

    def _start(self) -> None:  # (holding the lock)
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="np-class-reports",
                                            daemon=True)
            self._thread.start()

    def watch(self, code: str) -> None:
        """Keep reading ``code``'s state while nothing is reported for it (its students'
        pages are paused): a pushed set-up or the end of the class still reaches them.
        Lapses ``WATCH_SECONDS`` after the last call."""
        with self._lock:
            self._watched[code] = time.monotonic() + WATCH_SECONDS
            self._start()

    def status(self, code: str) -> Status:
        with self._lock:
            return Status(self._reachable, self._infos.get(code), code in self._ended)

    def flush(self) -> None:
        """Write what is pending now (the thread does this every ``interval``). One write
        at a time: an older report never lands after a newer one."""
        with self._writing, self._aside():
            self._write()

    def _write(self) -> None:
        with self._lock:
            batch, self._pending = self._pending, {}
            now = time.monotonic()
            self._watched = {c: t for c, t in self._watched.items() if t > now}
            watched = set(self._watched) - {m.code for m, _ in batch.values()}
        if not batch and not watched:
            return
        try:
            infos = self._store().report(batch.values())
            if watched:
                infos.update(self._store().states(watched))
        except (StoreError, OSError):
            with self._lock:  # keep each student's newest: a newer offer wins
                for key, item in batch.items():
                    self._pending.setdefault(key, item)
                self._reachable = False
            raise
        with self._lock:
            self._reachable = True
            self.written += len(batch)
            for code in {m.code for m, _ in batch.values()} | watched:
                if code in infos:
                    self._infos[code] = infos[code]
                    self._ended.discard(code)
                else:
                    self._infos.pop(code, None)
                    self._ended.add(code)

    def _run(self) -> None:
        wait, idle = self.interval, 0
        while True:
            time.sleep(wait)
            try:
                self.flush()
                wait = self.interval
            except (StoreError, OSError):
                wait = min(RETRY_MAX, max(self.interval, wait * 2))
            except Exception:  # never let a surprise end reporting for the process
                wait = RETRY_MAX
            with self._lock:
                idle = 0 if self._pending or self._watched else idle + 1
                if idle >= IDLE_ROUNDS:  # nobody reporting: the next offer starts a thread
                    self._thread = None
                    return
