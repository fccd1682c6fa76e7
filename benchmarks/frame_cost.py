"""What drawing a live frame costs the server, per picture and per frame, while the
learner's browser draws (the channel connected): the Playground's view (ui/playground/
frame.py) on a network as the class uses it and on TF Playground's largest, with the
frames' own schedule (the region every frame, the numbers and the diagram every fourth,
a small chart in between), and, beside it, the same pictures drawn on the server as the
paused page and AppTest get them. CPU time of this thread, no Streamlit server: the cost
of sending is the event loop's, measured by benchmarks/class_load.py.

    python benchmarks/frame_cost.py [--frames 600]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import core  # noqa: E402, F401  (first: one BLAS thread)
from figures import svg_chart  # noqa: E402
from ui.i18n import texts  # noqa: E402
from ui.live.loop import Tick  # noqa: E402
from ui.live.transport import Places  # noqa: E402
from ui.playground import frame, views  # noqa: E402
from ui.playground.live import LiveRun  # noqa: E402
from ui.playground.settings import DEFAULTS  # noqa: E402

NETWORKS = {"circles 400, 2-8-8-1 tanh (a class's link)": dict(dataset="circles", samples=400,
                                                                hidden=(8, 8)),
            "spiral 500, 2-8x6-1 tanh (TF Playground's largest)": dict(
                dataset="spiral", samples=500, hidden=(8,) * 6)}


class Connected:
    """A channel that is connected and takes everything (nothing leaves this process)."""

    run = 1

    def connected(self) -> bool:
        return True

    def send(self, parts: dict) -> bool:
        return True

    def together(self):
        return contextlib.nullcontext()


class Slot:
    """Where Streamlit would draw: nothing here."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class FrameClock:
    now = 0.0

    def perf_counter(self) -> float:
        return self.now


def per_call_ms(fn, n: int = 60) -> float:
    fn()
    start = time.thread_time()
    for _ in range(n):
        fn()
    return (time.thread_time() - start) / n * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--frames", type=int, default=600)
    args = ap.parse_args()
    from class_load import machine_speed, speed_line  # benchmarks/class_load.py

    print(speed_line(machine_speed()) + "\n")
    T = texts("playground", "en")
    for name, settings in NETWORKS.items():
        run = LiveRun(DEFAULTS.with_(**settings))
        run.advance(1500)  # as a run some seconds in: its curves hold 750 points or more
        view = frame.Frame(run, T, False, False, Slot(), Slot(), Slot(), Slot(), Slot(),
                           [Slot()] * len(frame.CHARTS), Slot(), True, Places(Connected()))
        view.places.placed.update(["region", "network", "numbers",
                                   *(place for place, _, _ in frame.CHARTS)])
        data = {"region": per_call_ms(view.region), "network": per_call_ms(view.network),
                **{place: per_call_ms(lambda i=i, view=view: view.chart(i))
                   for i, (place, _, _) in enumerate(frame.CHARTS)}}
        server = {"region": per_call_ms(lambda run=run: views.region_live(run, False, T)),
                  "network": per_call_ms(
                      lambda run=run: views.network_diagram(run, T, tooltips=False)),
                  **{place: per_call_ms(lambda make=make, run=run: svg_chart.to_html(
                      make(run, T))) for place, make, _ in frame.CHARTS
                     if make(run, T) is not None}}
        clock = FrameClock()
        frame.time = clock  # the charts' clock: as if 15 frames a second were drawn
        start = time.thread_time()
        for number in range(1, args.frames + 1):
            view.metrics_shown = None  # as if a number changed every time
            view.draw(Tick(number, 30, 30, (14.0, 180.0)))
            clock.now += 1 / 15
        per_frame = (time.thread_time() - start) / args.frames * 1000
        frame.time = time
        print(f"{name}:")
        print("  per picture, browser drawing (ms of server CPU): " + ", ".join(
            f"{k} {v:.3f}" for k, v in data.items()))
        print("  the same pictures drawn on the server (paused page, AppTest): " + ", ".join(
            f"{k} {v:.2f}" for k, v in server.items()))
        print(f"  per frame, on the live schedule with 30 playing (15 frames/s): "
              f"{per_frame:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
