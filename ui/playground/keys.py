"""Where the Playground keeps its state in ``st.session_state``: every key starts with
``NS``, and a widget's with ``W`` (its settings field's name follows: ``W + "dataset"``),
so a page or a test can find them, and a lesson can read the Playground's run."""

NS = "playground."
W = NS + "w_"  # a sidebar or drawing widget: W + the settings field it sets
