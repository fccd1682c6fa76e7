"""A class on one server: many sessions training at once, measured honestly.

Each session opens the Playground on circles (400 points, 8,8 tanh, batch 10) with
``play=1`` in the link, so it trains from the moment the page opens. A few sessions are
real Chromium (Debian's, through Playwright); the rest are light clients that speak
Streamlit's own websocket protocol (the protobuf messages the streamlit package ships),
so thirty browsers do not eat the server's cores. Every client counts the region images
it receives and reads the epoch counter.

Reported per stage (1, 10, 30 sessions by default): per-session region updates/s and
epochs/s (min, median), server CPU per delivered region frame, cores busy, server RSS,
errors; the cores the clients on the same machine used (the browsers' by process), and
how long each part of the machine was ready to run but waited for a core. Optional:
simultaneous first loads (``--first-loads``), a soak (``--soak-minutes``), and sessions
opened and closed (``--churn``) with RSS before and after.

``--class-mode``: each stage runs twice, in turn: as above, then as a class (class mode:
a class is started in the server's database with the same link, every session joins it
under a nickname through the class page, as a student does, and reports to it while it
trains; the teacher's dashboard is open too, as one more light client). Reported beside
the stage: the students' rates against the same stage without class mode, how often the
dashboard was redrawn, and how old each student's latest report was at the end.

Targets: every session >= 10 updates/s and >= 25 epochs/s at 30 sessions; 30
simultaneous first loads each within 2 s; the class's efficiency (the epochs/s of all
sessions together over the CLI's for one such network alone, measured in the same run, with
a plain PyTorch loop's beside it) >= 2 on one process and >= 3 through deploy/serve.py.

    python benchmarks/class_load.py                        # one `streamlit run`
    python benchmarks/class_load.py --replicas 2           # deploy/serve.py: nginx + 2
    python benchmarks/class_load.py --stages 30 --browsers 3 --first-loads 30
    python benchmarks/class_load.py --stages --soak-minutes 5 --churn 50
    python benchmarks/class_load.py --replicas 2 --stages 30 --browsers 0 --class-mode

Everything it starts it stops; each stage is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import gzip
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools import browser as drive  # noqa: E402

QUERY = "dataset=circles&samples=400&noise=0&hidden=8,8&act=tanh&batch=10&play=1"
TARGET_UPDATES, TARGET_EPOCHS, TARGET_FIRST_LOAD = 10.0, 25.0, 2.0
# the epoch in the Playground's numbers (ui/playground/views.numbers_html)
EPOCH_HTML = re.compile(r'>Epoch</dt><dd class="np-metric-value"[^>]*>([\d,]+)<')
CLK = os.sysconf("SC_CLK_TCK")


# --- the server's processes ------------------------------------------------------------------
def machine_idle() -> float:
    """Seconds all CPUs together have been idle since boot (from /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    return (int(fields[3]) + int(fields[4])) / CLK  # idle, iowait


def server_processes(pids: list[int]) -> list[int]:
    """The server's processes: each of ``pids`` (serve.py, or each replica of a stack given
    by --server-pids) and every process under it."""
    return sorted({p for pid in pids for p in drive.descendants(pid)})


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the Python processes among ``pids`` (nginx is not counted)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError):
            status = Path(f"/proc/{pid}/status").read_text()
            name = status.split("\n", 1)[0]
            if "nginx" in name or not ("python" in name or "streamlit" in name):
                continue
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total / 1024


@contextlib.contextmanager
def server(args) -> tuple[str, list[int]]:
    """The server under test: ``--url`` as given, else `streamlit run` or deploy/serve.py."""
    if args.url:
        yield args.url.rstrip("/"), [int(p) for p in args.server_pids]
        return
    port = drive.free_port()
    extra = [f"--server.disconnectedSessionTTL={args.session_ttl}"] if args.session_ttl else []
    if args.replicas:
        cmd = [sys.executable, str(ROOT / "deploy" / "serve.py"), "--port", str(port),
               "--replicas", str(args.replicas), "--address", "127.0.0.1", *extra]
    else:
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port),
               "--browser.gatherUsageStats", "false", *extra]
    env = {**os.environ, "NP_CLASS_DB": args.class_db}  # (every replica: one class database)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        drive.wait_healthy(base)
        time.sleep(1.0)
        yield base, [proc.pid]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- a light client: Streamlit's websocket protocol, no browser -------------------------------
