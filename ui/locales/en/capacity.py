"""Text of lesson 8, Capacity (seed articles 000, 002 and 003; pages/capacity.py)."""

TEXT = {
    "title": "Capacity: deep, wide, and what can go wrong",
    "intro": (
        "How much can a network represent, and what stops training from getting there? "
        "Article 002 cites the **universal approximation theorem** (one hidden layer with "
        "enough units fits any smooth curve as closely as you like) and compares deep and "
        "\"fat\" networks by their parameter counts; article 000 explains vanishing gradients "
        "as a product that shrinks layer by layer, and the same product can grow; article "
        "003 warns that a cost that is not convex has places where gradient descent stops "
        "above the bottom. Each is shown here, computed by the engine."
    ),
    # 1. bumps
    "bumps_header": "1 · One hidden layer, built from steps",
    "bumps_intro": (
        "A 1-n-1 network with tanh units fits a curve y = f(x). Each hidden unit j adds "
        "$v_j \\tanh(w_j x + b_j)$ to the output: one smooth **step**, placed and sized by its "
        "weights; two steps of opposite sign make a **bump**. The fit (black) is the sum of "
        "the coloured lines plus the output bias c. Training: 2,000 epochs of Adam on 100 "
        "points."
    ),
    "curve": "Curve to fit",
    "curve_names": {"wave": "a wave, sin 2x + 0.3x", "bump": "two bumps",
                    "abs": "a corner, |x| − 1.5"},
    "units": "Hidden units n",
    "show_parts": "Show each unit's share",
    "curve_title": "{n} units: cost {cost}",
    "series_target": "the curve f(x)",
    "series_fit": "the network's fit",
    "series_part": "one unit's share v·tanh(w x + b)",
    "curve_said": ("With **{n}** units the fit's cost (mean squared error) is **{cost}**; the "
                   "output bias is c = {c}."),
    "more_than": "more than {n}",
    "predict_units": "How many tanh units does {curve} need for a cost below {below}?",
    "units_title": "The cost of the fit of {curve} as units are added",
    "axis_units": "hidden units n",
    "axis_cost": "cost J",
    "needed": "The fewest units that get below {below}: **{n}**.",
    "never": "Even {n} units stay above {below} here.",
    "bumps_notice": (
        "- One unit is one step: it can tilt the fit up or down once. The curve's turns "
        "need a step each, so the cost drops steeply over the first few units.\n"
        "- Past that, the units are no longer the limit: training is (a fit with more units "
        "can end a little above one with fewer, when gradient descent has not found its "
        "best weights in 2,000 epochs).\n"
        "- The theorem promises that enough units exist, not that training finds them, nor "
        "how many it takes."
    ),
    # 2. deep or wide
    "deep_wide_header": "2 · Deep or wide, at one parameter count",
    "deep_wide_intro": (
        "Article 002 compares deep and wide (\"fat\") networks by how many parameters they "
        "have. Pick a budget: the page builds one wide hidden layer and three equal hidden "
        "layers with the parameter counts closest to it, and trains both on the spiral "
        "(1,000 epochs of Adam, all training points at once)."
    ),
    "budget": "Parameter budget",
    "seed": "Seed",
    "wide": "Wide",
    "deep": "Deep",
    "region_title": "**{kind}**, {shape}: {p} parameters, test accuracy {acc}",
    "col_network": "Network",
    "col_shape": "Shape",
    "col_first": "Into the first hidden layer",
    "col_between": "Between hidden layers",
    "col_last": "Into the output",
    "col_total": "Total",
    "deep_wide_said": (
        "The wide {wide} network has {pw} parameters and reaches **{aw}** on the test "
        "points; the deep {deep} network has {pd} and reaches **{ad}**, after {epochs} "
        "epochs each."
    ),
    "deep_wide_notice": (
        "- A layer of n units after one of m costs (m + 1)·n parameters. A wide network "
        "spends its budget on the first and last layers, which grow with n; a deep one on "
        "the matrices between hidden layers, which grow with n².\n"
        "- Depth lets later layers combine the features of earlier ones; width gives more "
        "features of the input itself. On a problem this small neither always wins: try "
        "other seeds and budgets."
    ),
    # 3. vanishing and exploding
    "chain_header": "3 · Vanishing and exploding gradients",
    "chain_intro": (
        "On its way back, the gradient is multiplied at every layer by a weight and by the "
        "activation's slope g′(z). Below 1 the product shrinks with every layer: the "
        "gradient **vanishes** (lesson 2). Above 1 it grows: the gradient **explodes**. "
        "Here one unit per layer, every layer with the same weight w and pre-activation z."
    ),
    "weight": "Weight w in every layer",
    "z": "Pre-activation z in every layer",
    "depth": "Layers L",
    "chain_title": "The gradient's factor through L layers, w = {w}, z = {z}",
    "axis_depth": "layers L",
    "axis_factor": "factor (w·g′)^L",
    "list_sep": "; ",
    "chain_part": "{name} {value}",
    "chain_said": "Through **{L}** layers with w = {w} at z = {z}, the gradient is multiplied "
                  "by: {parts}.",
    "real_header": "In a real network",
    "real_intro": (
        "A fresh network of eight ReLU layers of 16 units on the circles, its initial "
        "weights the engine's (He) times a factor: the size of each layer's gradient "
        "before any training."
    ),
    "factor_label": "× {f}",
    "real_title": "Each layer's gradient size at the start, weights × factor",
    "axis_layer": "layer",
    "axis_gradient": "‖∂J/∂W‖",
    "real_said": (
        "Layer 1's gradient is **{small}** with weights × {f0}, **{own}** at the engine's "
        "scale, and **{large}** with weights × {f1}: each layer's weights scale everything "
        "that passes back through them."
    ),
    "chain_notice": (
        "- ReLU's slope is 1 where it is active, so the weights alone decide: w = 1 keeps "
        "the gradient, w = 2 doubles it at every layer (2³⁰ ≈ 10⁹ through 30 layers), "
        "w = 0.5 halves it.\n"
        "- Sigmoid's slope is at most 0.25, so with w ≤ 4 its product can never grow: "
        "article 000's reason to prefer ReLU.\n"
        "- The engine's initial scale (He for ReLU, Xavier for tanh) is chosen so that this "
        "factor stays near 1 at the start. Doubling every weight of the eight-layer network "
        "makes layer 1's gradient over a hundred times larger; halving them, over a "
        "hundred times smaller."
    ),
    # 4. stopping above the bottom
    "minimum_header": "4 · Stopping above the bottom",
    "minimum_intro": (
        "Article 003 says the cost of squared error with a sigmoid is not convex: it can "
        "have many local minima, where gradient descent stops although a lower cost exists. "
        "With a hidden layer, the cost is not convex even with cross-entropy. The smallest "
        "network that can solve XOR, 2-2-1 with tanh, trains on XOR's four points from "
        "twelve random starts (full-batch gradient descent, α = 0.5, 3,000 epochs)."
    ),
    "predict_stuck": "Of the {n} starts, how many will stop clearly above the lowest cost?",
    "restarts_title": "The cost of {n} starts of the same network on the same four points",
    "axis_epochs": "epochs",
    "stuck_name": "stopped above the bottom",
    "found_name": "reached the bottom",
    "col_seed": "Seed",
    "col_final": "Cost at the end",
    "col_gradient": "Gradient size at the end",
    "col_shrunk": "Smaller than at the start",
    "col_outputs": "Outputs for the four points (targets 0, 1, 1, 0)",
    "col_where": "Where it ended",
    "minimum_said": (
        "**{k} of {n}** starts stop at a cost of **{high}** while the others reach "
        "**{best}**: their networks are sure of two points and answer 0.5 for the other two "
        "(ln 2 / 2 ≈ 0.347). Their gradient has shrunk at least **{shrunk} times** since the "
        "start: after {epochs} epochs gradient descent has all but stopped there, and more "
        "epochs do not get it out. A restart from other random weights does."
    ),
    "minimum_notice": (
        "- The same network, data, cost and learning rate: only the random start differs. "
        "Where gradient descent ends depends on where it starts.\n"
        "- This is why the seed matters, and why a stuck run is worth a **Reset** in the "
        "Playground (new initial weights, same data).\n"
        "- Bigger networks have far fewer such traps: with more hidden units than the "
        "problem needs, restarts rarely stop above the bottom."
    ),
}
