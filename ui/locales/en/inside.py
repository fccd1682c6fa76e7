"""Lesson 5, Inside the network (pages/inside.py, ui/inside/)."""

from .names import TEXT as NAMES  # one name per thing, on every page

CSV_IN_A_SENTENCE = "your CSV file"  # "trains on ..." reads better than the menu's word

TEXT = {
    "title": "Inside the network",
    "intro": (
        "A hidden layer turns every point of the plane into new coordinates: one number per "
        "unit. So the hidden layers are a **feature extractor**: they learn features in "
        "which the classes, tangled in the plane, come apart. The output layer can only "
        "draw a straight line (a plane, a hyperplane) through its inputs, so after training "
        "the **last hidden layer** must have moved the classes apart so that straight cuts "
        "separate them: two classes to either side of one line (plane, hyperplane), three or "
        "more into regions whose borders, one for each pair of classes, are straight.\n\n"
        "On the left (first, on a phone) is the input plane with a grid of lines and the "
        "data. On the right (below it, on a phone) the "
        "same grid and data as the chosen layer sees them: each axis is one unit's "
        "activation. Press **Play** and watch the layer bend and fold the plane until a "
        "straight line separates the classes."
    ),
    # which network
    "source": "Network to look into",
    "source_playground": "The Playground's network",
    "source_fresh": "A fresh network made here",
    "no_playground": (
        "The Playground has no network in this session yet, so this page made a small one "
        "of its own. Press **Play** to train it here, or open the Playground "
        "first and come back to look inside its network."
    ),
    "playground_no_hidden": (
        "The Playground's network has no hidden layer: its output draws a straight line "
        "right in the input plane, and there is nothing inside to look at. This page made "
        "a small network with hidden layers of its own; press **Play** to train it here."
    ),
    "playground_features": (
        "The Playground's network is fed other inputs than x1, x2 (such as x1²), so its "
        "first layer does not see the plane itself, and this lesson maps the plane through "
        "the layers. This page made a small network of its own; press **Play** to train it "
        "here."
    ),
    "playground_net": (
        "The Playground's network: {net}, on {data}. Training it here trains it there too."
    ),
    "fresh_data": "Data set",
    "fresh_act": "Hidden activation",
    "fresh_button": "Start a fresh network",
    "fresh_help": "New initial weights for this page's network (the data stay the same).",
    "fresh_net": "This page's network: {net}. Its last hidden layer has 2 units, so the "
                 "output's boundary there is an exact straight line.",
    "net_desc": "{sizes} ({hidden} hidden layers, {out} output)",
    "data_names": NAMES["datasets"] | {"csv": CSV_IN_A_SENTENCE},
    "act_names": NAMES["activations"],
    # buttons
    "play": "Play",
    "pause": "Pause",
    "step": "+1 epoch",
    "step_help": "Train one epoch and stop.",
    "diverged": (
        "Training diverged (a weight or the loss stopped being a finite number), so the "
        "last good weights are kept. Start a fresh network, or lower the learning rate in "
        "the Playground."
    ),
    # what to look at
    "layer": "Hidden layer",
    "layer_option": "{l} ({n} units)",
    "unit_x": "Horizontal axis",
    "unit_y": "Vertical axis",
    "unit_z": "Third axis (3-D)",
    "unit_option": "unit {u}",
    "unit_axis": "activation of unit {u}",
    "one_unit_help": "This layer has a single unit, so its space has only one axis.",
    "view_3d": "3-D view",
    "view_3d_help": "Show three units in a 3-D view you can turn (while paused).",
    "view_3d_off": "A 3-D view needs a layer with at least 3 units.",
    # numbers
    "m_epoch": "Epoch",
    "m_epoch_help": "Passes through the training data so far.",
    "m_train_acc": "Train accuracy",
    "m_train_acc_help": (
        "The network's accuracy on the training points: the output layer's straight line "
        "drawn in the last hidden layer."
    ),
    "m_line_input": "A straight line in the plane",
    "m_line_layer": "A straight line in layer {l}",
    "m_line_help": (
        "The training accuracy of the best straight line fitted to the training points in "
        "this space (logistic regression on all units of the layer). 100% means the "
        "classes are linearly separable there."
    ),
    # pictures
    "input_title": "**The input plane** (x1, x2): grid lines and the training points",
    "layer_title": "**Hidden layer {l}**, units {u} and {v}: the same grid and points",
    "layer_title_3d": "**Hidden layer {l}**, units {u}, {v} and {w}: turn it with the mouse",
    "layer_title_one": "**Hidden layer {l}**: its only unit",
    "alt_input": "the input plane with grid lines and the data",
    "alt_layer": "the grid and the data mapped into the chosen layer",
    "legend": (
        "Dots: training points in their class's colour. Background of the input plane: "
        "the network's decision regions. Grid lines: the same lines in both pictures."
    ),
    "live_2d": "The 3-D view is drawn when you pause; while training you see two units.",
    "regression_note": (
        "The Playground's data set is a regression task: the colours show the sign of the "
        "value, and there are no classes to separate, so no accuracy is shown."
    ),
    "note_one_unit": (
        "This layer has only **one unit**, so its space has only one axis: every point "
        "becomes one number. The grid lines would all fall onto that axis, so only the "
        "data is drawn, one band per class (the height in a band carries no meaning)."
    ),
    "note_exact_point": (
        "This is the last hidden layer, so the background shows what the output layer "
        "makes of each value, and the dashed line is the exact threshold."
    ),
    "note_exact_line": (
        "This is the last hidden layer and it has exactly 2 units, so the output layer sees "
        "only these two numbers: its boundary (dashed) is exactly a **straight line**, and "
        "the background shows its output everywhere in this space."
    ),
    "note_exact_regions": (
        "This is the last hidden layer and it has exactly 2 units: the background shows "
        "what the output layer makes of every point of this space, and the borders between "
        "its colours are straight lines."
    ),
    "note_same_unit": "Both axes show the same unit, so every point lies on the diagonal.",
    "note_not_exact": (
        "This last hidden layer has {n} units, and the output layer uses all of them: its "
        "boundary is a flat (hyper)plane in {n} dimensions, which two units alone cannot "
        "show as a line. So no line is drawn: instead each piece of a grid line has the "
        "colour of the class the network predicts there."
    ),
    "note_not_last": (
        "This is not the last hidden layer: more layers follow, so the output's boundary "
        "is not straight here yet. Each piece of a grid line has the colour of the class "
        "the network predicts there."
    ),
    "note_dead": (
        "Unit(s) {units} give every point the same value (dead units, typical of ReLU): all "
        "the points collapse onto one value on that axis. Pick other units, or start a "
        "fresh network."
    ),
    "note_all_dead": (
        "Every unit of this layer gives every point the same value: the whole layer is "
        "dead (typical of ReLU), so nothing reaches the output and training cannot revive "
        "it (ReLU's derivative is 0 there). Start a fresh network, or pick Tanh."
    ),
    "note_nonfinite": (
        "Some values in this layer were not finite numbers and are drawn at 0: the weights "
        "are very large. Start a fresh network."
    ),
    "class_names": ["class 0", "class 1", "class 2", "class 3", "class 4", "class 5",
                    "class 6", "class 7", "class 8", "class 9"],
    "hover_point": "x1 = {x1:.2f}, x2 = {x2:.2f}<br>{cls}",
    "decision_plane": "output = 1/2",
    # every layer
    "table_title": "How far can a straight line separate the data, layer by layer?",
    "predict_space": ("At epoch {epoch}: in which space does the best straight line separate "
                      "the training points best?"),
    "predict_input": ("As the network trains on, what happens to how well a straight line "
                      "separates the points in the input plane?"),
    "input_moves": {"up": "better", "same": "the same", "down": "worse"},
    "predict_input_shown": ("The input plane is the data itself: no weight moves it, so its "
                            "best line stays at {share} at every epoch. Training changes only "
                            "the hidden layers' spaces."),
    "predict_space_shown": "{space}: the best straight line gets {share} of the points right.",
    "col_space": "Space",
    "col_line": "Best straight line (train accuracy)",
    "input_space": "Input plane (x1, x2)",
    "hidden_space": "Hidden layer {l}",
    "table_caption": (
        "A logistic regression fitted to the training points in each space. A line past "
        "all the points already scores the share of the largest class, so no entry is "
        "below it. When training succeeds, the last hidden layer has the highest number."
    ),
    "notice": (
        "- In the input plane no straight line separates circles or a spiral; in the last "
        "hidden layer of a well-trained network one does (the last number in the table "
        "nears 100%).\n"
        "- Each layer is a continuous map: grid lines stay connected, but they bend, stretch "
        "and squeeze (smoothly with tanh or sigmoid; ReLU creases them along straight "
        "lines). Tanh units squash everything into a square from -1 to 1, and a few "
        "such layers can fold the plane so the inner class ends up in a corner.\n"
        "- ReLU units cut the plane along a line and flatten one side onto 0: whole regions "
        "land on the axes. A dead unit sends every point to 0.\n"
        "- With 2 units in the last hidden layer, the output layer's boundary is exactly a "
        "straight line; with more, it is a plane or hyperplane you cannot see from two "
        "units at once."
    ),
    "playground_lesson": "a deep spiral",
}