def drawn_message(component_id: str, query: str) -> bytes:
    """The rerun a browser's page asks for once its controls are drawn: the keyboard
    component's trigger "drawn" (ui/live/keyboard.js), which a play=1 link waits for."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    state = msg.rerun_script.widget_states.widgets.add()
    state.id = _make_trigger_id(component_id, "events")
    state.json_trigger_value = json.dumps([{"event": "drawn", "value": True}])
    return msg.SerializeToString()


def join_message(code: str, fields: dict[str, str], nickname: str) -> bytes:
    """The class page's join form sent as a browser sends it: the nickname typed, the
    form's button pressed (``fields``: "nickname" and "join", the two widgets' ids)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = f"class={code}"
    msg.rerun_script.page_name = "class"
    typed = msg.rerun_script.widget_states.widgets.add()
    typed.id, typed.string_value = fields["nickname"], nickname
    pressed = msg.rerun_script.widget_states.widgets.add()
    pressed.id, pressed.trigger_value = fields["join"], True
    return msg.SerializeToString()


BROWSER_CONNECTIONS = 6  # what a browser opens to one host over HTTP/1.1, each kept alive


class Client:
    """One session: connects, asks for a run of the page with ``query``, counts what comes:
    the live pictures as Streamlit messages and, once the page's end of the live channel
    has arrived (ui/live/channel.py), over the channel, as a browser does."""

    def __init__(self, base: str, query: str, fetch_assets: bool = False,
                 join: tuple[str, str] | None = None, page: str = ""):
        """``join``: (class code, nickname): open the class's join page first and join
        as a student does (the class's set-up is ``query``); ``page``: another page
        than the Playground (the dashboard: "class")."""
        self.base, self.query, self.fetch_assets = base, query, fetch_assets
        self.join, self.page = join, page
        self.dashboards: list[float] = []  # when the class's dashboard was redrawn
        self.regions = 0
        self.epoch = 0
        self.errors: list[str] = []
        self.started = self.first_region = self.finished = None
        self.closed = asyncio.Event()
        self.cookie = ""

    def counts(self) -> tuple[float, int, int]:
        return time.perf_counter(), self.regions, self.epoch

    async def _page(self) -> None:
        """What a browser fetches before it opens the websocket: the page and its assets,
        as a browser does, over at most ``BROWSER_CONNECTIONS`` kept-alive connections
        (HTTP/1.1), not a new connection for each of its 60 files."""
        where = urllib.parse.urlsplit(self.base)

        def get_all(paths: list[str]) -> None:
            conn = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
            try:
                for path in paths:
                    conn.request("GET", where.path.rstrip("/") + path,
                                 headers={"Accept-Encoding": "gzip", "Cookie": self.cookie})
                    r = conn.getresponse()
                    cookie = r.headers.get("Set-Cookie")
                    if cookie and not self.cookie:
                        self.cookie = cookie.split(";", 1)[0]
                    body = r.read()
                    if r.headers.get("Content-Encoding") == "gzip":
                        body = gzip.decompress(body)  # as a browser reads it
                    if r.status != 200:
                        raise OSError(f"GET {path}: HTTP {r.status}")
                    self.pages.append(body)
            finally:
                conn.close()

        self.pages: list[bytes] = []
        await asyncio.to_thread(get_all, ["/"])
        html = self.pages[0].decode("utf-8", "replace")
        if self.fetch_assets:
            assets = ["/" + a.lstrip("/") for a in
                      re.findall(r'(?:src|href)="\.?(/?static/[^"]+\.(?:js|css))"', html)]
            if not assets:
                raise OSError("the page names none of its scripts: not Streamlit's page?")
            await asyncio.gather(*(asyncio.to_thread(get_all, assets[k::BROWSER_CONNECTIONS])
                                   for k in range(BROWSER_CONNECTIONS)))

    async def run(self, until: asyncio.Event, stop_when_drawn: bool = False) -> None:
        import websockets
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.started = time.perf_counter()
        channel_tasks: list[asyncio.Task] = []
        try:
            await self._page()
            url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
            headers = {"Cookie": self.cookie} if self.cookie else {}  # sticky replica
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=60, ping_interval=None,
                                          additional_headers=headers) as ws:
                msg = BackMsg()
                msg.rerun_script.query_string = (f"class={self.join[0]}" if self.join
                                                 else self.query)
                msg.rerun_script.page_name = "class" if self.join else self.page
                await ws.send(msg.SerializeToString())
                keyboard, said_drawn = "", False
                fields: dict[str, str] = {}  # the join form's widgets, while joining
                while not until.is_set():
                    try:
                        data = await asyncio.wait_for(ws.recv(), 0.5)
                    except TimeoutError:
                        continue
                    fwd = ForwardMsg()
                    fwd.ParseFromString(data)
                    kind = fwd.WhichOneof("type")
                    if kind == "script_finished" and stop_when_drawn:
                        self.finished = time.perf_counter()
                        return
                    if kind == "auto_rerun" and not channel_tasks:
                        # a fragment that runs every few seconds (the dashboard): its
                        # timer is the browser's, which asks for each rerun
                        channel_tasks.append(asyncio.create_task(self._auto_rerun(
                            ws, fwd.auto_rerun.interval, fwd.auto_rerun.fragment_id, until)))
                    if kind == "script_finished" and self.join and len(fields) == 2:
                        await ws.send(join_message(self.join[0], fields, self.join[1]))
                        self.join = None  # joined: the class's set-up opens as a page
                    if kind == "script_finished" and keyboard and not said_drawn:
                        # as the page's keyboard.js does once its Play/Pause is drawn:
                        # a play=1 link starts training only then
                        said_drawn = True
                        await ws.send(drawn_message(keyboard, self.query))
                    if kind != "delta" or fwd.delta.WhichOneof("type") != "new_element":
                        continue
                    el = fwd.delta.new_element
                    what = el.WhichOneof("type")
                    if self.join and what == "text_input":
                        fields["nickname"] = el.text_input.id
                    elif self.join and what == "button" and el.button.is_form_submitter:
                        fields["join"] = el.button.id
                    if what == "html" and "np-class-thumbnails" in el.html.body:
                        self.dashboards.append(time.perf_counter())
                    if what == "html" and "np-region-image" in el.html.body:
                        self.regions += 1
                        self.first_region = self.first_region or time.perf_counter()
                    elif what == "html" and (shown := EPOCH_HTML.search(el.html.body)):
                        self.epoch = int(shown.group(1).replace(",", ""))
                    elif what == "exception":
                        self.errors.append(el.exception.message[:200])
                    elif (what == "bidi_component"
                          and "keyboard" in el.bidi_component.component_name):
                        keyboard = el.bidi_component.id
                    elif what == "bidi_component" and not channel_tasks:
                        data = json.loads(el.bidi_component.json or "{}")
                        if "token" in data:
                            channel_tasks.append(asyncio.create_task(
                                self._channel(data["path"], data["token"], until)))
        except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
            self.errors.append(f"{type(error).__name__}: {error}"[:200])
        finally:
            for task in channel_tasks:
                task.cancel()
            await asyncio.gather(*channel_tasks, return_exceptions=True)
            self.closed.set()

    async def _auto_rerun(self, ws, interval: float, fragment: str,
                          until: asyncio.Event) -> None:
        """What a browser's page does for ``st.fragment(run_every=...)``: ask for the
        fragment's run every ``interval`` seconds."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        while not until.is_set():
            await asyncio.sleep(interval)
            msg = BackMsg()
            msg.rerun_script.query_string = self.query
            msg.rerun_script.page_name = self.page
            msg.rerun_script.fragment_id = fragment
            msg.rerun_script.is_auto_rerun = True
            await ws.send(msg.SerializeToString())

    async def _channel(self, path: str, token: str, until: asyncio.Event) -> None:
        """The live channel, as the page's live_channel.js opens it."""
        import websockets

        # the path is the page's, relative to where the app is (live_channel.js's appBase)
        url = f"{self.base.replace('http', 'ws', 1)}/{path.lstrip('/')}?token={token}"
        headers = {"Cookie": self.cookie} if self.cookie else {}  # the same replica
        try:
            async with websockets.connect(url, max_size=None, open_timeout=60,
                                          ping_interval=None,
                                          additional_headers=headers) as ws:
                while not until.is_set():
                    parts = json.loads(await ws.recv())["parts"]
                    if "region" in parts:
                        self.regions += 1
                        self.first_region = self.first_region or time.perf_counter()
                    if shown := EPOCH_HTML.search(parts.get("numbers", "")):
                        self.epoch = int(shown.group(1).replace(",", ""))
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
            self.errors.append(f"channel: {type(error).__name__}: {error}"[:200])


