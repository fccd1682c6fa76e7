"""Lesson 4, Loss and gradient descent: English."""

TEXT = {
    "title": "Loss and gradient descent",
    "intro": (
        "A network learns by walking downhill on its **loss**: the number that says how "
        "wrong it is. This lesson first compares two losses for a sigmoid output, then lets "
        "three optimizers (plain gradient descent, momentum and Adam) race down loss "
        "surfaces you choose, and ends with why a bowl-shaped cost is easier to descend."
    ),
    # --- 1. loss for a sigmoid output
    "loss_header": "Squared error or cross-entropy for a sigmoid output?",
    "loss_intro": (
        "One sigmoid unit predicts a = σ(z) for an example whose target is y. Squared error "
        "(a − y)² and cross-entropy −[y log a + (1 − y) log(1 − a)] both are 0 when a = y. "
        "What differs is the gradient that reaches z, the signal the unit learns from: "
        "squared error gives ∂L/∂z = 2(a − y)·a(1 − a), cross-entropy gives ∂L/∂z = a − y. "
        "Move z towards the wrong side and watch the two gradients."
    ),
    "target_label": "Target y",
    "target_help": "The right answer for this example: class 1 or class 0.",
    "z_label": "z, the unit's input before the sigmoid",
    "z_help": "Far from 0 the sigmoid saturates: the unit is confident.",
    "loss_names": {"mse": "Squared error", "bce": "Cross-entropy"},
    "fig_loss_title": "Loss against the prediction a",
    "fig_loss_x": "prediction a = σ(z)",
    "fig_loss_y": "loss L",
    "fig_grad_title": "Gradient ∂L/∂z against z",
    "fig_grad_x": "z",
    "fig_grad_y": "∂L/∂z",
    "m_prediction": "Prediction a",
    "m_loss": "{loss} loss",
    "m_grad": "{loss} ∂L/∂z",
    "predict_ratio": ("at z = {z}, target y = {y}: how many times larger is cross-entropy's "
                      "gradient ∂L/∂z than squared error's?"),
    "wrong": (
        "The prediction a = {a:.3f} is on the wrong side of y = {y}. Cross-entropy's "
        "gradient is **{ratio:.1f} times** squared error's. Squared error's gradient carries "
        "the factor σ'(z) = a(1 − a), tiny when the sigmoid saturates, so the more "
        "confidently wrong the unit is, the more slowly it learns. Cross-entropy's gradient "
        "is just a − y: the more wrong, the bigger the push."
    ),
    "right": (
        "The prediction a = {a:.3f} is on the right side of y = {y}: both gradients shrink as "
        "a approaches y (cross-entropy's is still {ratio:.1f} times squared error's), and "
        "that is what we want: there is little left to learn."
    ),
    "undecided": (
        "At z = 0 the prediction a = {a:.3f} sits on the fence: it is neither right nor wrong "
        "about y = {y}. Cross-entropy's gradient is {ratio:.1f} times squared error's here; "
        "move z to either side to compare a right and a wrong prediction."
    ),
    "loss_notice": (
        "- The two loss curves agree on where the best prediction is; they disagree on how "
        "hard they push when the prediction is wrong.\n"
        "- Set z = −6 with y = 1: squared error's gradient is almost 0, cross-entropy's is "
        "almost −1. Gradient descent changes z by −(learning rate) × ∂L/∂z, so only "
        "cross-entropy moves a confidently wrong unit quickly.\n"
        "- This is why a sigmoid output is paired with cross-entropy (article 002), and why "
        "the Playground uses it by default for two classes."
    ),
    # --- 2. loss surfaces and optimizers
    "predict_first": ("From the marked start, with learning rate α = {lr} and {steps} steps: "
                      "which of them reaches the minimum first?"),
    "predict_none": "none, within {steps} steps",
    "predict_first_shown": "{names} reached it first, at step {k}.",
    "predict_none_shown": "None of them is at the minimum after {steps} steps.",
    "surface_header": "Down a loss surface: gradient descent, momentum and Adam",
    "surface_intro": (
        "With two parameters the cost is a landscape: every point (w, b) has a height J. "
        "Gradient descent starts somewhere and repeats w ← w − α·∂J/∂w (α is the learning "
        "rate), here for three optimizers with the **same** learning rate: plain gradient "
        "descent takes that step, with the gradient over all the examples (not stochastic: "
        "no random samples); momentum keeps a velocity v = 0.9·v + g and steps by α·v; Adam keeps "
        "running averages m̂ of the gradient and v̂ of its square and steps by "
        "α·m̂/√v̂. Pick a surface, a start point and a learning rate; press ▶ under the "
        "picture to replay the descents."
    ),
    "surface_label": "Loss surface",
    "surfaces": {
        "line": "Fit y = 3x (squared error)",
        "logistic": "Logistic regression (cross-entropy)",
        "logistic_mse": "Logistic regression (squared error)",
        "saddle": "A saddle",
        "ravine": "A narrow ravine",
    },
    "surface_about": {
        "line": (
            "One weight w and bias b fit y = 3x from x = 1, 3, 4, 8, 10 (article 001). "
            "The default start w = 2.269, b = 1.01 is the article's."
        ),
        "logistic": (
            "A sigmoid unit a = σ(w·x + b) on 12 points of one feature, two classes that "
            "overlap, with cross-entropy: a smooth bowl."
        ),
        "logistic_mse": (
            "The same model and data with squared error: plateaus where the gradient "
            "almost vanishes."
        ),
        "saddle": (
            "Flat at (0, 0) but not a minimum: downhill both ways along θ2. Starting on the "
            "ridge, a tiny sideways gradient must grow before the descent can leave it."
        ),
        "ravine": (
            "150 times more curved across the valley than along it: a learning rate safe across "
            "is slow along."
        ),
    },
    "view_label": "View",
    "views": {"contour": "Contours", "3d": "3-D"},
    "optimizers_label": "Optimizers",
    "optimizer_names": {"sgd": "Gradient descent", "momentum": "Momentum", "adam": "Adam"},
    "lr_label": "Learning rate α",
    "lr_help": "The same for all three optimizers. Try 100 to see what too large does.",
    "steps_label": "Steps",
    "steps_help": "How many updates each optimizer makes.",
    "start_label": "Start {symbol}",
    "start_help": "Where the descent begins; limited to the region drawn.",
    "reset": "Default start",
    "reset_help": "Back to this surface's start point and learning rate.",
    "m_start_loss": "Cost J at the start",
    "m_start_grad": "∂J/∂{symbol} at the start",
    "arrows_label": "Arrows at one step",
    "arrows_help": "Each vector is drawn as the step it would make: −α times the vector.",
    "arrow_names": {
        "gradient": "Gradient g",
        "velocity": "Momentum's velocity v",
        "m_hat": "Adam's m̂",
        "adam_step": "Adam's step m̂/√v̂",
    },
    "inspect_label": "Step to inspect",
    "arrows_note": (
        "Dashed arrows: −α·g, the plain gradient step from where each path stood. Green: "
        "−α·v, momentum's step. Purple: −α·m̂. Gold: −α·m̂/√v̂, Adam's actual step. Arrows "
        "are shortened at the picture's edge; the table below has the true numbers."
    ),
    "arrows_3d_note": "Arrows are drawn on the contour view; the table below has the numbers.",
    "none_selected": "Pick at least one optimizer to draw its path.",
    "fig_surface_title": "{surface}: the optimizers' paths",
    "fig_loss": "cost J",
    "fig_start": "start",
    "fig_minimum": "minimum",
    "fig_step": "step ",
    "fig_gap_title": "Distance to the lowest loss, per step (log scale)",
    "fig_gap_x": "step",
    "fig_gap_y": "J − J_min",
    "verdicts": {
        "reached": "reached the minimum",
        "crawls": "crawls, still far from the minimum",
        "stalled": "stalled: the gradient has almost vanished (a plateau or a saddle)",
        "oscillates": "oscillates, bouncing across the valley",
        "diverged": "diverged",
    },
    "verdict_line": "**{name}**: {verdict}, loss {loss} after {steps} steps.",
    "cut_note": "The loss blew up, so the path is cut at its last finite point.",
    "step_caption": "**Step {k}** with α = {lr:g}: where each optimizer stood, what it read "
                    "and where it went.",
    "col_optimizer": "Optimizer",
    "col_from": "From",
    "col_gradient": "Gradient g",
    "col_velocity": "Velocity v",
    "col_m_hat": "m̂",
    "col_v_hat": "v̂",
    "col_to": "To",
    "dying_relu_lesson": "a learning rate too high kills ReLU units",
    "surface_notice": (
        "- **Too small** a learning rate crawls; **too large** oscillates across the valley "
        "or diverges (article 004). The box above the log chart says which happened.\n"
        "- On the ravine, plain gradient descent's learning rate is capped by the steep "
        "direction, so it crawls along the flat one; momentum builds up speed along the "
        "valley; Adam divides each coordinate by its own gradient size, so both directions "
        "move at about α per step.\n"
        "- On the saddle, the gradient across the ridge starts tiny: gradient descent "
        "lingers, momentum and Adam leave sooner.\n"
        "- Adam's first step moves each parameter by about α whatever the gradient's size, "
        "which is why it survives α = 1 where plain gradient descent on the y = 3x fit "
        "explodes."
    ),
    # --- 3. convexity
    "convex_header": "A bowl or not: why cross-entropy for logistic regression",
    "convex_intro": (
        "The cost J is the mean of the loss over the examples (article 003). For logistic "
        "regression, cross-entropy gives a convex cost: a bowl with one bottom, which gradient "
        "descent reaches from anywhere. Squared error with the same sigmoid gives a cost that "
        "is not convex: it bends downward and flattens into plateaus, where descent can stall "
        "far from the bottom."
    ),
    "m_bends": "Curves downward on",
    "m_bends_help": (
        "Share of the drawn region where the surface bends downward in some direction "
        "(its Hessian has a negative eigenvalue), measured on a 31 × 31 grid. A convex "
        "surface has 0 %."
    ),
    "fig_slice_title": "Both costs along w, at b = {b:.2f}",
    "convex_notice": (
        "- Cross-entropy bends upward everywhere (0 %): every downhill path leads to the one "
        "minimum.\n"
        "- Squared error bends downward over most of the region and is almost flat far from "
        "the data's best fit: pick \"Logistic regression (squared error)\" above; from its "
        "start w = −5, b = 5 gradient descent barely leaves the plateau, and at α = 100 all three "
        "optimizers stall at a loss of 0.25, above the best fit's 0.179.\n"
        "- A network's loss is not convex either, which is one reason the optimizer and the "
        "learning rate matter so much."
    ),
}
