"""The text of each page in the learner's language, from the catalogues in ``ui/locales``.

A page asks for ``texts("backprop", lang)`` and reads every label from the returned
dict, so no page or figure holds a user-facing literal. Plain Python (no Streamlit), so
the catalogues can be tested without a browser.
"""

from __future__ import annotations

import importlib
from functools import cache

LANGUAGES = {"en": "English", "zh": "简体中文"}  # code -> the language's own name
DEFAULT = "en"


@cache
def _catalogue(page: str, lang: str) -> dict:
    try:
        return importlib.import_module(f"ui.locales.{lang}.{page}").TEXT
    except ModuleNotFoundError:
        return {}


def texts(page: str, lang: str = DEFAULT) -> dict:
    """The text of ``page`` in ``lang``: a fresh dict (safe to change), English for any key
    the translation lacks. An unknown language gives English."""
    english = _catalogue(page, DEFAULT)
    if not english:
        raise KeyError(f"no English text for page {page!r}")
    if lang not in LANGUAGES or lang == DEFAULT:
        return dict(english)
    return {**english, **_catalogue(page, lang)}


def pick_language(requested: str | None, browser_locale: str | None) -> str:
    """The language to show: ``lang`` from the link if it is one we have, else the
    browser's language where it is Chinese, else English. ``zh-TW`` and ``zh-HK`` get
    Simplified Chinese too: closer to them than English."""
    if requested in LANGUAGES:
        return requested
    if browser_locale and browser_locale.lower().split("-")[0] in LANGUAGES:
        return browser_locale.lower().split("-")[0]
    return DEFAULT



def error_text(error: Exception, lang: str = DEFAULT) -> str:
    """A problem with a learner's file, in ``lang``: an error that carries a ``key`` and
    ``fields`` (``core.csvdata.CSVDataError``; ``core.model_io.ModelFileError``, whose
    ``catalogue`` names the table "model") is worded from the ``errors`` catalogue;
    any other error keeps its own (English) message. Ends without a full stop, like the
    engine's messages, so a page can put it inside a sentence."""
    T = texts("errors", lang)
    name = getattr(error, "catalogue", "csv")
    table, words = T.get(name, {}), T.get(f"{name}_values", {})  # words: "a list" -> 列表
    key, fields = getattr(error, "key", None), getattr(error, "fields", None)
    if key not in table or fields is None:
        return str(error)
    message = table[key].format(**{field: words.get(v, v) if isinstance(v, str) else v
                                    for field, v in fields.items()})
    hint = getattr(error, "hint", None)
    return f"{message}{T['sentence_end']}{T['csv_hints'][hint]}" if hint else message