# --- Chromium sessions, in a worker process (Playwright's sync API wants its own) -------------
# Region images shown: after any change to the page, on the next animation frame, whether
# the image is a new one. (Not a requestAnimationFrame loop: one running in each page all
# the time cost the co-located browsers 0.1 of a core, taken from the class it measures.)
COUNT = """() => { window.__n = 0; let last = null, pending = false;
  const look = () => { pending = false; const el = document.querySelector('.np-region-image');
    const v = el ? el.getAttribute('src') : null; if (v !== last) { window.__n++; last = v; } };
  new MutationObserver(() => { if (!pending) { pending = true; requestAnimationFrame(look); } })
    .observe(document.body, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ['src']}); }"""
EPOCH = drive.EPOCH_JS
CHANNEL = drive.LIVE_RECEIVED_JS


def browser_worker(url: str, count: int, warmup: float, seconds: float,
                   code: str = "") -> None:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p, drive.chromium(p) as browser:
        pages = []
        for i in range(count):
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            if code:  # a student of the class: the join page, a nickname, then its set-up
                page.goto(f"{url}/class?class={code}")
                page.get_by_role("textbox", name="Your nickname").fill(f"browser {i}")
                page.get_by_role("button", name="Join and open the Playground").click()
            else:
                page.goto(f"{url}/?{QUERY}")
            pages.append(page)
        for page in pages:
            page.wait_for_selector(".np-region-image", timeout=60_000)
            page.evaluate(COUNT)
        time.sleep(warmup)
        start = [(time.perf_counter(), pg.evaluate("() => window.__n"), pg.evaluate(EPOCH),
                  pg.evaluate(CHANNEL)) for pg in pages]
        time.sleep(seconds)
        for pg, (t0, n0, e0, c0) in zip(pages, start):
            t1, n1, e1 = time.perf_counter(), pg.evaluate("() => window.__n"), pg.evaluate(EPOCH)
            c1 = pg.evaluate(CHANNEL)
            results.append({"updates": (n1 - n0) / (t1 - t0), "epochs": (e1 - e0) / (t1 - t0),
                            "regions": n1 - n0, "channel": (c1 - c0) / (t1 - t0)})
    print(json.dumps(results))


