"""Text of lesson 2, Activation functions (seed articles 000 and 004)."""

from .names import TEXT as NAMES  # one name per thing, on every page

TEXT = {
    "title": "Activation functions",
    "intro": (
        "A neuron computes **z = a·W + b** and passes it through an activation function: "
        "**a = g(z)**. In a network, layer [l] does "
        "$z^{[l]} = a^{[l-1]} W^{[l]} + b^{[l]}$ and $a^{[l]} = g^{[l]}(z^{[l]})$. "
        "This lesson shows what g does: "
        "its shape and its slope g′(z), softmax on the output layer, why g must not be "
        "linear, and what its slope does to the gradient on the way back through many layers."
    ),
    # 1. the activations
    "curves_header": "1 · Every activation and its derivative",
    "curves_intro": (
        "Each chart shows g(z) (solid) and its derivative g′(z) (dashed) for every activation "
        "the engine has. The grey bands are **saturation zones**: there the slope is below 5 % "
        "of its largest value, so a unit whose z sits there barely learns. Change the range of "
        "z, and pick one z to read all the values at once in the table."
    ),
    "z_from": "z from",
    "z_to": "z to",
    "probe": "Read the values at z =",
    "shade": "Shade the saturation zones",
    "note_not_a_number": "That is not a number; using {value:g}.",
    "note_clamped": "{value:g} is beyond ±{limit:g}; using ±{limit:g}.",
    "note_swapped": "The range was given backwards; showing z from {lo:g} to {hi:g}.",
    "note_widened": "Both ends were equal; showing z from {lo:g} to {hi:g}.",
    "act_names": NAMES["activations"],
    "g_name": "g(z)",
    "dg_name": "g′(z)",
    "col_activation": "Activation",
    "col_g": "g({z})",
    "col_dg": "g′({z})",
    "col_peak": "Largest slope",
    "col_zones": "Saturation zones in this range",
    "col_can_die": "Can die",
    "zones_none": "none",
    "yes": "yes",
    "no": "no",
    "table_caption": ("A saturation zone is where g′(z) < {share} of the largest slope. A unit "
                      "that can die has a slope of exactly 0 for every z ≤ 0."),
    "curves_notice": (
        "- Sigmoid's slope is at most **0.25** (at z = 0); tanh's is **1** there. Both flatten "
        "for large |z|: sigmoid saturates beyond |z| ≈ 4.36, tanh beyond |z| ≈ 2.18.\n"
        "- ReLU's slope is exactly 1 for z > 0, so it never saturates on the right, and "
        "exactly 0 for z < 0: a unit whose z stays negative is **dead** and stops learning. "
        "Leaky ReLU keeps a small slope (0.01) there; ELU's fades out below z ≈ −3.\n"
        "- The engine computes each derivative from the output a, as its backward pass does: "
        "sigmoid′ = a(1 − a), tanh′ = 1 − a², ReLU′ = 1 where a > 0."
    ),
    # 2. softmax
    "softmax_header": "2 · Softmax: turning the output layer into probabilities",
    "softmax_intro": (
        "With K classes the output layer has K units, and softmax turns their z values into K "
        "probabilities that sum to 1. The temperature T divides every z first: a low T "
        "sharpens the choice, a high T flattens it. Type your own z values."
    ),
    "k": "Number of classes K",
    "temperature": "Temperature T",
    "t_zero": ("T = 0 is the limit of ever lower temperatures: all the probability goes to "
               "the largest z (shared equally if several are the largest)."),
    "t_huge": ("At such a high temperature every z/T is almost 0, so every probability is "
               "almost 1/K = {uniform}."),
    "sum_p": "Sum of the probabilities",
    "largest_p": "Largest probability",
    "probs_title": "Probabilities at T = {T}",
    "temp_title": "Each probability as the temperature changes",
    "temp_axis": "temperature T",
    "col_k": "k",
    "softmax_notice": (
        "- The probabilities always sum to 1, whatever the z values: even z = 1,000,000 works, "
        "because softmax subtracts the largest z before taking e to the power (the result is "
        "the same, and nothing overflows).\n"
        "- Adding the same number to every z changes nothing; only the differences count.\n"
        "- T → 0 picks the largest z (a hard argmax); T → ∞ gives every class 1/K. T = 1 is "
        "the softmax the engine's output layer uses."
    ),
    # 3. why non-linearity
    "linear_header": "3 · Why non-linearity",
    "linear_intro": (
        "Without an activation (g(z) = z) every layer is a matrix product plus a bias, and a "
        "product of matrices is one matrix. Below, a network with linear hidden layers was "
        "trained on the circles; its layers are multiplied out into **one** W and **one** b. "
        "The numbers are the trained weights."
    ),
    "layers": "Hidden layers",
    "units": "Units per hidden layer",
    "seed": "Seed",
    "one_layer_already": "With no hidden layer the network is a single layer already.",
    "z_layers": "Layer by layer, z[{L}] at x = ({x1}, {x2})",
    "z_one": "One matrix, x·W + b at x = ({x1}, {x2})",
    "max_diff": "Largest difference over all {n} points",
    "fit_header": "The same network with tanh",
    "fit_intro": (
        "Same data, same shape, same training, only g changed. The linear network can only "
        "draw a straight boundary, however deep it is; with tanh the hidden layers bend the "
        "plane and the circles separate."
    ),
    "no_hidden": ("With no hidden layer there is nowhere for tanh to act: both networks are "
                  "the same single layer, and neither can separate the circles."),
    "region_title": "{act} hidden layers, {shape}: test accuracy {acc}",
    "predict_linear": ("With linear hidden layers (no non-linear g), what test accuracy will "
                       "the {shape} network reach on the circles? (in %)"),
    "fit_said": ("The {shape} network reaches **{linear}** with linear hidden layers, about "
                 "what one straight line can do on the circles, and **{tanh}** with tanh."),
    "hover_p": "probability of class 1",
    "hover_class": "class",
    "fit_caption": ("Circles, {n} points (half for testing), Adam, learning rate {lr:g}, "
                    "{epochs} epochs on the whole training set; sigmoid output."),
    "linear_notice": (
        "- The layer-by-layer output and x·W + b agree to about 1e-16, the rounding of "
        "floating point: a deep linear network **is** one linear layer.\n"
        "- So its boundary is a straight line, which cannot go round the inner circle: its "
        "test accuracy stays at about 50 to 70 % (depending on the seed). The tanh network "
        "with 3 or more units per layer bends its boundary into a closed curve and usually "
        "reaches about 100 %; with 1 or 2 units it cannot close the curve.\n"
        "- Add layers or units: the linear network never improves. Set 0 hidden layers: the "
        "tanh network loses its advantage too."
    ),
    # 4. vanishing gradients
    "vanishing_header": "4 · Vanishing gradients",
    "vanishing_intro": (
        "On the way back, the chain rule multiplies the gradient by one g′(z) per layer. "
        "With every layer at the same z, the product through L layers is $g'(z)^L$. "
        "Sigmoid's slope is at most 0.25, so after 10 layers at best $0.25^{10}$ ≈ "
        "1e-6 is left: the first layers hardly learn."
    ),
    "depth": "Layers L",
    "path_z": "z at every layer",
    "depth_zero": "With 0 layers nothing is multiplied: the product is 1.",
    "dead_note": "{names}: exactly 0 for z ≤ 0 (not drawn on a log scale)",
    "product_title": "Product of the slopes g′(z) through L layers, z = {z}",
    "depth_axis": "layers L",
    "product_axis": "product",
    "col_product": "Product through {L} layers",
    "measured_header": "Measured in a real network",
    "measured_intro": (
        "A real gradient also passes through the weights, so it is not just the product "
        "above. Here is the gradient size of each layer, ‖∂J/∂W[l]‖, in a network on the "
        "circles at its initial weights, with L hidden layers (at most 16)."
    ),
    "measured_capped": "The engine builds at most 16 hidden layers; measuring {n}.",
    "measured_title": "‖∂J/∂W[l]‖ per layer, {n} hidden layers of {w} units",
    "layer_axis": "layer l",
    "grad_axis": "gradient size",
    "predict_survives": ("In this network of {n} hidden layers of {w} units, at its first weights, "
                         "which activation keeps the largest share of the output layer's gradient "
                         "all the way down to layer 1?"),
    "predict_survives_shown": "{name} keeps the most: layer 1's gradient is {ratio} times the "
                              "output layer's.",
    "col_first": "Layer 1",
    "col_last": "Output layer",
    "col_ratio": "Layer 1 / output layer",
    "vanishing_lesson": "Vanishing gradients: deep sigmoid",
    "vanishing_notice": (
        "- Sigmoid: even at its best (z = 0) the product falls by 4× per layer. In the "
        "measured network, from two hidden layers on, the gradient of layer 1 is orders of "
        "magnitude smaller than the output layer's, and the gap grows with every layer.\n"
        "- Tanh: slope 1 at z = 0, so the product holds there, but move z away from 0 and it "
        "falls too.\n"
        "- ReLU: the slope is exactly 1 for z > 0, so the chain rule does not shrink the "
        "gradient; for z < 0 it is exactly 0 (a dead unit). That is why ReLU is the usual "
        "choice for deep networks (the seed-004 network uses it).\n"
        "- Open the lesson in the Playground and watch the gradient chart of an 8-layer "
        "sigmoid network: the first layer's line sits far below the others."
    ),
}
