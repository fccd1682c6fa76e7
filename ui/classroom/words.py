"""A nickname inside the page's words: always text, never markup."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'$:])")


def as_markdown(text: str) -> str:
    """``text`` for ``st.markdown``, shown exactly as typed: every ASCII punctuation mark
    that Markdown could read as markup (CommonMark lets each be escaped with a
    backslash), so ``<script>`` or ``**me**`` is shown, not run or made bold."""
    return _MARKDOWN.sub(r"\\\1", text)