# --- one stage: n sessions at once -----------------------------------------------------------
async def stage(base: str, pids: list[int], n: int, browsers: int, warmup: float,
                seconds: float, class_db: str | None = None, teacher: bool = True) -> dict:
    """``n`` sessions playing at once, ``browsers`` of them in Chromium; with
    ``class_db``, as students of one class in that database, its dashboard open."""
    browsers = min(browsers, n)
    worker = None
    code = key = ""
    if class_db:
        from classroom.store import Store

        code, key = Store(class_db).create_class(QUERY, "lowest_test_loss")
    if browsers:
        worker = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--browser-worker", base, str(browsers), str(warmup + 3),
            str(seconds), code, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    stop = asyncio.Event()
    clients = [Client(base, QUERY, join=(code, f"student {i}") if code else None)
               for i in range(n - browsers)]
    if code and teacher:  # the teacher's dashboard, open on the projector meanwhile
        dashboard = Client(base, f"class={code}&key={key}", page="class")
        clients_and_teacher = [*clients, dashboard]
    else:
        clients_and_teacher = clients
    tasks = [asyncio.create_task(c.run(stop)) for c in clients_and_teacher]
    await asyncio.sleep(warmup + 3)
    procs = server_processes(pids)
    kinds = by_kind(drive.descendants(worker.pid)) if worker else {}  # worker, its Chromium
    chromium = [pid for group in kinds.values() for pid in group]
    t0, cpu0, light0 = time.perf_counter(), drive.total_cpu_seconds(procs), time.process_time()
    browser0, idle0 = drive.total_cpu_seconds(chromium), machine_idle()
    waited0, used0 = waits(procs, kinds), {k: drive.total_cpu_seconds(v) for k, v in kinds.items()}
    start = [c.counts() for c in clients]
    await asyncio.sleep(seconds)
    t1, cpu1, light1 = time.perf_counter(), drive.total_cpu_seconds(procs), time.process_time()
    browser1, idle1 = drive.total_cpu_seconds(chromium), machine_idle()
    waited1, used1 = waits(procs, kinds), {k: drive.total_cpu_seconds(v) for k, v in kinds.items()}
    end = [c.counts() for c in clients]
    rss = rss_mb(procs) if pids else float("nan")
    in_class = {}
    if code and not teacher:
        dashboard = Client(base, "")  # (no dashboard: none redrawn)
        dashboard.dashboards = []
    if code:  # the class as the database has it, at the end of the measured time
        from classroom.store import Store

        roster = Store(class_db).roster(code)
        now = time.time()
        in_class = {
            "students": len(roster), "reported": sum(s.report is not None for s in roster),
            "oldest_report": max((now - (s.seen or 0) for s in roster), default=float("inf")),
            "dashboards": sum(t0 <= t <= t1 for t in dashboard.dashboards) / (t1 - t0),
            "dashboard_errors": dashboard.errors}
    browser_results, browser_errors = [], []
    if worker:
        out, err = await asyncio.wait_for(worker.communicate(), warmup + seconds + 120)
        try:
            browser_results = json.loads(out.decode().strip().splitlines()[-1])
        except (ValueError, IndexError):
            browser_errors.append("browser worker: " + err.decode()[-300:])
    stop.set()
    await asyncio.gather(*tasks)
    updates = [(e[1] - s[1]) / (e[0] - s[0]) for s, e in zip(start, end)]
    epochs = [(e[2] - s[2]) / (e[0] - s[0]) for s, e in zip(start, end)]
    frames = sum(e[1] - s[1] for s, e in zip(start, end))
    frames += sum(b["regions"] for b in browser_results)
    errors = [e for c in clients_and_teacher for e in c.errors] + browser_errors
    cpu = cpu1 - cpu0
    return {
        "sessions": n, "browsers": browsers,
        "updates": updates, "epochs": epochs,
        "browser_updates": [b["updates"] for b in browser_results],
        "browser_epochs": [b["epochs"] for b in browser_results],
        "browser_channel": [b["channel"] for b in browser_results],
        "cpu_ms_per_frame": 1000 * cpu / frames if frames else float("inf"),
        "cores_busy": cpu / (t1 - t0), "rss_mb": rss, "errors": errors,
        "light_cores": (light1 - light0) / (t1 - t0),
        "chromium_cores": (browser1 - browser0) / (t1 - t0),
        "idle_cores": (idle1 - idle0) / (t1 - t0),
        "waiting": {k: (waited1[k] - waited0[k]) / (t1 - t0) for k in waited0},
        "browser_parts": {k: (used1[k] - used0[k]) / (t1 - t0) for k in used0},
        "starved": sum(1 for u in updates if u == 0),
        "class": in_class,
        # behind deploy/serve.py, the replica each light client was given (its cookie)
        "replicas": {k: sorted(u for c, u in zip(clients, updates) if replica(c) == k)
                     for k in sorted({replica(c) for c in clients if c.cookie})},
    }


