"""Fill a class with students who train real networks, without thirty browsers: for the
dashboard's screenshots, a demonstration on a projector, or a dashboard under load.

    python -m devtools.class_demo --db sqlite:////tmp/demo.sqlite --students 12

Each student is a Playground run (ui/playground/live.LiveRun) of the class's set-up with
a change of its own (a narrower or deeper network, another activation, a learning rate
that is too high), trained with the engine and reported as a student's page reports it
(ui/classroom/student.make_report). Prints the students' link and the dashboard's."""

from __future__ import annotations

import argparse
import time
from urllib.parse import parse_qsl

from classroom.store import Store
from ui.classroom import student
from ui.playground.live import LiveRun
from ui.playground.settings import from_query

SETUP = "dataset=spiral&samples=500&noise=0&hidden=8,8&act=tanh&opt=adam&lr=0.01&batch=10"
NAMES = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret",
         "Dennis", "Radia", "John", "Katherine", "Tim", "Lin", "Wei", "Mei", "Hao", "Yu",
         "Jun", "Li", "Xin", "Ming", "Hui", "Ling", "Fang", "Jie", "Qing", "Tao", "Yan"]
# each student's own change to the set-up, in turn
CHANGES = [{}, {"hidden": "4"}, {"hidden": "8,8,8"}, {"act": "relu"}, {"lr": "3"},
           {"hidden": "6,6", "act": "sigmoid"}, {"features": "x1,x2,x1^2,x2^2,sin(x1),sin(x2)",
                                                "hidden": "4"},
           {"hidden": "16,16"}, {"hidden": "0"}, {"opt": "sgd", "lr": "0.03"}]


def students(setup: str, n: int) -> list[tuple[str, LiveRun]]:
    base = dict(parse_qsl(setup))
    out = []
    for i in range(n):
        settings, _ = from_query({**base, **CHANGES[i % len(CHANGES)], "seed": str(i)})
        out.append((NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)),
                    LiveRun(settings)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the class database's URL")
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--challenge", default="fewest_weights")
    parser.add_argument("--setup", default=SETUP)
    parser.add_argument("--base", default="http://localhost:8501/", help="the app's address")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long they train")
    args = parser.parse_args()

    db = Store(args.db)
    code, key = db.create_class(args.setup, args.challenge)
    print(f"students: {args.base}class?class={code}")
    print(f"dashboard: {args.base}class?class={code}&key={key}", flush=True)
    class_ = [(db.join(code, name), run) for name, run in students(args.setup, args.students)]
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        for _, run in class_:
            if not run.last.diverged:
                run.advance(25)
        db.report([(m, student.make_report(run, playing=True)) for m, run in class_])
        time.sleep(0.2)


if __name__ == "__main__":
    main()
