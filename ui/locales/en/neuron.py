"""Lesson 1, One neuron: the text of pages/neuron.py and ui/neuron.py."""

TEXT = {
    "title": "One neuron",
    "intro": (
        "A neuron takes the two coordinates of a point, $x_1$ and $x_2$, and computes a "
        "weighted sum plus a bias, $z = w_1 x_1 + w_2 x_2 + b$ (in matrix form "
        "$z = x·W + b$, with $W$ of shape (2, 1)). An activation function turns it into the "
        "output $a = σ(z) = 1 / (1 + e^{-z})$, a number between 0 and 1: how sure "
        "the neuron is that the point belongs to class 1. Trained with cross-entropy, this "
        "single neuron is logistic regression, the building block of every network in "
        "this app."
    ),
    "link_note": "From the link: {note}",
    "link_clamped": "{name} = {value:g} is outside {lo:g} to {hi:g}; using {used:g}.",
    "link_junk": "{name} = “{value}” is not a number; ignored.",

    # --- 1. the neuron and its line ------------------------------------------------------
    "s1_title": "1 · The neuron and its line",
    "s1_look": (
        "**What you are looking at.** Two clouds of points, class 0 (orange) and class 1 "
        "(blue). The shading is the neuron's output $a$ at every place of the plane: blue "
        "where $a$ is near 1, orange near 0, white at 0.5. The black line is $z = 0$, where "
        "$a = 0.5$: the neuron's decision boundary.\n\n"
        "**What to change.** Drag $w_1$, $w_2$ and $b$. The numbers under the sliders follow "
        "at once: the cost $J$ (the mean loss over all points) under cross-entropy and "
        "under squared error, side by side, and their gradients."
    ),
    "w1_help": "Weight of x1: how much the horizontal position pushes z up or down.",
    "w2_help": "Weight of x2: how much the vertical position pushes z up or down.",
    "b_help": "Bias: moves the line without turning it.",
    "noise": "Spread of the clouds",
    "noise_help": "0: two tight clouds, easy to split; 1: wide clouds that overlap.",
    "new_points": "New points",
    "new_points_help": "Draw another sample of points from the same two clouds.",
    "bce": "Cross-entropy",
    "mse": "Squared error",
    "in_text": {"bce": "cross-entropy", "mse": "squared error"},
    "cost_metric": "J, {loss}",
    "accuracy": "Accuracy",
    "gradient_table": "Gradient",
    "grad_caption": (
        "$J$ is the mean over the {n} points. The gradient is what the engine's backward "
        "pass gives: how fast $J$ changes per unit of each parameter. A positive "
        "$∂J/∂w_1$ means: make $w_1$ smaller to lower $J$. The arrows under "
        "the costs show the change since your last move."
    ),
    "plane_title": "The data and the neuron's output a = σ(z)",
    "class0": "class 0 (y = 0)",
    "class1": "class 1 (y = 1)",
    "line": "z = 0 (a = 0.5)",
    "colorbar": "a",
    "start_line": "z = 0 before the fit",
    "no_line": (
        "With $w_1 = w_2 = 0$ the neuron ignores the point: $z = b$ everywhere, so there is "
        "no line, only one shade."
    ),
    "s1_notice": (
        "- The vector $(w_1, w_2)$ stands at right angles to the line and points towards "
        "the blue side. Turn it, and the line turns.\n"
        "- Larger weights (same direction) keep the line where it is but make the shading "
        "sharper: the neuron becomes more confident. $b$ slides the line without turning "
        "it.\n"
        "- Put the line between the clouds with blue on the blue side: both costs fall. "
        "Flip the signs of all three numbers: the same line, but every point is on the "
        "wrong side; cross-entropy shoots up, squared error stops near 1.\n"
        "- The gradient points uphill. Where it is near 0 in every direction you are at "
        "the bottom, or on a flat plateau (look at squared error when the neuron is "
        "confidently wrong)."
    ),

    # --- 2. fit: gradient descent --------------------------------------------------------
    "s2_title": "2 · Fit: gradient descent",
    "s2_look": (
        "**What you are looking at.** **Fit** repeats one rule from where the neuron is "
        "now: $w ← w - α · ∂J/∂w$ (and the same for $b$), "
        "where $α$ is the learning rate. Every step is one forward and one backward "
        "pass over all points. Then the sliders above move to where the descent ended. "
        "The two maps show $J$ over $(w_1, w_2)$, cross-entropy on the left and squared "
        "error on the right, with $b$ held at its current value; the red line is the path "
        "of the descent from ○ to ★, and ✕ is the neuron now (press ▶ on a map to replay "
        "the descent). Below them: $J$ after every "
        "step.\n\n"
        "**What to change.** The loss to minimise, the learning rate and the number of "
        "steps; start from the neuron as it is, from the first guess again, or from a "
        "confidently wrong neuron."
    ),
    "fit_loss": "Loss to minimise",
    "lr": "Learning rate α",
    "lr_help": "The size of each step, as a multiple of the gradient.",
    "steps": "Steps",
    "fit": "Fit",
    "predict_fit": "after **Fit** ({steps} steps, α = {lr:g}, {loss}), J will be",
    "predict_fit_options": {"lower": "lower than now", "same": "about the same (within 1 %)",
                            "higher": "higher than now"},
    "predict_fit_shown": "J went from {start} to {end}.",
    "fit_help": "Run gradient descent from the current w1, w2, b and move the sliders to its end.",
    "reset": "Back to the first guess",
    "reset_help": "w1 = 1, w2 = -0.5, b = 0.5, and clear the path.",
    "wrong": "A confidently wrong neuron",
    "wrong_help": (
        "w1 = 3, w2 = 3, b = 0: a line in the right place, but with each class on the "
        "other's side, and sure of it."
    ),
    "no_path": "Press **Fit** to draw the path of gradient descent here.",
    "path_summary": (
        "{steps} steps on {loss}, α = {lr:g}: $J$ went from {start} to {end}; "
        "the descent ended at $w_1$ = {w1}, $w_2$ = {w2}, $b$ = {b}."
    ),
    "path_stopped": (
        "The descent stopped after {steps} steps: a value grew too large to compute. Use a "
        "smaller learning rate."
    ),
    "path_outside": (
        "Part of the path lies outside this picture: with α = {lr:g} the steps jump past the "
        "bottom of the valley. Try a smaller learning rate."
    ),
    "fit_clamped": (
        "The descent ended at {ended}: beyond this lesson's sliders ({lo:g} to {hi:g}), so "
        "they show {shown}."
    ),
    "list_sep": ", ",
    "landscape_title": "J over (w1, w2), b = {b:.2f}: {loss}",
    "landscape_colorbar": "J",
    "current": "the neuron now",
    "path": "path of gradient descent",
    "start": "start",
    "end": "end",
    "play": "▶ replay",
    "step": "step",
    "by_step_title": "J at every step",
    "by_step_x": "step",
    "by_step_y": "J",
    "s2_notice": (
        "- Cross-entropy's landscape is convex: no plateaus or dips to get stuck in, and "
        "downhill always leads lower. Where the classes overlap it has one bottom; where a "
        "line separates them perfectly it has none: J keeps falling towards 0 as the "
        "weights grow. Squared error's (right) has flat plateaus far from the "
        "bottom, where downhill is hardly downhill at all.\n"
        "- Press **A confidently wrong neuron**, then **Fit** with each loss. Cross-entropy "
        "turns the neuron round in a few steps. Squared error hardly moves: its gradient "
        "carries $σ'(z) = a(1 - a)$, which is almost 0 when $a$ is near 0 or 1, so a "
        "neuron that is sure and wrong learns slowest (article 002).\n"
        "- Learning rate too small: the path creeps and stops far from the bottom. Too "
        "large (try 30 or 100): it jumps back and forth across the valley (article 004). "
        "Here the cost stays finite, but the weights fly off.\n"
        "- On these clouds the best line is near $x_1 + x_2 = 0$, so $w_1 ≈ w_2$ "
        "at the bottom; both are negative because class 1 is at the lower left."
    ),

    # --- 3. the 0/1 perceptron -----------------------------------------------------------
    "s3_title": "3 · Why not a 0/1 perceptron?",
    "s3_look": (
        "**What you are looking at.** The first artificial neurons, perceptrons, had the same "
        "$z$ but output just 0 or 1: $a = 1$ if $z > 0$, else 0 (left, red). Learning needs "
        "the opposite of that: a small change of $w$ or $b$ should make a small, "
        "measurable change of the output and the loss (article 002). Right: the squared "
        "error of both units as $w_1$ varies a little around its current value, with "
        "$w_2$ and $b$ as set above.\n\n"
        "**What to change.** Drag $w_1$ (or $w_2$, $b$) above and watch the dashed marker "
        "and the numbers below."
    ),
    "step_title": "Output a against z",
    "perceptron": "0/1 perceptron",
    "sigmoid": "sigmoid neuron",
    "compare_title": "Squared error J for w1 from {lo:.2f} to {hi:.2f}",
    "compare_current": "w1 now",
    "predict_nudge": "nudge w1 by {h:g}: whose squared error J changes?",
    "predict_nudge_options": {"sigmoid": "only the sigmoid neuron's",
                              "perceptron": "only the 0/1 perceptron's",
                              "both": "both", "neither": "neither"},
    "predict_nudge_shown": "ΔJ of the perceptron: {perceptron}; of the sigmoid neuron: {sigmoid}.",
    "nudge_intro": "Nudge $w_1$ by {h:g} and measure $J$ again (the gradient by perturbation):",
    "nudge_perceptron": "ΔJ, 0/1 perceptron",
    "nudge_sigmoid": "ΔJ, sigmoid neuron",
    "slope_perceptron": "Slope ΔJ/Δw1, perceptron",
    "slope_sigmoid": "Slope ΔJ/Δw1, sigmoid",
    "s3_notice": (
        "- The perceptron's $J$ is a staircase: it only changes when the line sweeps over a "
        "point, and then it jumps by 1/{n} at once. Between the jumps its slope is 0, so "
        "its gradient is 0 almost everywhere and gradient descent has nothing to follow.\n"
        "- The sigmoid neuron's $J$ is smooth: every nudge changes it a little, and the "
        "slope measured here matches the $∂J/∂w_1$ of squared error in "
        "section 1.\n"
        "- That is why networks use continuous activations (sigmoid, tanh, ReLU) and not "
        "a step."
    ),
    "playground_lesson": "One neuron",
}
