"""Text every page shares: the app's name, navigation, the language switch, links."""

TEXT = {
    "app_title": "Neural Playground",
    "replica_moved": (
        "Your server stopped and another took over. Settings kept; press Play to train again."
    ),
    "language": "Language",
    "nav_playground": "Playground",
    "nav_lessons": "Lessons",
    "nav_neuron": "1 · One neuron",
    "nav_activations": "2 · Activation functions",
    "nav_backprop": "3 · Backpropagation, step by step",
    "nav_descent": "4 · Loss and gradient descent",
    "nav_inside": "5 · Inside the network",
    "nav_multiclass": "6 · Many classes",
    "nav_loop": "7 · The training loop",
    "nav_capacity": "8 · Capacity",
    "nav_class": "Class",
    "open_in_playground": "Try it live in the Playground: {lesson}",
    "what_to_notice": "What to notice",
    # predict, then see (ui/predict.py)
    "predict_title": "Predict first:",
    "predict_commit": "Lock in my prediction",
    "predict_number": "your number",
    "predict_skip": "Just show me",
    "list_or": " or ",
    "list_and": " and ",
    "predict_held": "Your prediction — {question} **{answer}**",
    "predict_again": "Predict again",
    "predict_right": "You said {answer}, and so it is. {shown}",
    "predict_wrong": "You said {answer}; it is {truth}. {shown}",
    "predict_number_close": "You said {answer}; it is **{truth}**, within 5 % (off by {off}).",
    "predict_number_off": "You said {answer}; it is **{truth}**, off by {off} ({share}).",
    "from_articles": "From the articles: {ids}",
    # every lesson's notation panel (ui/lesson.py): the articles' way and the app's side by side
    "notation_title": "Notation: the articles' way and this app's",
    "notation": (
        "Article 004 (like Andrew Ng's course) writes each sample as a **column**; this app, "
        "like article 001's NumPy code (`np.dot(inputs, weights)`), writes it as a **row**. "
        "The numbers are the same: one form is the transpose of the other, "
        "$(W \\cdot A)^\\top = A^\\top \\cdot W^\\top$.\n\n"
        "| | article 004 | this app, article 001's code |\n"
        "|---|---|---|\n"
        "| one sample $x$ | a column, $n^{[0]} \\times 1$ | a row, $1 \\times n^{[0]}$ |\n"
        "| m samples $X$, $A^{[l]}$, $Z^{[l]}$ | columns side by side, $n^{[l]} \\times m$ "
        "| rows stacked, $m \\times n^{[l]}$ |\n"
        "| one layer | $Z^{[l]} = W^{[l]} \\cdot A^{[l-1]} + b^{[l]}$ "
        "| $Z^{[l]} = A^{[l-1]} \\cdot W^{[l]} + b^{[l]}$ |\n"
        "| weights $W^{[l]}$ | $n^{[l]} \\times n^{[l-1]}$: $w^{[l]}_{jk}$ goes from unit k "
        "of layer l − 1 to unit j of layer l | $n^{[l-1]} \\times n^{[l]}$: $W^{[l]}_{kj}$ "
        "goes from unit k to unit j (the article's, transposed) |\n"
        "| bias $b^{[l]}$ | a column, $n^{[l]} \\times 1$, added to every column "
        "| a row, $1 \\times n^{[l]}$, added to every row |\n"
        "| gradient of $W^{[l]}$ | $dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]\\top}$ "
        "| $dW^{[l]} = \\frac{1}{m} A^{[l-1]\\top} dZ^{[l]}$ |\n\n"
        "On every page: $L$ is the loss of one sample, $J$ the cost, the mean of $L$ over "
        "the m samples (article 003); $dW$ is short for $∂J/∂W$; an update is written with "
        "an arrow, $w ← w − α\\,∂J/∂w$; many books write $w := …$ for the same."
    ),
    # every live page from the keyboard (ui/live/keyboard.js): what it says to a screen
    # reader, and the list of keys
    "key_playing": "Playing",
    "key_paused": "Paused",
    "key_stepped": "One epoch trained",
    "keyboard": "Keyboard",
    "keyboard_help": (
        "- **Space**: Play or Pause\n"
        "- **.** (full stop): train one epoch\n"
        "- **Tab** / **Shift+Tab**: every control in turn; **Enter** or **Space** presses "
        "the one in focus\n\n"
        "Not while typing in a field or choosing from a list: there the keys are the "
        "field's. Where your system asks for reduced motion, the live pictures change "
        "twice a second; the training goes on as fast."
    ),
    # a chart in words, for a screen reader (ui/charts.py)
    "chart_says": "Chart: {title}. {parts}.",
    "chart_title_only": "Chart: {title}.",
    "chart_nothing": "An empty chart.",
    "chart_untitled": "Chart. {parts}.",
    "chart_line": "{name}: a line through {n} points, {x} from {x0} to {x1}, {y} from {y0} to {y1}",
    "chart_points": "{name}: {n} points, {x} from {x0} to {x1}, {y} from {y0} to {y1}",
    "chart_point": "{name}: one point, at {x} {x0}, {y} {y0}",
    "chart_labelled": "{name}: points labelled {labels}",
    "chart_bars": "{name}: bars {bars}",
    "chart_map": "{name}: values from {z0} to {z1} over {x} and {y}",
    "chart_unnamed": {"line": "line {k}", "points": "points {k}", "bars": "bars",
                      "map": "colour map"},
    "chart_x": "x",
    "chart_y": "y",
    "chart_sep": "; ",
    "chart_list_sep": ", ",
}
