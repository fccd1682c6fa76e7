"""A class in Chromium: a teacher starts one with a challenge, three students join it under
nicknames (one of them markup, shown as text) and train, the dashboard follows them live
and its leaderboard fills, the teacher pauses the class (every student's training stops)
and pushes a new set-up that students open with one click, then ends the class and every
student's page says so."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import SHOTS

pytestmark = pytest.mark.browser

NICKNAMES = ["Ada", "Bob", "<img src=x onerror=f()>"]


def wait_for(check, seconds: float = 60, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not within {seconds} s")


def start_class(teacher, app_url: str) -> tuple[str, str]:
    teacher.goto(app_url + "/class")
    teacher.get_by_text(re.compile("fewest weights")).click()
    teacher.get_by_role("button", name="Start the class").click()
    links = wait_for(lambda: teacher.locator("code").all_inner_texts()
                     if teacher.locator("code").count() >= 2 else None)
    return links[0], links[1]


def join(page, link: str, nickname: str) -> None:
    page.goto(link)
    page.get_by_role("textbox", name="Your nickname").fill(nickname)
    page.get_by_role("button", name="Join and open the Playground").click()
    page.wait_for_url(re.compile(r"dataset="), timeout=60_000)
    page.get_by_role("button", name="Play").first.click()


def test_a_teacher_and_three_students(browser, app_url):
    teacher_context = browser.new_context(viewport={"width": 1600, "height": 1000})
    teacher = teacher_context.new_page()
    # were a nickname ever run as markup, this would say so
    teacher.add_init_script("window.f = () => { window.injected = true; }")
    errors: list[str] = []
    teacher.on("pageerror", lambda e: errors.append(str(e)))
    join_link, dashboard_link = start_class(teacher, app_url)
    assert "key=" in dashboard_link and "key=" not in join_link

    contexts = [browser.new_context(viewport={"width": 1280, "height": 720})
                for _ in NICKNAMES]
    students = [c.new_page() for c in contexts]
    try:
        for page, nickname in zip(students, NICKNAMES):
            join(page, join_link, nickname)
        for page, nickname in zip(students, NICKNAMES):  # each page names its class
            banner = page.locator(".st-key-np-class-banner")
            assert nickname in banner.inner_text()

        teacher.goto(dashboard_link)
        captions = teacher.locator(".np-class-thumbnails figcaption")
        wait_for(lambda: captions.count() == 3 and all(
            "training" in t or "on a plateau" in t for t in captions.all_inner_texts()))
        assert [t.split("\n")[0] for t in captions.all_inner_texts()] == NICKNAMES
        # the leaderboard fills as networks reach 95 % with their weights counted
        board = teacher.locator(".np-class-leaderboard tbody tr")
        wait_for(lambda: board.count() >= 1, seconds=90)
        assert re.search(r"\d weights", board.first.inner_text())
        assert not teacher.evaluate("window.injected === true")
        assert teacher.get_by_text(NICKNAMES[2]).count() >= 1  # shown as typed
        before = teacher.locator(".np-class-thumbnails img").first.get_attribute("src")
        wait_for(lambda: teacher.locator(".np-class-thumbnails img").first
                 .get_attribute("src") != before, seconds=10)  # live: a new picture
        SHOTS.mkdir(parents=True, exist_ok=True)
        teacher.screenshot(path=str(SHOTS / "class_dashboard.png"), full_page=True)

        # a pause: every student's training stops, and each is told why; then it goes on
        teacher.get_by_role("button", name="Pause the class").click()
        for page in students:
            page.get_by_text("Your teacher has paused the class").wait_for(timeout=30_000)
            page.get_by_role("button", name="Play", exact=True).wait_for(timeout=10_000)
            # what a student sees of the others: the leaderboard, nothing more
            page.get_by_text("Leaderboard").click()
            assert re.search(r"\d weights", page.locator(".np-class-leaderboard").inner_text())
        teacher.get_by_role("button", name="Let the class play again").click()

        # a new set-up: students are asked, and open it with one click
        teacher.get_by_role("button", name="Send a new set-up").click()
        teacher.get_by_role("combobox").first.click()
        teacher.get_by_role("option", name=re.compile("XOR", re.I)).first.click()
        teacher.get_by_role("button", name="Send it to every student").click()
        for page in students:
            page.get_by_role("button", name="Open it").click(timeout=30_000)
            page.wait_for_url(re.compile(r"dataset=xor"), timeout=30_000)

        # the end: the data goes, every student is told, their Playground stays
        teacher.keyboard.press("Escape")
        teacher.get_by_role("button", name="End the class").click()
        teacher.get_by_role("button", name="End the class for everyone").click()
        teacher.get_by_text("This class has ended").wait_for(timeout=30_000)
        for page in students:
            page.get_by_role("button", name="Play").first.click()
            page.get_by_text("Your teacher has ended the class").wait_for(timeout=30_000)
        assert not errors
    finally:
        for c in (*contexts, teacher_context):
            c.close()


def test_a_wrong_key_opens_nothing(page):
    page.goto(page.app_url + "/class?class=ABCDEFGH&key=guess")
    page.get_by_text("does not open a class's dashboard").wait_for(timeout=60_000)
    assert page.locator(".np-class-thumbnails").count() == 0
