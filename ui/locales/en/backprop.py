"""The lesson "Backpropagation, step by step" in English."""

TEXT = {
    "title": "Backpropagation, step by step",
    "intro": (
        "A network learns by repeating two passes. The **forward pass** turns the inputs into "
        "an output, layer by layer: $z = a \\cdot W + b$, then $a = g(z)$. The **backward "
        "pass** sends the error back the same way, and the **chain rule** turns it into a "
        "gradient for every weight. Below is the small network of the article, with every "
        "number written on it. Press **Next step** to walk through both passes and one "
        "update; change any number and watch everything follow."
    ),
    # --- the walkthrough ---
    "walk_header": "The worked network",
    "example": "Example",
    "examples": {
        "article_001": "Article 001: 2-3-1, inputs (1, 1), target 0",
        "two_two_two": "A second example: 2-2-2 with two outputs and biases",
    },
    "edit": "Change the numbers (inputs, targets, weights, biases)",
    "edit_help": (
        "Every value is kept between -{limit:g} and {limit:g}. Columns are the units a "
        "weight goes *to*, rows the units it comes *from* (samples are rows: $z = a \\cdot W + b$)."
    ),
    "inputs": "Inputs x",
    "targets": "Targets y",
    "weights_of": "Weights and biases of layer {l}",
    "restore": "Restore the example's numbers",
    "clamped": "{value:g} is too large for this lesson; it was set to {clamped:g}.",
    "next": "Next step",
    "back": "Back",
    "start_over": "Start over",
    "lr": "Learning rate α for the update",
    "lr_help": "Between 0 and {max:g}. The update is W ← W − α·dW, for every weight and bias.",
    "lr_clamped": "A learning rate of {value:g} is out of range; using {clamped:g}.",
    "progress": "Step {k} of {n}: {what}",
    "stage_names": {
        "start": "the inputs and the weights",
        "forward": "forward pass, layer {l}",
        "loss": "the loss",
        "backward": "backward pass, layer {l}",
        "update": "one update and the new loss",
    },
    "stage_about": {
        "start": "Nothing is computed yet: the inputs x, the targets y and the weights on the "
                 "edges. Press **Next step** to start the forward pass.",
        "forward": "Each unit of layer {l} adds up its inputs times their weights, plus its "
                   "bias, to get z; the activation turns z into a. Samples are rows, so the "
                   "whole layer is one product $Z^{{[{l}]}} = A^{{[{p}]}} W^{{[{l}]}} + "
                   "b^{{[{l}]}}$.",
        "forward_output": "The output layer is linear: its a is its z, the network's "
                          "prediction ŷ.",
        "loss": "The loss compares the prediction with the target.",
        "backward_output": "The backward pass starts at the loss. The delta dZ of an output "
                           "unit is how much the loss changes when its z changes. A weight's "
                           "gradient is the input that weight carried times the delta of the "
                           "unit it feeds.",
        "backward_hidden": "A hidden unit gets its delta from the chain rule: the deltas of "
                           "the units it feeds, weighted by the weights that connect them, "
                           "times the slope of its own activation, $g'(z) = a(1 - a)$ for the "
                           "sigmoid. Nothing here needs a new forward pass: a and W were kept "
                           "from it.",
        "update": "Gradient descent moves every weight and bias a little against its "
                  "gradient, $W \\leftarrow W - \\alpha\\, dW$. One more forward pass gives "
                  "the new loss.",
    },
    "code_header": "The engine's code for this step",
    "code_caption": ("Read from the engine's source as it runs, not copied. Its lists count "
                     "layers from 0: self.W[l] is W[l+1] here, self.A[0] is the input x, and "
                     "a row of A is one sample (Z = A·W + b)."),
    "chain_header": "The numbers of this step",
    "deltas": "Deltas",
    "weight_grads": "Weight gradients",
    "bias_grads": "Bias gradients",
    "new_weights": "New weights and biases",
    "output": "Output ŷ",
    "loss": "Loss J",
    "new_loss": "New loss J",
    "loss_went_up": "The loss went **up** after the update: the step overshot the minimum. "
                    "Try a smaller learning rate.",
    "loss_same": "The loss stayed at {old}: with α = 0, or with every gradient 0, the "
                 "update changes nothing.",
    "loss_went_down": "The loss went down from {old} to {new}.",
    "predict_output": "the forward pass will end with the output ŷ =",
    "predict_new_loss": "after one update with α = {lr:g}, the loss will be",
    "article_rounds": (
        "The article says / exact: it rounds as it goes, writing sigmoid(1.3) = 0.78 and "
        "then using 0.79 (exact: {h2:.4f}); output 1.235 (exact: {out:.4f}); error "
        "1.235² = 1.52 (exact: {error:.4f}). The numbers on this page are exact."
    ),
    "convention": (
        "**How the loss is scaled.** The article's error for one sample is $(y - \\hat y)^2$. "
        "The engine's mean squared error is the mean over the samples *and* the outputs, "
        "with no ½: $J = \\frac{1}{m \\times n}\\sum (a - y)^2$, so the output delta is "
        "$dZ = \\frac{2}{m \\times n}(a - y)$."
    ),
    "convention_one": "With one sample and one output, as here, that is exactly the "
                      "article's $(y - \\hat y)^2$.",
    "convention_many": "With one sample and {n} outputs, as here, J is the mean of the {n} "
                       "squared errors: half of the sum, for two outputs.",
    "unit_names": {"input": "x", "hidden": "h", "output": "ŷ"},
    "layer_titles": {"input": "Input", "hidden": "Hidden layer {l}", "output": "Output"},
    # --- nudge a weight ---
    "nudge_header": "The article's way: nudge a weight",
    "nudge_intro": (
        "Article 001 calls this backpropagation: change one weight by a tiny h, run the "
        "forward pass again and see how the loss moves. It is really the **numerical "
        "gradient** (finite differences), the slope (J(w + h) − J(w − h)) / 2h; "
        "backpropagation is the chain rule run backwards, above. The article conflates the "
        "two, and they differ in cost: the nudge needs two forward passes for *every* "
        "weight (2N passes for N weights), backpropagation gets all N from one backward "
        "pass, about the cost of one forward pass. They should agree."
    ),
    "nudge_param": "Parameter to nudge",
    "nudge_h": "Nudge size h",
    "numerical": "Numerical gradient",
    "one_sided": "One-sided (J(w + h) − J(w)) / h",
    "backprop": "Backpropagation",
    "agree": "They agree to {digits} decimal places (difference {diff:.1e}).",
    "disagree": "They differ by {diff:.1e}: with a large h the nudge measures the average "
                "slope over the interval, not the slope at w. Try a smaller h.",
    # --- y = 3x ---
    "fit_header": "Gradient descent on y = 3x",
    "fit_intro": (
        "The article's second example has no hidden layer at all: one weight and one bias, "
        "ŷ = w x + b, fitted to x = 1, 3, 4, 8, 10 with y = 3x. It starts at w = 2.269, "
        "b = 1.01; the answer is w = 3, b = 0. The loss is the mean squared error over "
        "the five points."
    ),
    "fit_start": "At the start",
    "fit_end": "After {steps} steps",
    "fit_lr": "Learning rate α",
    "fit_steps": "Steps",
    "fit_w": "w",
    "fit_b": "b",
    "fit_loss": "Loss J",
    "fit_dw": "∂J/∂w",
    "fit_db": "∂J/∂b",
    "fit_diverged": "With α = {lr:g} the steps are too large: the loss grows instead of "
                    "shrinking and passed {limit:.0e} after {steps} steps, so the animation "
                    "stops there. Pick a smaller learning rate.",
    "fit_slow": "With α = {lr:g}, {steps} steps are not enough to reach w = 3, b = 0: "
                "try more steps or a larger α.",
    "fit_play_hint": "Press **▶** under the chart to play the descent in your browser, or "
                     "drag the slider.",
    "fig": {
        "data": "data",
        "fit": "ŷ = w x + b",
        "path": "path of (w, b)",
        "target": "w = 3, b = 0",
        "loss_curve": "loss J",
        "x": "x",
        "y": "y",
        "w": "w",
        "b": "b",
        "loss": "loss J (log scale)",
        "step": "step",
        "play": "▶",
        "pause": "❚❚",
        "panel_fit": "ŷ = w x + b",
        "panel_surface": "J(w, b), ★ (3, 0)",
        "panel_loss": "J at each step",
        "title": "step {step}: w = {w}, b = {b}, J = {loss}",
    },
    # --- shapes ---
    "shapes_header": "The same thing for m samples at once: matrix shapes",
    "shapes_intro": (
        "This app stacks the m samples as the rows of X, as article 001's code does (article "
        "004 puts them side by side as columns and writes $Z = W \\cdot A + b$: the same numbers, "
        "transposed; see *Notation* at the top), so a whole layer for all of them "
        "is one matrix product $Z^{[l]} = A^{[l-1]} W^{[l]} + b^{[l]}$ (the bias row is "
        "added to every sample). $W^{[l]}$ has one row per unit of the layer before and one "
        "column per unit of layer l; $Z$, $A$ and $dZ$ have one row per sample; each gradient "
        "has the shape of its parameter, averaged over the samples. These shapes are read "
        "from the engine's own arrays after a forward and a backward pass."
    ),
    "shapes_m": "Samples m",
    "shapes_this": "This lesson's network ({sizes}), X is {x}",
    "shapes_live": "The Playground's current network ({sizes}), with its {m} training "
                   "samples: X is {x}",
    "shapes_default": "The Playground's default network ({sizes}) with its {m} training "
                      "samples (open the Playground to see yours here): X is {x}",
    "layer": "Layer l",
    # --- closing ---
    "notice": (
        "- The forward pass keeps every z and a; the backward pass uses them and never "
        "recomputes them.\n"
        "- Each gradient is a product: the input a weight carried times the delta of the "
        "unit it feeds. A weight whose input is 0 gets no gradient.\n"
        "- A hidden delta is multiplied by the sigmoid's slope a(1 − a), never more than "
        "0.25: in a deep sigmoid network these factors pile up and the first layers hardly "
        "learn (vanishing gradients).\n"
        "- The numerical gradient agrees with backpropagation, but it needs two forward "
        "passes per weight; backpropagation needs one backward pass for all of them.\n"
        "- Too large a learning rate makes the loss go up, not down."
    ),
    "playground_lesson": "vanishing gradients in a deep sigmoid network",
}
