"""The live pictures: one loop used by every live page, and what it needs.

- ``loop``: train, draw a frame, repeat (a run only advances, a view only draws a frame);
- ``clock``: the frame rate and each frame's deadline;
- ``sharing``: the live loops' turns on the server's one core, and each one's fair share;
- ``together``: live loops whose networks share a shape train as one stack;
- ``transport``, ``channel`` (with ``live_channel.js``, ``live_region.js`` and
  ``live_chart.js``): how frames reach the page, and whether they have left;
- ``keyboard`` (with ``keyboard.js``): every live page from the keyboard, and the
  reader's wish for reduced motion;
- ``streamlit_internals``: every Streamlit internal the above reads;
- ``server``: what the server process sets once when it starts.
"""