def replica(client: Client) -> str:
    """Behind deploy/serve.py, the replica the client was given (its cookie names it)."""
    return client.cookie.partition("=")[2]


def by_kind(pids: list[int]) -> dict[str, list[int]]:
    """The browser worker's processes by what they do: Chromium's by its ``--type``
    (``browser`` for the main process), then the Playwright driver and the worker."""
    kinds: dict[str, list[int]] = {}
    for pid in pids:
        try:  # Chromium rewrites its command line as one string, words joined by spaces
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            argv, name = argv.replace("\0", " ").split(), Path(f"/proc/{pid}/comm").read_text()
        except OSError:
            continue
        if name.startswith("chrom"):
            kind = next((a.split("=", 1)[1] for a in argv if a.startswith("--type=")), "browser")
            kind = f"Chromium {kind}"
        else:
            kind = "Playwright" if name.startswith("node") else "browser worker"
        kinds.setdefault(kind, []).append(pid)
    return kinds


def waits(server_pids: list[int], kinds: dict[str, list[int]]) -> dict[str, float]:
    """Seconds so far each part of the machine has waited for a core."""
    return {"server": drive.waited_seconds(server_pids),
            **{k: drive.waited_seconds(v) for k, v in sorted(kinds.items())}}


def summary(values: list[float]) -> str:
    if not values:
        return "-"
    return f"min {min(values):6.1f}  median {statistics.median(values):6.1f}"


# --- the machine's own speed: every class figure is read against it ------------------------
MACHINE_EPOCHS = 3000


def machine_speed() -> dict[str, float]:
    """Epochs/s of one network of the class's shape and data trained alone on one core, in
    this run: by the engine's CLI, and by a plain PyTorch loop where torch is installed. A
    class's figures divided by these hold across machines; raw figures do not."""
    cmd = [sys.executable, "-m", "core", "train", "--dataset", "circles", "--samples", "400",
           "--noise", "0", "--hidden", "8,8", "--activation", "tanh", "--optimizer", "sgd",
           "--lr", "0.03", "--batch-size", "10", "--epochs", str(MACHINE_EPOCHS), "--json"]
    seconds = []
    for _ in range(3):  # the best of three: what the machine can do, not a busy moment
        out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
        seconds.append(json.loads(out)["seconds"])
    speed = {"cli": MACHINE_EPOCHS / min(seconds)}
    try:
        import engine_speed  # benchmarks/engine_speed.py: its PyTorch loop, one thread
    except ImportError:
        return speed
    if engine_speed.torch is not None:
        case = engine_speed.Case("class", "circles", 200, (8, 8), 10)  # 200: the training half
        data, net = engine_speed.make_problem(case, 0)
        runner = engine_speed.torch_runner(data, net, case, 0, engine_speed.torch.float64)
        runner.epoch()
        epochs, start = 0, time.perf_counter()
        while time.perf_counter() - start < 2.0:
            runner.epoch()
            epochs += 1
        speed["torch"] = epochs / (time.perf_counter() - start)
    return speed


