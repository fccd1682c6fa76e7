"""The Playground's room: settings and link state, presets, the live run, the sidebar,
the session controller and the live frame. Other pages read only ``controller.current_run``."""
