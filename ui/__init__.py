"""Helpers shared by the pages, in rooms named for what they serve.

- ``i18n`` and ``locales/``: every user-facing string, one catalogue per language.
- ``language``: the shared ``lang`` session entry and the switch in the sidebar.
- ``playground/``: the Playground's settings, presets, live run, sidebar and controller.
- ``lesson.py``: what every lesson page shares (links to the Playground, the "what to
  notice" box).
- one room per lesson (``neuron``, ``activations``, ``backprop``, ``descent``, ``inside``)
  where a lesson needs more than its page file.

Arrows go pages -> ui -> figures/core, never back.
"""
