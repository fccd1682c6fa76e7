"""What the theme in .streamlit/config.toml cannot say, said once for every page.

Streamlit draws captions in its text colour at 60 % opacity: #828180 on white, 3.9:1,
under the 4.5:1 that WCAG 2.1 AA asks of text (axe-core, tests/browser/
test_accessibility.py). The theme has no caption colour, and a darker text colour dark
enough to lift captions to 4.5:1 would make all text near black; so captions get a
colour of their own here: #5f5e5c, 6.5:1 on white and 5.8:1 on the sidebar's grey.

At 320 CSS pixels wide (a phone, or a desktop at 400 % zoom: WCAG 1.4.10), a displayed
formula at KaTeX's 1.21em is up to a seventh wider than the column and scrolls sideways;
at nine tenths of the body's size it fits (tests/browser/test_reflow.py).

A chart's sentence for a screen reader (``ui/charts.py``, class ``np-said``) is out of
sight and takes no room: its element is taken out of the page's column of elements, so
no gap is left where it is."""

from __future__ import annotations

import streamlit as st

CAPTION = "#5f5e5c"
NARROW_PX = 420  # a column this narrow sets displayed formulas a little smaller
SAID = ".np-said"  # said to a screen reader, seen by nobody (ui/charts.py)
HIDDEN = ("position: absolute; width: 1px; height: 1px; overflow: hidden; "
          "clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;")
# the caption colour, at full opacity (Streamlit fades captions with opacity, not colour)
CSS = (f"<style>[data-testid='stCaptionContainer'] {{ color: {CAPTION}; opacity: 1; }}"
       f"@media (max-width: {NARROW_PX}px) {{ .katex-display > .katex {{ font-size: 0.9em; }} }}"
       f"{SAID} {{ {HIDDEN} margin: 0; }} "
       f"[data-testid='stElementContainer']:has({SAID}) {{ position: absolute; }}"
       "</style>")


def apply() -> None:
    """On every page, before it draws anything (a style only: it takes no room)."""
    st.html(CSS)
