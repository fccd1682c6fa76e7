"""Streamlit's page files served from memory (ui/static_files.py): the same bytes as
Streamlit's own, compressed where the browser accepts it, and anything else left to
Streamlit."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip

import pytest

from ui.live import streamlit_internals as internals
from ui.static_files import StaticFiles

BUNDLES = internals.static_dir() / "static"
PAGE = internals.static_dir() / "index.html"
SCRIPT = min((BUNDLES / "js").glob("*.js"), key=lambda p: -p.stat().st_size)  # the largest


def ask(files: StaticFiles, path: str, method: str = "GET", encoding: bytes | None = b"gzip",
        etag: bytes | None = None):
    """``(status, headers, body, passed on to Streamlit)`` for one request (``etag``: the
    copy the browser holds, as If-None-Match)."""
    sent, passed = [], []

    async def streamlit(scope, receive, send):
        passed.append(scope["path"])

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    files.app = streamlit
    headers = [(b"accept-encoding", encoding)] if encoding is not None else []
    headers += [(b"if-none-match", etag)] if etag is not None else []
    scope = {"type": "http", "method": method, "path": path, "headers": headers}
    # in a thread of its own: the browser tests' Playwright may run a loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, files(scope, receive, send)).result()
    if passed:
        return None, {}, b"", True
    start, body = sent
    return start["status"], dict(start["headers"]), body["body"], False


@pytest.fixture
def files():
    return StaticFiles(None, base_path="")


def test_a_bundle_comes_from_memory_compressed_and_is_the_very_file(files):
    status, headers, body, passed = ask(files, f"/static/js/{SCRIPT.name}")
    assert status == 200 and not passed
    assert headers[b"content-encoding"] == b"gzip" and headers[b"vary"] == b"Accept-Encoding"
    assert gzip.decompress(body) == SCRIPT.read_bytes()
    assert len(body) < SCRIPT.stat().st_size / 2  # what a classroom's Wi-Fi carries
    assert int(headers[b"content-length"]) == len(body)
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    assert headers[b"content-type"].startswith(b"application/javascript") or \
        headers[b"content-type"].startswith(b"text/javascript")


@pytest.mark.parametrize("encoding", [None, b"identity", b"gzip;q=0, br", b"deflate"])
def test_a_browser_that_takes_no_gzip_gets_the_file_as_it_is(files, encoding):
    status, headers, body, _ = ask(files, f"/static/js/{SCRIPT.name}", encoding=encoding)
    assert status == 200 and body == SCRIPT.read_bytes() and b"content-encoding" not in headers


def test_a_head_request_gets_the_headers_and_no_body(files):
    status, headers, body, _ = ask(files, f"/static/js/{SCRIPT.name}", method="HEAD")
    assert status == 200 and body == b"" and int(headers[b"content-length"]) > 0


def test_the_page_comes_from_memory_and_is_asked_for_each_time(files):
    status, headers, body, passed = ask(files, "/")
    assert status == 200 and not passed
    assert gzip.decompress(body) == PAGE.read_bytes()
    assert headers[b"content-type"] == b"text/html; charset=utf-8"
    assert headers[b"cache-control"] == b"no-cache"  # a new release's page is seen at once
    assert headers[b"etag"].startswith(b'"') and int(headers[b"content-length"]) == len(body)
    assert ask(files, "/", encoding=None)[2] == PAGE.read_bytes()


def test_a_browser_holding_the_page_gets_a_304_and_a_changed_page_in_full(files):
    tag = ask(files, "/")[1][b"etag"]
    for held in (tag, b"W/" + tag, b'"old", ' + tag, b"*"):
        status, headers, body, _ = ask(files, "/", etag=held)
        assert status == 304 and body == b"" and headers[b"etag"] == tag
    status, _, body, _ = ask(files, "/", etag=b'"old"')
    assert status == 200 and gzip.decompress(body) == PAGE.read_bytes()


def test_a_page_under_a_base_path_is_served_there():
    files = StaticFiles(None, base_path="/class/")
    assert not ask(files, "/class/")[3]
    assert ask(files, "/")[3] and ask(files, "/class/neuron")[3]


@pytest.mark.parametrize("encoding", [b"gzip;q=x", b"gzip;q=", b"gzip;q=0.0"])
def test_an_accept_encoding_it_cannot_read_gets_the_file_as_it_is(files, encoding):
    status, headers, body, _ = ask(files, f"/static/js/{SCRIPT.name}", encoding=encoding)
    if encoding != b"gzip;q=":
        assert body == SCRIPT.read_bytes() and b"content-encoding" not in headers
    assert status == 200


@pytest.mark.parametrize("path", [
    "/neuron", "/index.html", "/static/index.html", "/static/js/no-such-bundle.js",
    "/static/js/../../index.html", "/static/js/%2e%2e/index.html", "/static/js/.hidden.js",
    "/static/js/a/b.js", "/static//etc/passwd", "/_stcore/health", "/np-live",
    "/static/other/x.js",
])
def test_anything_else_is_left_to_streamlit(files, path):
    assert ask(files, path)[3]


def test_a_post_is_left_to_streamlit(files):
    assert ask(files, f"/static/js/{SCRIPT.name}", method="POST")[3]


def test_under_a_base_path_the_bundles_are_found_there_and_only_there():
    files = StaticFiles(None, base_path="/class/")
    assert not ask(files, f"/class/static/js/{SCRIPT.name}")[3]
    assert ask(files, f"/static/js/{SCRIPT.name}")[3]


def test_a_file_is_read_once(files, tmp_path):
    (tmp_path / "css").mkdir()
    sheet = tmp_path / "css" / "index.abc.css"
    sheet.write_text("body { color: red; }" * 100)
    files = StaticFiles(None, directory=tmp_path, base_path="")
    first = ask(files, "/static/css/index.abc.css")[2]
    sheet.write_text("changed")  # Streamlit's bundles never change while it runs
    assert ask(files, "/static/css/index.abc.css")[2] == first
