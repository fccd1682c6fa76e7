"""Streamlit's own page files (its scripts, styles and fonts), served from memory.

A first visit fetches about 60 of them, 2 MB, before the page can open its session.
Streamlit reads each from disk in a worker thread and streams it through its middleware,
all on the server's one event loop, which also sends every learner's frames: measured
(benchmarks/class_load.py, one process, 30 first loads at once) a third of the time the
GIL was held went to serving these files, against an eighth to running the 30 pages.

So ``StaticFiles``, in front of Streamlit, answers a GET or HEAD for one of its hashed
bundles (``/static/js/...``, ``/static/css/...``, ``/static/media/...``, under the app's
base path) from memory, in one message, gzip-compressed once where the browser accepts
it (a quarter of the bytes over a classroom's Wi-Fi), with Streamlit's own headers: the
names change with every release, so browsers may keep them for a year. The page itself
(``index.html`` at the app's root, where a class's link points) comes from memory too,
never kept by the browser without asking (``no-cache``, and an ETag it can ask with).
Anything else, or a file that is not there, goes on to Streamlit as before.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import re
import threading
from pathlib import Path

from .live import streamlit_internals as internals
from .live.server import under

BUNDLES = ("js", "css", "media")  # Streamlit's hashed bundles, under static/static/
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # one path segment, no "..", no "/"
COMPRESSIBLE = (".js", ".css", ".svg", ".json", ".map", ".txt", ".html")
CACHE_CONTROL = b"public, immutable, max-age=31536000"  # as Streamlit's own, for these
PAGE_CACHE_CONTROL = b"no-cache"  # as Streamlit's own for index.html: asked for each time
PAGE = "index.html"
GZIP_LEVEL = 6


class StaticFiles:
    """ASGI middleware: Streamlit's hashed bundles from memory, everything else to ``app``."""

    def __init__(self, app, directory: Path | None = None, base_path: str | None = None):
        self.app = app
        self.directory = (directory or internals.static_dir() / "static").resolve()
        self.prefix = under(base_path, "/static/")
        self.root = under(base_path, "/")
        self._files: dict[str, tuple[bytes, bytes | None, bytes]] = {}
        self._lock = threading.Lock()
        self._tag: bytes | None = None  # the page's ETag (_page_tag)

    async def __call__(self, scope, receive, send) -> None:
        found, page = None, False
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            if scope["path"].startswith(self.prefix):
                found = self.file(scope["path"][len(self.prefix):])
            elif scope["path"] == self.root:
                found, page = self.page(), True
        if found is None:
            await self.app(scope, receive, send)
            return
        body, zipped, kind = found
        use_gzip = zipped is not None and _accepts_gzip(scope)
        content = zipped if use_gzip else body
        headers = [(b"content-type", kind), (b"content-length", str(len(content)).encode()),
                   (b"cache-control", PAGE_CACHE_CONTROL if page else CACHE_CONTROL)]
        if zipped is not None:
            headers.append((b"vary", b"Accept-Encoding"))
        if use_gzip:
            headers.append((b"content-encoding", b"gzip"))
        status = 200
        if page:
            tag = self._page_tag(body)
            headers.append((b"etag", tag))
            if _has(_header(scope, b"if-none-match"), tag):  # the browser has it already
                status, content = 304, b""
                headers = [h for h in headers if h[0] != b"content-length"]
                headers.append((b"content-length", b"0"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body",
                    "body": b"" if scope["method"] == "HEAD" else content})

    def _page_tag(self, body: bytes) -> bytes:
        """The page's ETag (its digest), computed once: the page never changes while the
        server runs."""
        if self._tag is None:
            self._tag = b'"' + hashlib.md5(body, usedforsecurity=False).hexdigest().encode() + b'"'
        return self._tag

    def file(self, relative: str) -> tuple[bytes, bytes | None, bytes] | None:
        """``(body, its gzip or None, content type)`` of ``bundle/name``, read and
        compressed on first use; None for anything that is not one of the bundles' files
        (another path, an unsafe name, a file that is not there)."""
        parts = relative.split("/")
        if len(parts) != 2 or parts[0] not in BUNDLES or not SAFE_NAME.fullmatch(parts[1]):
            return None
        return self._kept(relative, self.directory / parts[0] / parts[1])

    def page(self) -> tuple[bytes, bytes | None, bytes] | None:
        """The same for the page itself (``index.html``, beside the bundles' folder)."""
        return self._kept("/" + PAGE, self.directory.parent / PAGE)  # no bundle's name

    def _kept(self, key: str, path: Path) -> tuple[bytes, bytes | None, bytes] | None:
        with self._lock:
            if key in self._files:
                return self._files[key]
        try:
            body = path.read_bytes()
        except OSError:  # not there (or not a file): Streamlit says so its own way
            return None
        zipped = (gzip.compress(body, GZIP_LEVEL, mtime=0)
                  if path.suffix in COMPRESSIBLE else None)
        if zipped is not None and len(zipped) >= len(body):
            zipped = None
        kind = (mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        found = (body, zipped, kind.encode())
        with self._lock:
            self._files[key] = found
        return found


def _header(scope, name: bytes) -> bytes | None:
    """The request's header ``name`` (lower case), stripped; None if it has none."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.strip()
    return None


def _accepts_gzip(scope) -> bool:
    """Does the request's Accept-Encoding take gzip (and not at q=0)?"""
    for part in (_header(scope, b"accept-encoding") or b"").lower().split(b","):
        coding, _, params = part.partition(b";")
        if coding.strip() == b"gzip":
            q = params.replace(b" ", b"").partition(b"q=")[2]
            try:
                return not q or float(q) > 0
            except ValueError:  # a q it cannot read: as if gzip were not offered
                return False
    return False


def _has(if_none_match: bytes | None, tag: bytes) -> bool:
    """Does an If-None-Match header name ``tag`` (or "*"): the browser's copy is current."""
    if if_none_match is None:
        return False
    tags = [t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")]
    return b"*" in tags or tag in tags