def speed_line(speed: dict[str, float]) -> str:
    torch = f"{speed['torch']:,.0f}" if "torch" in speed else "- (torch not installed)"
    return (f"this machine, one network of the class alone on one core: the engine's CLI "
            f"{speed['cli']:,.0f} epochs/s, a plain PyTorch loop {torch} epochs/s")


TARGET_EFFICIENCY = {False: 2.0, True: 3.0}  # one process; through deploy/serve.py


def print_stage(r: dict, speed: dict[str, float], replicas: bool) -> None:
    print(f"\n{r['sessions']} sessions ({r['browsers']} in Chromium):")
    print(f"  light clients  updates/s {summary(r['updates'])}   epochs/s {summary(r['epochs'])}")
    if r["browsers"]:
        print(f"  Chromium       updates/s {summary(r['browser_updates'])}   "
              f"epochs/s {summary(r['browser_epochs'])}   "
              f"live-channel messages/s {summary(r['browser_channel'])}")
    print(f"  server: {r['cpu_ms_per_frame']:.1f} ms CPU per delivered region frame, "
          f"{r['cores_busy']:.2f} cores busy, RSS {r['rss_mb']:.0f} MB")
    print(f"  clients on the same cores: light clients {r['light_cores']:.2f} cores, "
          f"Chromium {r['chromium_cores']:.2f} cores; idle {r['idle_cores']:.2f} cores")
    if r["browser_parts"]:
        print("  the browsers' processes, cores used: " + ", ".join(
            f"{k} {v:.2f}" for k, v in sorted(r["browser_parts"].items())))
    print("  waiting for a core (ready to run, none free), in cores: " + ", ".join(
        f"{k} {v:.2f}" for k, v in r["waiting"].items()))
    if r["replicas"]:
        print("  light clients per replica (count, updates/s min-max): " + ", ".join(
            f"{k or '?'} {len(v)} ({min(v):.1f}-{max(v):.1f})" for k, v in r["replicas"].items()))
    print(f"  errors: {len(r['errors'])}{' ' + repr(r['errors'][:3]) if r['errors'] else ''}; "
          f"starved sessions: {r['starved']}")
    every = r["updates"] + r["browser_updates"]
    every_e = r["epochs"] + r["browser_epochs"]
    print(f"  class efficiency: {sum(every_e):,.0f} epochs/s for the class together = "
          f"{sum(every_e) / speed['cli']:.2f} x the CLI's one network alone"
          + (f", {sum(every_e) / speed['torch']:.2f} x PyTorch's" if "torch" in speed else "")
          + (f"; target >= {TARGET_EFFICIENCY[replicas]:g} at 30: "
             + ("met" if sum(every_e) / speed["cli"] >= TARGET_EFFICIENCY[replicas]
                else "MISSED") if r["sessions"] >= 30 else ""))
    ok = every and min(every) >= TARGET_UPDATES and min(every_e) >= TARGET_EPOCHS
    print(f"  target every session >= {TARGET_UPDATES:.0f} updates/s and >= "
          f"{TARGET_EPOCHS:.0f} epochs/s: {'met' if ok and not r['errors'] else 'MISSED'}")


TARGET_CLASS_RATIO = 0.9  # students in class mode keep this share of their rates
TARGET_DASHBOARD = 1.0  # the dashboard's redraws a second
TARGET_REPORT_AGE = 3.0  # seconds: a student's latest report at most this old


def print_class(alone: dict, together: dict) -> dict[str, float]:
    """Class mode against the same stage without it, in the same run; returns the
    students' rates with class mode over without."""
    c = together["class"]
    every = lambda r, k: r[k] + r["browser_" + k]  # noqa: E731 - light clients and Chromium
    ratios = {f"{what} {k}": f(every(together, k)) / max(f(every(alone, k)), 1e-9)
              for k in ("updates", "epochs")
              for what, f in (("slowest", min), ("median", statistics.median))}
    ok_rates = all(r >= TARGET_CLASS_RATIO for r in ratios.values())
    print(f"  class mode: {c['reported']} of {c['students']} students reported; oldest latest "
          f"report {c['oldest_report']:.1f} s; the dashboard redrawn {c['dashboards']:.2f} "
          f"times a second; errors {len(c['dashboard_errors'])}")
    print("  students' rates in class mode / without: " + ", ".join(
        f"{k} {v:.2f}" for k, v in ratios.items())
          + f"; target >= {TARGET_CLASS_RATIO:g}: {'met' if ok_rates else 'MISSED'}")
    ok = (c["dashboards"] >= TARGET_DASHBOARD and c["oldest_report"] <= TARGET_REPORT_AGE
          and c["reported"] == c["students"] == together["sessions"])
    print(f"  targets dashboard >= {TARGET_DASHBOARD:g}/s, every student reported, latest "
          f"report <= {TARGET_REPORT_AGE:g} s old: {'met' if ok else 'MISSED'}")
    return ratios


