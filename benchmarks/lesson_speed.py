"""Server time of every lesson page's interactions (target: under 100 ms each for
the default views), measured with Streamlit's AppTest: the script run that a slider, a
select box, a number, a toggle or a button causes, on the page as a learner first sees it.

For each page it opens the page, then for every control on it changes the control once
(a slider or number to another allowed value, a select box to its next option, a
button clicked) and times the rerun. It prints the median and the worst per page, and
every interaction over the target by name. The "Play"/"Train" buttons of live pages are
skipped: they start a loop that is measured in frames, by benchmarks/browser_speed.py.

    python benchmarks/lesson_speed.py [--repeats 3] [--pages neuron backprop]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1.errors import AppTestError  # noqa: E402

from ui.lesson import LESSONS  # noqa: E402

PAGES = list(LESSONS)
TARGET_MS = 100.0
LIVE_BUTTONS = ("Play", "Pause", "Train", "播放", "暂停")


def _page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "main.py"), default_timeout=60)
    at.run()
    at.switch_page(f"pages/{name}.py")
    return at.run()


def _changes(at: AppTest):
    """(description, action) for every control on the page: each action changes it once."""
    for s in at.slider:
        if not isinstance(s.value, (tuple, list)):
            new = s.max if s.value != s.max else s.min
            yield f"slider {s.label!r}", lambda s=s, new=new: s.set_value(new)
    for s in at.select_slider:
        # AppTest exposes a select slider's options only as formatted text, so this
        # times a rerun with its value set again (the page redraws all the same)
        yield f"select_slider {s.label!r} (same value)", lambda s=s: s.set_value(s.value)
    for b in at.selectbox:
        if len(b.options) > 1:
            yield f"selectbox {b.label!r}", lambda b=b: b.select_index(
                (b.index + 1) % len(b.options) if b.index is not None else 0)
    for n in at.number_input:
        if n.value is None:  # an empty box (a prediction not given yet): give one
            new = n.min if n.min is not None else 1.0
        else:
            step = n.step or 1
            new = n.value + step if n.max is None or n.value + step <= n.max \
                else n.value - step
        yield f"number {n.label!r}", lambda n=n, new=new: n.set_value(new)
    for r in at.radio:
        if len(r.options) > 1:
            yield f"radio {r.label!r}", lambda r=r: r.set_value(r.options[
                (r.index + 1) % len(r.options) if r.index is not None else 0])
    for t in [*at.toggle, *at.checkbox]:
        yield f"toggle {t.label!r}", lambda t=t: t.set_value(not t.value)
    for b in at.button:
        if b.label not in LIVE_BUTTONS:
            yield f"button {b.label!r}", lambda b=b: b.click()


def measure(name: str, repeats: int) -> list[tuple[str, float]]:
    """(control, ms) for every control of page ``name``, best of ``repeats`` fresh runs."""
    best: dict[str, float] = {}
    for _ in range(repeats):
        at = _page(name)
        n_controls = len(list(_changes(at)))
        for i in range(n_controls):
            at = _page(name)
            controls = list(_changes(at))
            if i >= len(controls):
                break
            label, act = controls[i]
            try:
                act()
                start = time.perf_counter()
                at.run()
            except (ValueError, AppTestError):  # a disabled widget, or one AppTest cannot
                continue  # set (a select box whose options it sees only formatted)
            ms = (time.perf_counter() - start) * 1000
            if at.exception:
                label += " (EXCEPTION)"
            best[label] = min(ms, best.get(label, float("inf")))
    return sorted(best.items(), key=lambda kv: -kv[1])


def main() -> int:
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode chatter
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    print(f"Server time of one interaction (AppTest rerun, best of {args.repeats}); "
          f"target < {TARGET_MS:.0f} ms")
    print(f"{'page':<12} {'controls':>8} {'median ms':>10} {'worst ms':>9}  worst control")
    over = []
    for name in args.pages:
        rows = measure(name, args.repeats)
        times = [ms for _, ms in rows]
        print(f"{name:<12} {len(rows):>8} {statistics.median(times):>10.1f} "
              f"{times[0]:>9.1f}  {rows[0][0]}")
        over += [(name, label, ms) for label, ms in rows if ms >= TARGET_MS or "EXC" in label]
    for name, label, ms in over:
        print(f"  over target or failed: {name}: {label}: {ms:.0f} ms")
    print("target met on every control" if not over else f"{len(over)} controls over target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
