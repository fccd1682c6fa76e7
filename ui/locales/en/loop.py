"""Text of lesson 7, The training loop (seed articles 001 and 003; pages/loop.py)."""

TEXT = {
    "title": "The training loop",
    "intro": (
        "Article 003 sums training up in one loop: **initialise** the weights, then again "
        "and again do a **forward** pass, compute the **cost**, a **backward** pass for the "
        "gradients, and an **update**. This lesson walks that loop one step at a time on "
        "article 001's y = 3x, counts its batches, iterations and epochs, compares one "
        "sample, a few and all of them per update (stochastic, mini-batch and full-batch "
        "gradient descent), and shows what the very first step, initialisation, decides."
    ),
    # 1. the loop
    "loop_header": "1 · The loop, one step at a time",
    "loop_intro": (
        "The model is ŷ = w x + b on article 001's five points (x = 1, 3, 4, 8, 10; "
        "y = 3x), from its start w = 2.269, b = 1.01. **w and b are parameters**: the loop "
        "learns them. The learning rate α, the batch size B and the number of epochs are "
        "**hyperparameters**: you choose them, and the loop never changes them. One "
        "**iteration** is forward, cost, backward and update on one batch of B points; an "
        "**epoch** is as many iterations as it takes to see every point once."
    ),
    "batch": "Batch size B",
    "lr": "Learning rate α",
    "batch_sgd": "{B} (stochastic)",
    "batch_mini": "{B} (mini-batch)",
    "batch_full": "{B} (full batch)",
    "next_step": "Next step",
    "next_epoch": "To the end of the epoch",
    "restart": "Start again",
    "step_names": {"init": "1 · initialise", "forward": "2 · forward", "cost": "3 · cost",
                   "backward": "4 · backward", "update": "5 · update"},
    "loop_caption": "After the update the loop goes round to the forward pass of the next "
                    "batch; initialisation happens once.",
    "m_epoch": "Epoch",
    "m_iteration": "Iteration in this epoch",
    "m_updates": "Updates so far",
    "m_wb": "w, b",
    "cost_all": "J over all five points",
    "walk_title": "The cost over all points after each of the {n} updates",
    "axis_epochs": "epochs",
    "axis_cost": "cost J",
    "walk_end": "That is {epochs} epochs: the walk stops here. Start again, or change B or α.",
    "say_init": (
        "**Initialise**: w = {w}, b = {b}, article 001's start. Chosen for this run: "
        "α = {lr}, B = {batch}. Press **Next step** to run the loop."
    ),
    "say_forward": (
        "**Forward**, iteration {i} of epoch {e}: the batch is the points x = ({x}), "
        "shuffled into a new order every epoch. The model predicts:"
    ),
    "say_cost": "**Cost**: the mean squared error against their targets y = ({y}):",
    "say_backward": "**Backward**: the gradient of this batch's cost, by the chain rule:",
    "say_update": "**Update**: a step of size α = {lr} against the gradient:",
    "say_after_update": "Over all five points the cost is now **J = {J:.4f}**.",
    "loop_notice": (
        "- Each iteration's cost is of its own batch: with B < 5 it is not the cost the "
        "curve shows (over all points), and it can rise while the true cost falls.\n"
        "- The gradient of the squared error carries x: the point x = 10 pulls w ten times "
        "harder than x = 1.\n"
        "- b crawls: the cost is a long, flat valley in b, so most of the way to w = 3, "
        "b = 0 is slow (section 2's picture shows the valley)."
    ),
    # 2. batch sizes
    "batches_header": "2 · One sample, a few, or all of them",
    "batches_intro": (
        "Article 001's **stochastic gradient descent** updates after every "
        "single sample, picked in a random order; **full-batch** gradient descent after "
        "all of them; **mini-batch** in between. The three start at the same w and b, "
        "with the learning rate α chosen in section 1, and run for the same number of epochs."
    ),
    "compare_epochs": "Epochs",
    "predict_batch": ("After {E} epochs at α = {lr}, which batch size ends with the lowest "
                      "cost over all points?"),
    "paths_title": "Paths of (w, b) over the cost J, {E} epochs at α = {lr}",
    "answer": "w = 3, b = 0",
    "compare_title": "Cost over all points, each update at its place in the epochs",
    "col_batch": "Batch size B",
    "col_updates": "Updates",
    "col_w": "w at the end",
    "col_b": "b at the end",
    "col_cost": "J at the end",
    "predict_batch_shown": "{name} ends lowest, at J = {J}.",
    "batches_notice": (
        "- **Per epoch**, B = 1 makes five updates where the full batch makes one, so it "
        "gets further in the same number of epochs.\n"
        "- **Per update**, the full batch follows the exact gradient of J: its path is "
        "smooth. Stochastic gradient descent follows one point's gradient at a time, each "
        "pulling its own way: its path zigzags.\n"
        "- The points pull with different strengths (x = 10 curves its own cost 100 times "
        "as much in w as x = 1), so a rate that suits the full batch can be too large for "
        "a single point: at α = 0.02 the full batch comes down smoothly, while stochastic "
        "gradient descent is thrown about by x = 10 and ends far higher (how much higher "
        "depends on the order the points came in)."
    ),
    "classifier_header": "The same on a classifier",
    "classifier_intro": (
        "A 2-8-1 tanh network on the circles, trained {epochs} epochs with plain gradient "
        "descent at α = {lr}, from the same initial weights, with three batch sizes."
    ),
    "classifier_title": "Training cost after each epoch",
    "col_updates_epoch": "Updates per epoch",
    "col_final": "Cost at the end",
    "col_rises": "Rises (mean jump up, relative)",
    "col_ms": "ms per epoch, measured here",
    "classifier_said": (
        "After {epochs} epochs stochastic gradient descent is at J = **{sgd}** and the full "
        "batch at **{full}**: {n} updates an epoch take it much further, and its curve "
        "jumps up now and then where the full batch's only goes down. But an epoch costs it "
        "about **{ratio} times** the time here: {n} small steps instead of one large one, "
        "each paying NumPy's fixed cost per call."
    ),
    # 3. initialisation
    "init_header": "3 · The first step: initialisation",
    "init_intro": (
        "Why not start every weight at 0, or at one value? Below, a 2-4-1 tanh network "
        "trains on the circles (full batch, α = 0.5, 300 epochs) from three starts. Each "
        "line is one weight into one hidden unit, over the epochs."
    ),
    "predict_symmetry": ("Every weight starts at {c}. After {epochs} epochs, how many "
                         "different hidden units will the layer of {n} have?"),
    "start": "Start",
    "init_names": {"zeros": "all weights 0", "constant": "all weights {c}",
                   "random": "random (the engine's)"},
    "weights_title": "The hidden units' weights, from {start}",
    "unit_name": "unit {u}",
    "m_distinct": "Different hidden units at the end",
    "m_accuracy": "Training accuracy at the end",
    "symmetry_said": {
        "zeros": ("With every weight 0, tanh gives every hidden unit 0, so no weight gets a "
                  "gradient: only the output's bias learns, and the network answers the same "
                  "for every point ({acc})."),
        "constant": ("Every unit starts the same, gets the same gradient, and so stays the "
                     "same: after all the training there is **{n}** different unit of "
                     "{units}, and {units} units do the work of one ({acc})."),
        "random": ("Different starts break the symmetry: **{n}** different units, each "
                   "learning its own feature, and the circles are separated ({acc})."),
    },
    "predict_symmetry_shown": "From all weights equal, {n} of the {units} units stay different.",
    "symmetry_notice": (
        "- A layer whose units start alike stays alike: each unit's gradient depends only on "
        "its own weights and the same inputs, so equal units get equal updates forever.\n"
        "- Random initial weights are what makes the units of a layer different; the seed "
        "fixes them, so a run can be repeated exactly."
    ),
    "scale_header": "How large the random weights are",
    "scale_intro": (
        "The first forward pass of a deep network (six tanh layers of 16 units) on the "
        "circles' points, with every weight drawn from a Gaussian of standard deviation σ. "
        "The engine's own choice is Xavier's, √(2 / (fan_in + fan_out)): 0.25 between two "
        "layers of 16."
    ),
    "scale": "Standard deviation σ of the initial weights",
    "xavier": "the engine's (Xavier)",
    "xavier_sentence": "the engine's scale (Xavier)",
    "spread_title": "Spread of each layer's activations on the first forward pass",
    "axis_layer": "hidden layer",
    "axis_spread": "standard deviation of a",
    "col_layer": "Hidden layer",
    "col_spread": "Spread of a",
    "col_saturated": "Saturated (|a| > 0.99)",
    "scale_said": (
        "With {scale}, the activations spread **{first}** in layer 1 and **{last}** in layer "
        "{L}, where **{saturated}** of them are saturated."
    ),
    "scale_notice": (
        "- Too small (σ = 0.01): each layer shrinks the signal, and by layer 3 every unit "
        "outputs almost exactly 0; the gradient on the way back shrinks the same way.\n"
        "- Too large (σ = 3): most units sit at ±1, where tanh is flat: saturated, they "
        "barely learn (lesson 2's saturation zones).\n"
        "- The engine's Xavier scale keeps the spread within a few times of itself through "
        "all six layers, with hardly any unit saturated."
    ),
}
