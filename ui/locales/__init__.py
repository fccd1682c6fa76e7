"""Every user-facing string of the app, one catalogue per language.

``ui/locales/<lang>/`` is the catalogue of one language: a module per page (and
``common`` for what every page shares: navigation, the language switch), each with a
dict ``TEXT``. English is complete; every other language must have the same keys with
the same format fields (tests/ui/test_locales.py), and falls back to English at run time
for anything it lacks.
"""
