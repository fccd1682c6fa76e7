"""What the AppTest files of the pages share: opening a page through main.py (as a learner's
link does) and reading what it shows. Plain helpers, no tests here."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest


def open_page(page_file: str, query: dict | None = None, timeout: float = 60) -> AppTest:
    """``pages/<page>.py`` run through main.py, with ``query`` as the link's parameters."""
    at = AppTest.from_file("../main.py", default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(page_file)
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Every st.metric on the page: label -> value."""
    return {m.label: m.value for m in at.metric}


NUMBER = re.compile(r'<dt class="np-metric-label"[^>]*>(.*?)</dt>'
                    r'<dd class="np-metric-value"[^>]*>(.*?)</dd>')


def numbers(at: AppTest) -> dict[str, str]:
    """The Playground's live numbers (one HTML element, not st.metric): label -> value."""
    return {html.unescape(label): html.unescape(value)
            for element in at.get("html") for label, value in NUMBER.findall(element.proto.body)}


def boxes(at: AppTest) -> str:
    """The text of every error, warning, info and success box."""
    return "\n".join(b.value for kind in (at.error, at.warning, at.info, at.success)
                     for b in kind)
