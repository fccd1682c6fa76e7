"""Every page, in both languages, in real Chromium: it opens with no exception and no
console error, at desktop and projector sizes, and in Chinese no English is left in the
visible text (names and symbols such as ReLU, Adam, NumPy, x1, dW excepted)."""

from __future__ import annotations

import re

import pytest

from devtools.browser import wait_idle

pytestmark = pytest.mark.browser

PAGES = ["", "neuron", "activations", "backprop", "descent", "inside"]

# Latin words allowed in the Chinese edition: names of things and the maths' own symbols.
ALLOWED = {
    "ReLU", "Leaky", "ELU", "Sigmoid", "sigmoid", "Tanh", "tanh", "Softmax", "softmax", "Adam",
    "SGD", "NumPy", "XOR", "CSV", "JSON", "PNG", "exp", "log", "ln", "max", "min", "sin", "cos",
    "sign", "argmax", "TensorFlow", "Playground", "PyTorch", "ConvNetJS", "MSE", "BCE", "CCE",
    "Olah", "Streamlit", "lr", "dW", "dZ", "dA", "db", "dJ", "dL", "dw", "dz", "da", "id", "x1",
    "x2", "w1", "w2", "KB", "MB", "cm", "px", "vs", "e", "Nesterov",
}
# Streamlit's own chrome, which the app cannot translate (file uploader instructions,
# the running-man status), and KaTeX's hidden MathML copy of every formula.
SKIP = ['[data-testid="stFileUploaderDropzoneInstructions"]', '[data-testid="stToolbar"]',
        '[data-testid="stStatusWidget"]', '[data-testid="stFileUploaderDropzone"] button',
        '.katex-mathml', 'header']
VISIBLE_TEXT = """(skip) => {
  const clone = document.body.cloneNode(true);
  for (const sel of skip) clone.querySelectorAll(sel).forEach(e => e.remove());
  const svg = [...clone.querySelectorAll('svg text')].map(t => t.textContent);
  const attrs = [...clone.querySelectorAll('[title],[aria-label],img[alt]')]
    .map(e => [e.getAttribute('title'), e.getAttribute('alt')].filter(Boolean).join(' '));
  document.body.appendChild(clone); clone.style.display = 'block';
  const text = clone.innerText; clone.remove();
  return [text, ...svg, ...attrs].join('\\n');
}"""
WORD = re.compile(r"[A-Za-z][A-Za-z]+")


def open_page(page, path: str, query: str) -> None:
    page.goto(f"{page.app_url}/{path}{query}")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    wait_idle(page)


def english_words(text: str) -> list[str]:
    """Latin words of two or more letters that are not names or symbols, with context."""
    out = []
    for m in WORD.finditer(text):
        if m.group() not in ALLOWED:
            out.append(text[max(0, m.start() - 15):m.end() + 15].replace("\n", " "))
    return out


def test_the_english_check_finds_english_and_spares_names():
    assert english_words("学习率 0.03，Adam 优化器，ReLU，x1") == []
    assert english_words("训练 Train loss") != []


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720)])
def test_every_page_opens_cleanly(browser, app_url, path, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.app_url = app_url
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page(page, path, "")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_chinese_has_no_english_left(page, path):
    open_page(page, path, "?lang=zh")
    assert page.locator('[data-testid="stException"]').count() == 0
    text = page.evaluate(VISIBLE_TEXT, SKIP)
    assert re.search(r"[\u4e00-\u9fff]", text), "no Chinese on the page"
    assert english_words(text) == []
    assert not page.js_errors, page.js_errors


def test_the_language_travels_with_the_link_between_pages(page):
    open_page(page, "backprop", "?lang=zh")
    assert "lang=zh" in page.url
    page.locator('[data-testid="stSidebarNav"] a').first.click()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    wait_idle(page)
    assert "lang=zh" in page.url
    assert "训练" in page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def test_switching_language_changes_the_page_and_the_link(page):
    open_page(page, "", "")
    page.get_by_role("button", name="简体中文").click()
    wait_idle(page)
    assert "lang=zh" in page.url
    assert "训练" in page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    page.get_by_role("button", name="English").click()
    wait_idle(page)
    assert "lang=zh" not in page.url