# --- first loads, soak, churn -------------------------------------------------------------------
async def first_loads(base: str, n: int) -> list[float]:
    """``n`` sessions opening the page at the same moment (page, assets, first full run);
    seconds each waited until the page was drawn."""
    stop = asyncio.Event()
    clients = [Client(base, "", fetch_assets=True) for _ in range(n)]
    await asyncio.wait_for(asyncio.gather(*(c.run(stop, stop_when_drawn=True) for c in clients)),
                           120)
    return [(c.finished - c.started) if c.finished else float("inf") for c in clients]


async def soak(base: str, pids: list[int], minutes: float) -> None:
    stop = asyncio.Event()
    client = Client(base, QUERY)
    task = asyncio.create_task(client.run(stop))
    await asyncio.sleep(5)
    print(f"\nSoak: one session playing for {minutes:g} min (rate over each 30 s, RSS):")
    end = time.perf_counter() + 60 * minutes
    while time.perf_counter() < end:
        t0, n0, e0 = client.counts()
        await asyncio.sleep(min(30.0, max(1.0, end - time.perf_counter())))
        t1, n1, e1 = client.counts()
        rss = rss_mb(server_processes(pids))
        print(f"  t={(t1 - end) / 60 + minutes:5.1f} min  {(n1 - n0) / (t1 - t0):5.1f} updates/s  "
              f"{(e1 - e0) / (t1 - t0):6.0f} epochs/s  RSS {rss:.0f} MB", flush=True)
    stop.set()
    await task
    print(f"  errors: {client.errors or 0}")


async def churn(base: str, pids: list[int], n: int, wait: float) -> None:
    before = rss_mb(server_processes(pids))
    print(f"\nChurn: {n} sessions open (10 at a time), play 3 s, close; RSS before {before:.0f} MB")
    errors = []
    for i in range(0, n, 10):
        stop = asyncio.Event()
        clients = [Client(base, QUERY) for _ in range(min(10, n - i))]
        tasks = [asyncio.create_task(c.run(stop)) for c in clients]
        await asyncio.sleep(3)
        stop.set()
        await asyncio.gather(*tasks)
        errors += [e for c in clients for e in c.errors]
    peak = rss_mb(server_processes(pids))
    await asyncio.sleep(wait)
    # one more session: Streamlit drops expired disconnected sessions when it next looks
    # (when a session disconnects); then give the app's memory trimming (every 30 s) a turn
    stop = asyncio.Event()
    probe = Client(base, "")
    await probe.run(stop, stop_when_drawn=True)
    await asyncio.sleep(35)
    after = rss_mb(server_processes(pids))
    change = 100 * (after - before) / before
    print(f"  RSS right after: {peak:.0f} MB; {wait + 35:.0f} s later: {after:.0f} MB "
          f"({change:+.1f} %); errors: {len(errors)}")
    print(f"  target within 10 % of the start: {'met' if abs(change) <= 10 else 'MISSED'}")


