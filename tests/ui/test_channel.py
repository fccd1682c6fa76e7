"""The live pictures' channel (ui/live/channel.py), without a server: who may open
it, what reaches the page and when, and what is dropped."""

from __future__ import annotations

import asyncio
import gc
import json
import threading

import pytest

from ui.live import channel as live


class Socket:
    """Enough of Starlette's WebSocket for the channel: what it sends is kept."""

    def __init__(self, token: str = ""):
        self.query_params = {"token": token}
        self.sent: list[dict] = []
        self.accepted = False
        self.closed_with: int | None = None
        self.gone = asyncio.Event()

    async def accept(self) -> None:
        self.accepted = True

    async def close(self, code: int = 1000) -> None:
        self.closed_with = code

    async def send_text(self, text: str) -> None:
        self.sent.append(json.loads(text))

    async def receive(self) -> dict:
        await self.gone.wait()
        return {"type": "websocket.disconnect"}


def run(coroutine) -> None:
    """``asyncio.run(coroutine)`` in a thread of its own: the browser tests' Playwright
    keeps an event loop running in this one for the whole test session."""
    failed = []

    def main() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            failed.append(error)

    thread = threading.Thread(target=main)
    thread.start()
    thread.join(30)
    if failed:
        raise failed[0]


def serving(channel: live.Channel, socket: Socket, steps) -> None:
    """Serve ``socket`` while ``steps(loop)`` (a coroutine function) runs, then close it."""
    async def main() -> None:
        task = asyncio.create_task(channel.serve(socket))
        await asyncio.sleep(0)
        await steps()
        socket.gone.set()
        await asyncio.wait_for(task, 5)

    run(main())


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0.01)


def test_each_session_gets_its_own_unguessable_token_and_only_that_opens_its_channel():
    a, b = live.Channel(), live.Channel()
    assert a.token != b.token and len(a.token) >= 40  # 32 random bytes
    assert live.find(a.token) is a and live.find(b.token) is b
    for wrong in (None, "", a.token[:-1], a.token + "x", a.token.upper()):
        assert live.find(wrong) is None or wrong == a.token

    socket = Socket("not-a-token")
    run(live.endpoint(socket))
    assert socket.closed_with == 1008 and not socket.accepted


def test_a_channel_ends_with_its_session():
    token = live.Channel().token  # nobody holds it: its session has gone
    gc.collect()
    assert live.find(token) is None


def test_nothing_is_sent_before_the_page_connects_so_the_loop_sends_streamlit_messages():
    channel = live.Channel()
    assert not channel.connected()
    assert channel.send({"region": "<img>"}) is False
    assert channel.delivered()


def test_a_frame_sent_together_reaches_the_page_as_one_message_of_its_run():
    channel, socket = live.Channel(), Socket()
    run = channel.new_run()

    async def steps() -> None:
        assert channel.connected()
        with channel.together():
            assert channel.send({"region": "r1"})
            assert channel.send({"numbers": "n1"})
            await settle()
            assert socket.sent == []  # held until the frame is complete
        await settle()

    serving(channel, socket, steps)
    assert socket.sent == [{"run": run, "parts": {"region": "r1", "numbers": "n1"}}]
    assert not channel.connected()  # the page went: back to Streamlit messages


def test_only_the_newest_picture_of_a_place_is_sent_and_a_new_run_drops_the_old_runs():
    channel, socket = live.Channel(), Socket()

    async def steps() -> None:
        with channel.together():
            channel.send({"region": "old"})
            channel.send({"region": "new"})
        await settle()
        with channel.together():
            channel.send({"region": "from the run before"})
            channel.new_run()  # the learner pressed Pause: the page is drawn afresh
        await settle()

    serving(channel, socket, steps)
    assert [m["parts"] for m in socket.sent] == [{"region": "new"}]


def test_sends_from_the_script_thread_reach_the_page_and_delivery_is_reported():
    channel, socket = live.Channel(), Socket()
    done = []

    async def steps() -> None:
        def script() -> None:  # a session's script thread
            for i in range(20):
                with channel.together():
                    channel.send({"region": f"r{i}"})
            done.append(True)

        thread = threading.Thread(target=script)
        thread.start()
        while thread.is_alive() or not channel.delivered():
            await asyncio.sleep(0.005)
        thread.join()

    serving(channel, socket, steps)
    assert done and socket.sent
    assert socket.sent[-1]["parts"] == {"region": "r19"}  # the newest always arrives
    numbers = [int(m["parts"]["region"][1:]) for m in socket.sent]
    assert numbers == sorted(numbers)  # never an older frame after a newer one


def test_a_second_page_of_the_session_takes_the_channel_over():
    channel, first, second = live.Channel(), Socket(), Socket()

    async def main() -> None:
        one = asyncio.create_task(channel.serve(first))
        await asyncio.sleep(0)
        two = asyncio.create_task(channel.serve(second))
        await asyncio.sleep(0)
        channel.send({"region": "x"})
        await settle()
        first.gone.set()
        second.gone.set()
        await asyncio.wait_for(asyncio.gather(one, two), 5)

    run(main())
    assert first.sent == [] and [m["parts"] for m in second.sent] == [{"region": "x"}]


@pytest.mark.parametrize("base, path", [("", "/np-live"), ("np/sub", "/np/sub/np-live"),
                                        ("/np/sub/", "/np/sub/np-live"), ("/", "/np-live")])
def test_the_channel_is_answered_under_streamlits_own_base_path(base, path):
    assert live.route_path(base) == path
