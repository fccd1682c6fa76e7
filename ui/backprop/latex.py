"""The formulas of the backprop lesson written out with their numbers, as KaTeX for
``st.markdown`` (``$...$``). Pure (no Streamlit): symbols and numbers only, no words, so
they need no translation. The numbers come from ``core.backprop_steps``."""

from __future__ import annotations

from core.backprop_steps import BiasGrad, UnitDelta, UnitForward, Walkthrough, WeightGrad


def num(v: float) -> str:
    """4 decimals for everyday sizes, 4 significant digits for the very large or small."""
    v = float(v)
    if v == 0:
        return "0"
    if 1e-3 <= abs(v) < 1e5:
        return f"{v:.4f}"
    return f"{v:.4g}"


def par(v: float) -> str:
    """``num(v)``, in parentheses when negative (for use inside a product)."""
    text = num(v)
    return f"({text})" if float(v) < 0 else text


def sym(name: str, l: int, *index: int) -> str:
    """e.g. ``W^{[1]}_{12}``: layer l in brackets, 1-based unit indices."""
    sub = "".join(str(i + 1) for i in index)
    return f"{name}^{{[{l}]}}_{{{sub}}}" if sub else f"{name}^{{[{l}]}}"


def forward_line(u: UnitForward, activation: str, is_output: bool) -> str:
    terms = " + ".join(f"{par(a)} \\times {par(w)}" for a, w in zip(u.a_in, u.w))
    z = sym("z", u.layer, u.unit)
    a = sym("a", u.layer, u.unit)
    line = f"{z} = {terms} + {par(u.bias)} = {num(u.z)}"
    if is_output:
        return f"${line}, \\quad \\hat y_{{{u.unit + 1}}} = {a} = {z} = {num(u.a)}$"
    g = "\\sigma" if activation == "sigmoid" else "g"
    return f"${line}, \\quad {a} = {g}({num(u.z)}) = {num(u.a)}$"


def loss_line(w: Walkthrough) -> str:
    out, y = w.output, w.Y[0]
    n = len(out)
    squares = " + ".join(f"({num(a)} - {par(t)})^2" for a, t in zip(out, y))
    if n == 1:
        return f"$J = (\\hat y - y)^2 = {squares} = {num(w.loss)}$"
    return (f"$J = \\frac{{1}}{{{n}}}\\sum_k (\\hat y_k - y_k)^2 = \\frac{{1}}{{{n}}}"
            f"\\left[{squares}\\right] = {num(w.loss)}$")


def delta_line(d: UnitDelta, L: int) -> str:
    dz = sym("dZ", d.layer, d.unit)
    a = sym("a", d.layer, d.unit)
    if d.is_output:
        n = round(2.0 / d.scale)
        return (f"${dz} = \\frac{{\\partial J}}{{\\partial {sym('z', d.layer, d.unit)}}} = "
                f"\\frac{{2}}{{{n}}}(\\hat y_{{{d.unit + 1}}} - y_{{{d.unit + 1}}}) = "
                f"\\frac{{2}}{{{n}}}({num(d.a)} - {par(d.y)}) = {num(d.value)}$")
    symbolic = " + ".join(f"{sym('dZ', d.layer + 1, k)} {sym('W', d.layer + 1, d.unit, k)}"
                          for k in range(len(d.upstream)))
    numbers = " + ".join(f"{par(u)} \\times {par(wk)}" for u, wk in zip(d.upstream, d.w_out))
    return (f"${dz} = ({symbolic}) \\cdot {a}(1 - {a}) = ({numbers}) \\times {num(d.a)} "
            f"\\times (1 - {num(d.a)}) = {num(d.value)}$")


def weight_grad_line(g: WeightGrad) -> str:
    return (f"${sym('dW', g.layer, g.i, g.j)} = {sym('a', g.layer - 1, g.i)}\\, "
            f"{sym('dZ', g.layer, g.j)} = {par(g.a_in)} \\times {par(g.delta)} = "
            f"{num(g.value)}$")


def bias_grad_line(g: BiasGrad) -> str:
    return f"${sym('db', g.layer, g.j)} = {sym('dZ', g.layer, g.j)} = {num(g.value)}$"


def weight_update_line(g: WeightGrad, lr: float) -> str:
    W = sym("W", g.layer, g.i, g.j)
    return (f"${W} \\leftarrow {par(g.w)} - {num(lr)} \\times {par(g.value)} = "
            f"{num(g.w_new)}$")


def bias_update_line(g: BiasGrad, lr: float) -> str:
    return (f"${sym('b', g.layer, g.j)} \\leftarrow {par(g.b)} - {num(lr)} \\times "
            f"{par(g.value)} = {num(g.b_new)}$")


def new_loss_line(w: Walkthrough) -> str:
    outs = ", ".join(num(v) for v in w.output_new)
    return f"$\\hat y = {outs}, \\quad J = {num(w.loss)} \\rightarrow {num(w.new_loss)}$"


def nudge_line(kind: str, layer: int, index: tuple[int, ...], w: float, h: float,
               loss_plus: float, loss_minus: float, numerical: float) -> str:
    p = sym(kind, layer, *index)
    return (f"$\\frac{{\\partial J}}{{\\partial {p}}} \\approx \\frac{{J({p} + h) - "
            f"J({p} - h)}}{{2h}} = \\frac{{{loss_plus:.10g} - {loss_minus:.10g}}}"
            f"{{2 \\times {h:g}}} = {num(numerical)}$")
