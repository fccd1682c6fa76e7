"""Check a running class stack (nginx in front of replicas) as a user would:

    python -m devtools.stack_check http://127.0.0.1:8501 --stop "podman stop -t 5 np_app{n}_1"

1. health through nginx; 2. a new student is named a replica in a cookie and stays there;
3. a page in Chromium trains with ``?play=1``, its live pictures arriving over the live
channel's websocket through nginx, no exception; 4. a class started on one replica and
joined on another is one class (its database is shared); 5. the replica that page is on is stopped
(``--stop``, ``{n}`` being its number from 1): the page reconnects to another replica,
whose cookie it now carries, says so (ui/replica.py), keeps the student's settings and
trains after Play; a new student goes to a replica still running. Prints a line per
check; exits 1 on the first that fails.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from devtools import browser as drive

COOKIE = "np_replica"
QUERY = "?dataset=circles&hidden=4,4&play=1"


class Failed(Exception):
    pass


def check(ok: bool, what: str) -> None:
    print(("  ok   " if ok else "  FAIL ") + what, flush=True)
    if not ok:
        raise Failed(what)


def get(base: str, cookie: str = "") -> tuple[bytes, str | None]:
    """``GET base/`` (with ``cookie``): the body and the replica the answer's cookie names."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(base + "/", headers={"Cookie": cookie} if cookie else {})
    with opener.open(request, timeout=30) as answer:
        body = answer.read()
    return body, next((c.value for c in jar if c.name == COOKIE), None)


def healthy(base: str, seconds: float) -> bool:
    deadline = time.time() + seconds
    request = urllib.request.Request(base + "/_stcore/health",
                                     headers={"Cookie": f"{COOKIE}=r0"})
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.read().strip() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def epoch(page) -> int:
    try:
        return int(drive.first_metric(page).replace(",", ""))
    except Exception:  # noqa: BLE001 - no metric on the page yet: not trained
        return -1


def trains(page, seconds: float) -> bool:
    """Does the page's epoch go up within ``seconds``?"""
    start, deadline = epoch(page), time.time() + seconds
    while time.time() < deadline:
        time.sleep(0.5)
        if epoch(page) > max(start, 0):
            return True
    return False


def page_replica(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == COOKIE), None)


def run(base: str, stop: str | None, shots: Path | None) -> None:
    check(healthy(base, 60), "health through nginx")
    _, first = get(base)
    check(first is not None and first.startswith("r"), f"a new student is named a replica "
          f"({COOKIE}={first})")
    check(all(get(base, f"{COOKIE}={first}")[1] == first for _ in range(3)),
          "and stays on it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, drive.chromium(p) as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/" + QUERY)
        page.wait_for_selector(".np-metric", timeout=90_000)
        deadline = time.time() + 30
        while time.time() < deadline and page.evaluate("window.__npLive?.received ?? 0") < 20:
            time.sleep(0.3)
        check(page.evaluate("window.__npLive?.received ?? 0") >= 20,
              "a page's live pictures arrive over the live channel's websocket")
        check(trains(page, 15), f"the page trains with {QUERY} (epoch {epoch(page)})")
        exceptions = page.locator('[data-testid="stException"]').count()
        check(not errors and exceptions == 0, f"no exception ({errors or exceptions})")
        shoot(page, shots, "stack-playing")
        one_class(browser, base)
        if stop is None:
            return
        before = page_replica(page)
        check(before is not None, f"the page is on replica {before}")
        number = int(before[1:]) + 1
        command = shlex.split(stop.format(n=number))
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        print(f"  ..   stopped replica {number}: {' '.join(command)}", flush=True)
        deadline = time.time() + 90
        while time.time() < deadline and page_replica(page) == before:
            time.sleep(0.5)
        after = page_replica(page)
        check(after not in (None, before), f"the page reconnected to another replica ({after})")
        page.wait_for_selector(".np-metric", timeout=60_000)
        toast = page.locator('[data-testid="stToast"]')
        toast.first.wait_for(timeout=30_000)
        check("another took over" in toast.first.inner_text(),
              "which tells the student so, in a fresh session")
        shoot(page, shots, "stack-moved")
        check("hidden=4%2C4" in page.url or "hidden=4,4" in page.url,
              "with the student's settings")
        page.get_by_role("button", name="Play", exact=True).click()
        check(trains(page, 30), f"and trains there after Play (epoch {epoch(page)})")
        check(page.locator('[data-testid="stException"]').count() == 0 and not errors,
              f"no exception ({errors})")
        check(all(get(base)[1] not in (None, before) for _ in range(3)),
              "new students go to the replicas still running")


def one_class(browser, base: str) -> None:
    """A class split over the replicas is one class: a teacher starts it on one replica,
    a student joins on another, and the teacher's dashboard shows the student."""
    teacher = browser.new_context().new_page()
    teacher.goto(base + "/class")
    teacher.get_by_role("button", name="Start the class").click(timeout=90_000)
    teacher.locator("code").nth(1).wait_for(timeout=30_000)
    join, dashboard = teacher.locator("code").all_inner_texts()[:2]
    here = page_replica(teacher)
    for attempt in range(4):  # new students go to the replicas in turn: one is elsewhere
        student = browser.new_context().new_page()
        student.goto(join)
        student.get_by_role("textbox", name="Your nickname").fill(f"student {attempt}")
        student.get_by_role("button", name="Join and open the Playground").click()
        student.wait_for_url(lambda url: "dataset=" in url, timeout=60_000)
        there = page_replica(student)
        if there != here:
            break
    check(there not in (None, here), f"a teacher on {here} and a student on {there}")
    teacher.goto(dashboard)
    caption = teacher.locator(".np-class-thumbnails figcaption", has_text=f"student {attempt}")
    caption.first.wait_for(timeout=30_000)
    check(caption.count() == 1, "are one class: the student is on the teacher's dashboard")


def shoot(page, folder: Path | None, name: str) -> None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base", help="the stack's address, e.g. http://127.0.0.1:8501")
    ap.add_argument("--stop", help="command that stops replica {n} (1, 2, ...) mid-class")
    ap.add_argument("--shots", type=Path, help="save screenshots of the page here")
    args = ap.parse_args()
    try:
        run(args.base.rstrip("/"), args.stop, args.shots)
    except Failed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