async def main_async(args) -> None:
    # a thread for every connection every session's browser opens at once (asyncio's
    # default, a handful, would queue the class's requests here, not at the server)
    asyncio.get_running_loop().set_default_executor(
        concurrent.futures.ThreadPoolExecutor(max_workers=BROWSER_CONNECTIONS * 40 + 8))
    speed = machine_speed()  # before the server starts: the machine alone
    with server(args) as (base, pids):
        how = f"nginx + {args.replicas} replicas" if args.replicas else "one streamlit run"
        print(f"server: {base} ({'as given' if args.url else how}); {os.cpu_count()} CPUs")
        print(f"each session: ?{QUERY}")
        print(speed_line(speed))
        if args.first_loads:
            alone = await first_loads(base, 1)
            served = server_processes(pids)
            server_cpu, own_cpu = drive.total_cpu_seconds(served), time.process_time()
            many = await first_loads(base, args.first_loads)
            server_cpu = drive.total_cpu_seconds(served) - server_cpu
            own_cpu = time.process_time() - own_cpu
            ok = max(many) <= TARGET_FIRST_LOAD
            print(f"\nFirst load (page, its scripts and styles, first run drawn): alone "
                  f"{alone[0]:.2f} s; {args.first_loads} at once: median "
                  f"{statistics.median(many):.2f} s, slowest {max(many):.2f} s; target each "
                  f"<= {TARGET_FIRST_LOAD:.0f} s: {'met' if ok else 'MISSED'}")
            # what each first load cost the server, and what the light clients themselves
            # took of the same cores (they run on this machine too)
            print(f"  server CPU {1000 * server_cpu / args.first_loads:.0f} ms per first load; "
                  f"the {args.first_loads} light clients' own CPU {own_cpu:.2f} s")
            await asyncio.sleep(args.settle)
        ratios = []
        for i, n in enumerate(args.stages):
            # with --class-mode, each stage as a pair, without and with class mode; every
            # other pair in the other order, since a server's later stages run slower (its
            # earlier sessions linger): repeat a stage (--stages 30 30) and the drift
            # cancels out of the pairs' mean
            kinds = [False, True] if args.class_mode else [False]
            results = {}
            for in_class in (kinds if i % 2 == 0 else kinds[::-1]):
                results[in_class] = await stage(
                    base, pids, n, args.browsers, args.warmup, args.seconds,
                    args.class_db if in_class else None, not args.no_dashboard)
                print_stage(results[in_class], speed, bool(args.replicas))
                await asyncio.sleep(args.settle)
            if args.class_mode:
                ratios.append(print_class(results[False], results[True]))
        if len(ratios) > 1:
            mean = {k: statistics.mean(r[k] for r in ratios) for k in ratios[0]}
            print(f"\nclass mode / without, mean of {len(ratios)} pairs (alternating order): "
                  + ", ".join(f"{k} {v:.2f}" for k, v in mean.items())
                  + f"; target >= {TARGET_CLASS_RATIO:g}: "
                  + ("met" if min(mean.values()) >= TARGET_CLASS_RATIO else "MISSED"))
        if args.soak_minutes:
            await soak(base, pids, args.soak_minutes)
        for _ in range(args.churn_rounds if args.churn else 0):
            await churn(base, pids, args.churn, args.churn_wait)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--browser-worker":
        url, count, warmup, seconds, code = sys.argv[2:7]
        browser_worker(url, int(count), float(warmup), float(seconds), code)
        return 0
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stages", type=int, nargs="*", default=[1, 10, 30],
                    help="sessions at once, one stage each (none: skip)")
    ap.add_argument("--browsers", type=int, default=3, help="of them in Chromium")
    ap.add_argument("--seconds", type=float, default=15.0, help="measured per stage")
    ap.add_argument("--warmup", type=float, default=5.0)
    ap.add_argument("--settle", type=float, default=3.0, help="pause between stages")
    ap.add_argument("--replicas", type=int, default=0,
                    help="serve through deploy/serve.py with this many replicas behind nginx")
    ap.add_argument("--url", help="an already running server instead")
    ap.add_argument("--server-pids", nargs="*", default=[],
                    help="with --url: its process ids (for CPU and RSS)")
    ap.add_argument("--first-loads", type=int, default=0, help="simultaneous first loads")
    ap.add_argument("--soak-minutes", type=float, default=0.0)
    ap.add_argument("--churn", type=int, default=0, help="sessions to open and close")
    ap.add_argument("--churn-wait", type=float, default=40.0,
                    help="seconds after the churn before RSS is read again")
    ap.add_argument("--churn-rounds", type=int, default=1,
                    help="repeat the churn: memory reused, or a leak that grows each round?")
    ap.add_argument("--session-ttl", type=int, default=0,
                    help="server.disconnectedSessionTTL for the server started here")
    ap.add_argument("--class-mode", action="store_true",
                    help="each stage again as one class: students join, report, a dashboard")
    ap.add_argument("--no-dashboard", action="store_true",
                    help="class mode without the teacher's dashboard open (what it costs)")
    ap.add_argument("--class-db", default="",
                    help="the class database's URL (default: a new SQLite file here)")
    ap.add_argument("--timeout", type=float, default=3600.0, help="stop after this, whatever")
    args = ap.parse_args()
    if not args.class_db:
        import tempfile

        args.class_db = f"sqlite:///{tempfile.mkdtemp(prefix='np-class-load-')}/classes.sqlite"
    try:
        asyncio.run(asyncio.wait_for(main_async(args), args.timeout))
    except TimeoutError:
        print(f"stopped after --timeout {args.timeout:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
