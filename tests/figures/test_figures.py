"""The pictures: the PNG behind the live region, its colours, the network diagram and
the small charts, checked the way a browser would read them."""

from __future__ import annotations

import base64
import html
import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from figures import colors, curves, network, png, svg_chart
from figures.region import points_svg, region_html, region_image

SVG = "{http://www.w3.org/2000/svg}"
WHITE = np.array([255, 255, 255])


# --- our PNGs, read back by an independent decoder (Pillow's, which Streamlit ships) -------
def decode_png(data: bytes) -> np.ndarray:
    """RGB pixels ``(h, w, 3)`` of a PNG, as Pillow reads it (it checks every CRC)."""
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG" and image.mode == "RGB"
    return np.asarray(image)


def png_of_data_uri(uri: str) -> bytes:
    prefix = "data:image/png;base64,"
    assert uri.startswith(prefix)
    return base64.b64decode(uri[len(prefix):])


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (5, 3), (100, 100)])
def test_png_round_trips_pixels_exactly(shape):
    rgb = np.random.default_rng(0).integers(0, 256, (*shape, 3), dtype=np.uint8)
    np.testing.assert_array_equal(decode_png(png.encode(rgb)), rgb)


def test_png_data_uri_carries_the_same_image():
    rgb = np.arange(2 * 4 * 3, dtype=np.uint8).reshape(2, 4, 3)
    np.testing.assert_array_equal(decode_png(png_of_data_uri(png.data_uri(rgb))), rgb)


# --- region colours ----------------------------------------------------------------------
def hue_of(pixel: np.ndarray) -> np.ndarray:
    """Direction away from white: equal for a colour and any paler tint of it."""
    d = WHITE - pixel.astype(float)
    return d / np.linalg.norm(d)


def assert_tinted(pixel: np.ndarray, hex_colour: str, strength: float | None = None):
    target = colors.hex_to_rgb(hex_colour)
    np.testing.assert_allclose(hue_of(pixel), hue_of(target), atol=0.02)
    if strength is not None:
        expected = WHITE + colors.MAX_TINT * strength * (target - WHITE)
        np.testing.assert_allclose(pixel, expected, atol=1.0)


def uniform(task: str, values, r: int = 4, **kw) -> np.ndarray:
    """The one colour of a region whose output is ``values`` everywhere."""
    out = np.broadcast_to(np.asarray(values, float), (r, r, len(values))).copy()
    image = region_image(out, task, **kw)
    assert image.shape == (r, r, 3) and image.dtype == np.uint8
    assert np.all(image == image[0, 0])
    return image[0, 0]


@pytest.mark.parametrize("p, hex_colour, strength", [
    (1.0, colors.POSITIVE_HEX, 1.0), (0.0, colors.NEGATIVE_HEX, 1.0),
    (0.75, colors.POSITIVE_HEX, 0.5), (0.25, colors.NEGATIVE_HEX, 0.5),
])
def test_binary_region_is_tinted_towards_the_likelier_class(p, hex_colour, strength):
    assert_tinted(uniform("binary", [p]), hex_colour, strength)


def test_class_one_is_blue_and_class_zero_orange():
    blue, orange = uniform("binary", [1.0]), uniform("binary", [0.0])
    assert blue[2] > blue[0] and orange[0] > orange[2]


def test_an_undecided_binary_region_is_white():
    np.testing.assert_array_equal(uniform("binary", [0.5]), WHITE)


def test_the_region_is_never_fully_saturated_so_points_stay_visible():
    pixel = uniform("binary", [1.0])
    assert np.all(pixel > colors.hex_to_rgb(colors.POSITIVE_HEX) - 1)
    assert not np.array_equal(pixel, colors.hex_to_rgb(colors.POSITIVE_HEX))


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_multiclass_region_shows_the_most_likely_class_colour(k):
    P = np.full(4, 0.1)
    P[k] = 0.7
    assert_tinted(uniform("multiclass", P), colors.class_hex(k))


def test_an_undecided_multiclass_region_is_white():
    np.testing.assert_array_equal(uniform("multiclass", [1 / 3] * 3), WHITE)


@pytest.mark.parametrize("value, hex_colour, strength", [
    (2.0, colors.POSITIVE_HEX, 1.0), (1.0, colors.POSITIVE_HEX, 0.5),
    (-1.0, colors.NEGATIVE_HEX, 0.5), (-5.0, colors.NEGATIVE_HEX, 1.0),
])
def test_regression_region_is_blue_above_zero_and_orange_below(value, hex_colour, strength):
    assert_tinted(uniform("regression", [value], value_scale=2.0), hex_colour, strength)


def test_regression_region_is_white_at_zero():
    np.testing.assert_array_equal(uniform("regression", [0.0]), WHITE)


@pytest.mark.parametrize("task, values, full", [
    ("binary", [0.6], [1.0]), ("binary", [0.45], [0.0]),
    ("multiclass", [0.2, 0.3, 0.5], [0.0, 0.0, 1.0]),
    ("regression", [0.01], [100.0]), ("regression", [-0.2], [-100.0]),
])
def test_hard_boundaries_give_full_colour_whatever_the_confidence(task, values, full):
    hard = uniform(task, values, hard=True)
    np.testing.assert_array_equal(hard, uniform(task, full))
    assert not np.array_equal(hard, uniform(task, values))


@pytest.mark.parametrize("task, n_out", [("binary", 1), ("multiclass", 3), ("regression", 1)])
def test_non_finite_outputs_still_give_an_image(task, n_out):
    out = np.array([np.nan, np.inf, -np.inf, 0.5])[np.arange(16 * n_out) % 4]
    with np.errstate(all="ignore"):
        image = region_image(out.reshape(4, 4, n_out), task)
    assert image.shape == (4, 4, 3) and image.dtype == np.uint8


def test_the_bottom_row_of_the_output_is_the_bottom_of_the_picture():
    out = np.zeros((3, 3, 1))
    out[0] = 1.0  # row 0 = lowest x2
    image = region_image(out, "binary")
    assert_tinted(image[-1, 0], colors.POSITIVE_HEX)
    assert_tinted(image[0, 0], colors.NEGATIVE_HEX)


# --- the region's data layer -------------------------------------------------------------
def svg_of_img(tag: str) -> ET.Element:
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag).group(1)
    return ET.fromstring(base64.b64decode(uri))


def test_points_layer_draws_every_point_with_test_points_rimmed_dark():
    X = np.array([[-1.0, -1.0], [0.0, 0.5], [1.0, 1.0], [0.5, -0.5]])
    y = np.array([0, 1, 1, 0])
    root = svg_of_img(points_svg((-2.0, 2.0), "binary", (X[:3], y[:3]), (X[3:], y[3:])))
    groups = root.findall(f"{SVG}g")
    rims = {g.get("stroke"): len(g.findall(f"{SVG}use")) for g in groups}
    assert sum(len(g.findall(f"{SVG}use")) for g in groups) == 4
    assert rims["#333333"] == 1  # the one test point
    fills = {g.get("fill") for g in groups}
    assert fills == {colors.class_hex(0), colors.class_hex(1)}


def test_points_sit_where_their_coordinates_say():
    X, y = np.array([[-2.0, 2.0], [2.0, -2.0]]), np.array([0, 1])
    root = svg_of_img(points_svg((-2.0, 2.0), "binary", (X, y)))
    points = {g.get("fill"): g.find(f"{SVG}use") for g in root.findall(f"{SVG}g")}
    top_left, bottom_right = points[colors.class_hex(0)], points[colors.class_hex(1)]
    assert (top_left.get("x"), top_left.get("y")) == ("0", "0")
    assert (bottom_right.get("x"), bottom_right.get("y")) == ("1000", "1000")


@pytest.mark.parametrize("classes", [2, 3, 4])
def test_each_class_has_its_own_marker_shape_not_only_its_colour(classes):
    """WCAG 1.4.1: a reader who cannot tell the colours apart tells the shapes apart."""
    X = np.zeros((classes, 2))
    root = svg_of_img(points_svg((-2.0, 2.0), "multiclass", (X, np.arange(classes))))
    defined = {m.get("id"): ET.tostring(m) for m in root.find(f"{SVG}defs")}
    shape = {g.get("fill"): g.find(f"{SVG}use").get("href").lstrip("#")
             for g in root.findall(f"{SVG}g")}
    assert len(set(shape.values())) == classes
    assert len({defined[s] for s in shape.values()}) == classes  # really different shapes


def test_regression_points_are_all_circles():
    X, y = np.zeros((3, 2)), np.array([-1.0, 0.0, 2.0])
    root = svg_of_img(points_svg((-2.0, 2.0), "regression", (X, y)))
    assert {u.get("href") for u in root.iter(f"{SVG}use")} == {"#m0"}


def test_region_html_holds_the_image_under_the_points():
    image = np.zeros((5, 5, 3), np.uint8)
    html_text = region_html(image, "<img alt='points'>", alt="What the network <predicts>")
    uri = re.search(r'src="(data:image/png;base64,[^"]+)"', html_text).group(1)
    np.testing.assert_array_equal(decode_png(png_of_data_uri(uri)), image)
    assert html_text.index('alt="What the network &lt;predicts&gt;"') < html_text.index(
        "alt='points'")  # the caller's words (the learner's language), escaped


# --- the network diagram -------------------------------------------------------------------
def unit_colour(l: int, j: int) -> np.ndarray:
    return np.array([10 + 20 * l, 10 + 15 * j, 200], dtype=np.uint8)


def diagram(sizes: list[int], seed: int = 0, tooltips: bool = True) -> str:
    """A diagram whose unit (l, j) is a solid square of ``unit_colour(l, j)``."""
    rng = np.random.default_rng(seed)
    W = [rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    b = [rng.normal(size=n) for n in sizes[1:]]
    t = network.thumbnail_size(network.unit_positions(sizes)[2])
    images = [np.stack([np.broadcast_to(unit_colour(l, j), (t, t, 3))
                        for j in range(min(n, network.MAX_UNITS_DRAWN))])
              for l, n in enumerate(sizes)]
    titles = ["input", *(f"hidden {l}<br>{n} tanh" for l, n in enumerate(sizes[1:-1], 1)),
              "output<br>sigmoid"]
    tips = [[f"{l}.{j}" for j in range(min(n, network.MAX_UNITS_DRAWN))]
            for l, n in enumerate(sizes)]
    return network.network_html(sizes, W, b, images, titles, tooltips=tips if tooltips else None)


def unit_tags(html_text: str) -> list[str]:
    return re.findall(r'<div class="np-unit" title=[^>]*>', html_text)


def sprite_of(html_text: str) -> np.ndarray:
    uri = re.search(r'class="np-network-units" src="(data:image/png;base64,[^"]+)"',
                    html_text).group(1)
    return decode_png(png_of_data_uri(uri))


SIZES = [[2, 1], [2, 4, 4, 1], [2, 8, 3], [2, 64, 1], [2, 12, 13, 64, 1]]


@pytest.mark.parametrize("sizes", SIZES)
def test_the_diagram_draws_one_thumbnail_per_drawn_unit(sizes):
    html_text = diagram(sizes)
    sprite = sprite_of(html_text)
    xs, ys, _ = network.unit_positions(sizes)
    k = network.SPRITE_SCALE
    for l, (x, y) in enumerate(zip(xs, ys)):
        assert len(y) == min(sizes[l], network.MAX_UNITS_DRAWN)
        for j, yj in enumerate(y):  # each unit's own picture sits at the unit's place
            np.testing.assert_array_equal(sprite[int(k * yj), int(k * x)], unit_colour(l, j))
    assert len(unit_tags(html_text)) == sum(len(y) for y in ys)
    hidden_away = [n - network.MAX_UNITS_DRAWN for n in sizes if n > network.MAX_UNITS_DRAWN]
    assert re.findall(r"\+(\d+) more", html_text) == [str(n) for n in hidden_away]


def test_the_diagram_shows_layer_titles_and_each_units_own_hover_text():
    html_text = diagram([2, 3, 1])
    assert "hidden 1<br>3 tanh" in html_text and "output<br>sigmoid" in html_text
    titles = [re.search(r'title="([^"]*)"', t).group(1) for t in unit_tags(html_text)]
    assert titles == ["0.0", "0.1", "1.0", "1.1", "1.2", "2.0"]


def test_the_diagram_names_output_units_beside_them():
    t = network.thumbnail_size(network.unit_positions([2, 3])[2])
    images = [np.zeros((2, t, t, 3), np.uint8), np.zeros((3, t, t, 3), np.uint8)]
    html_text = network.network_html([2, 3], [np.ones((2, 3))], [np.zeros(3)], images,
                                     ["in", "out"], output_labels=["setosa", "<b>", "c"])
    assert re.findall(r'class="np-output-label"[^>]*>([^<]*)<', html_text) == [
        "setosa", "&lt;b&gt;", "c"]


def test_the_live_diagram_leaves_out_the_hover_boxes():
    assert unit_tags(diagram([2, 3, 1], tooltips=False)) == []


def test_the_diagram_escapes_titles_in_tooltips():
    t = network.thumbnail_size(network.unit_positions([2, 1])[2])
    images = [np.zeros((2, t, t, 3), np.uint8), np.zeros((1, t, t, 3), np.uint8)]
    html_text = network.network_html([2, 1], [np.ones((2, 1))], [np.zeros(1)], images,
                                     ["in", "out"], tooltips=[['x "1"', "x2"], ["out"]])
    assert 'title="x &quot;1&quot;"' in html_text


def edge_segments(W: list[np.ndarray], sizes: list[int]) -> list[tuple[str, float, float]]:
    """(colour, width, opacity) of every drawn edge, from the grouped SVG paths."""
    xs, ys, node = network.unit_positions(sizes)
    paths = ET.fromstring(network.edges_svg(W, xs, ys, node)).findall(f"{SVG}path")
    return [(p.get("stroke"), float(p.get("stroke-width")), float(p.get("stroke-opacity")))
            for p in paths for _ in range(p.get("d").count("M"))]


def test_edges_draw_one_line_per_drawn_weight_coloured_by_sign():
    W = [np.array([[1.0, -2.0, 0.5], [-0.1, 3.0, -4.0]]), np.array([[1.0], [-1.0], [2.0]])]
    edges = edge_segments(W, [2, 3, 1])
    assert len(edges) == 9
    signs = np.concatenate([w.ravel() for w in W]) > 0
    colours = [c for c, _, _ in edges]
    assert colours.count(colors.POSITIVE_HEX) == signs.sum()
    assert colours.count(colors.NEGATIVE_HEX) == (~signs).sum()


def test_larger_weights_draw_thicker_edges():
    edges = edge_segments([np.array([[0.1], [-3.0]])], [2, 1])
    width = {colour: w for colour, w, _ in edges}
    assert width[colors.NEGATIVE_HEX] > width[colors.POSITIVE_HEX]


def test_edges_of_a_wide_layer_are_capped_at_the_drawn_units():
    W = [np.ones((2, 64)), np.ones((64, 1))]
    assert len(edge_segments(W, [2, 64, 1])) == 2 * 12 + 12


@pytest.mark.parametrize("fill", [0.0, np.nan, np.inf])
def test_edges_survive_zero_and_non_finite_weights(fill):
    W = [np.full((2, 3), fill), np.full((3, 1), fill)]
    edges = edge_segments(W, [2, 3, 1])
    assert len(edges) == 9
    assert all(np.isfinite(w) and np.isfinite(o) for _, w, o in edges)


@pytest.mark.parametrize("activation", ["linear", "sigmoid", "tanh", "relu"])
def test_thumbnails_are_white_where_the_unit_sits_at_its_midpoint(activation):
    midpoint = 0.5 if activation == "sigmoid" else 0.0
    A = np.full((4, 4), midpoint)
    A[0, 0] = midpoint + 0.4
    image = network.thumbnail_rgb(A[..., None], activation)[0]  # one unit of a layer
    np.testing.assert_array_equal(image[0, 1], WHITE)
    assert_tinted(image[-1, 0], colors.POSITIVE_HEX)  # row 0 is the bottom of the plane


def test_softmax_thumbnails_are_their_classes_colour_white_where_unlikely():
    P = np.zeros((2, 2, 3))
    P[0, 0] = [0.0, 0.0, 1.0]  # bottom left: surely class 3
    P[1, 1] = [1.0, 0.0, 0.0]  # top right: surely class 1
    images = network.thumbnail_rgb(P, "softmax")
    assert_tinted(images[2][1, 0], colors.CLASS_HEX[2])
    assert_tinted(images[0][0, 1], colors.CLASS_HEX[0])
    np.testing.assert_array_equal(images[1][0, 1], WHITE)  # class 2 is unlikely there


# Machado, Oliveira and Fernandes (2009), severity 1: each dichromacy as a matrix on
# linear RGB.
DICHROMACY = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def seen_lab(hex_colour: str, strength: float | None, dichromacy: str) -> np.ndarray:
    """CIELAB of a class colour (a point's, or tinted as in the region by ``strength``)
    as seen with ``dichromacy``."""
    rgb = colors.hex_to_rgb(hex_colour) if strength is None else colors.tint(
        colors.hex_to_rgb(hex_colour), np.float64(strength))
    rgb = rgb / 255.0
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(np.array(DICHROMACY[dichromacy]) @ lin, 0, 1)
    X = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                  [0.0193, 0.1192, 0.9505]]) @ seen
    f = np.cbrt(X / np.array([0.9505, 1.0, 1.089]))
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("dichromacy", list(DICHROMACY))
@pytest.mark.parametrize("strength", [None, 1.0], ids=["points", "sure region"])
def test_the_first_three_class_colours_stay_apart_for_the_colour_blind(strength, dichromacy):
    lab = [seen_lab(h, strength, dichromacy) for h in colors.CLASS_HEX[:3]]
    gaps = [np.linalg.norm(lab[i] - lab[j]) for i in range(3) for j in range(i + 1, 3)]
    # CIELAB units (about 2 is just noticeable); the earlier green sat 22 from the orange
    # under deuteranopia and 9 from the blue under tritanopia
    assert min(gaps) > 20


def test_thumbnails_survive_non_finite_activations():
    A = np.array([[np.nan, np.inf], [-np.inf, 0.0]])[..., None]
    assert network.thumbnail_rgb(A, "relu").shape == (1, 2, 2, 3)


def test_each_unit_of_a_layer_gets_its_own_scale():
    A = np.zeros((3, 3, 2))
    A[0, 0] = [1.0, 100.0]  # ReLU maps scale per unit: both peaks are full colour
    images = network.thumbnail_rgb(A, "relu")
    np.testing.assert_array_equal(images[0, -1, 0], images[1, -1, 0])


# --- charts --------------------------------------------------------------------------------
EPOCHS = np.arange(5.0)


def test_metric_chart_omits_the_test_curve_when_there_is_no_test_data():
    chart = curves.metric_chart(EPOCHS, EPOCHS + 1, np.full(5, np.nan), "Loss")
    assert [s.name for s in chart.series] == ["train"]


def test_metric_chart_draws_train_solid_and_test_dashed():
    chart = curves.metric_chart(EPOCHS, EPOCHS + 1, [np.nan, 1, 2, np.inf, 3], "Loss")
    assert [(s.name, s.dashed) for s in chart.series] == [("train", False), ("test", True)]
    assert np.isnan(chart.series[1].y[[0, 3]]).all()  # inf is not drawn either


def test_gradient_chart_is_log_scaled_and_keeps_zero_gradients_for_the_floor_band():
    G = np.array([[1e-3, 1.0], [0.0, 0.5], [1e-5, np.inf]])
    chart = curves.gradient_chart(EPOCHS[:3], G, ["layer 1", "output"], "grad")
    assert chart.log_y and chart.zero_floor
    np.testing.assert_array_equal(chart.series[0].y, [1e-3, 0.0, 1e-5])
    np.testing.assert_array_equal(chart.series[1].y, [1.0, 0.5, np.nan])
    assert chart.series[0].color != chart.series[1].color


def test_dead_units_chart_only_has_bars_for_relu_layers():
    chart = curves.dead_units_chart(["layer 1", "layer 2", "layer 3", "output"],
                                    [0.75, None, 0.0, None], "dead")
    (bars,) = chart.series
    assert list(bars.x) == ["layer 1", "layer 3"]
    np.testing.assert_array_equal(bars.y, [0.75, 0.0])
    assert chart.kind == "bar" and chart.percent


CHARTS = {
    "line": curves.metric_chart(EPOCHS, EPOCHS + 1, EPOCHS + 2, "Loss <&> \"quoted\""),
    "percent": curves.metric_chart(EPOCHS, EPOCHS / 5, EPOCHS / 6, "Accuracy",
                                   y_range=(0.0, 1.0), percent=True),
    "log": curves.gradient_chart(EPOCHS, np.outer(10.0 ** -EPOCHS, [1, 10]), ["a", "b&c"], "g"),
    "log, all zero": curves.gradient_chart(EPOCHS, np.zeros((5, 2)), ["a", "b"], "g"),
    "bar": curves.dead_units_chart(["layer 1", "layer <2>"], [0.5, 0.0], "Dead"),
    "no series": curves.Chart("empty", []),
    "empty series": curves.metric_chart([], [], [], "Loss"),
    "single point": curves.metric_chart([0.0], [0.7], [0.8], "Loss"),
    "flat": curves.metric_chart(EPOCHS, np.ones(5), None, "Loss"),
    "all NaN": curves.metric_chart(EPOCHS, np.full(5, np.nan), None, "Loss"),
}


@pytest.mark.parametrize("chart", CHARTS.values(), ids=CHARTS.keys())
def test_svg_charts_are_well_formed(chart):
    root = ET.fromstring(svg_chart.to_svg(chart))
    assert root.tag == f"{SVG}svg"
    drawn = [s for s in chart.series if (np.isfinite(s.y) & (s.y != 0 if chart.log_y and not
                                                             chart.zero_floor else True)).any()]
    if chart.kind == "line":
        assert len(root.findall(f"{SVG}polyline")) == len(drawn)
    else:
        assert len(root.findall(f"{SVG}rect")) == 1 + len(chart.series[0].y)  # frame + bars
    html_text = svg_chart.to_html(chart)
    assert html.escape(chart.title) in html_text  # the title is HTML text, outside the plot


def test_svg_html_embeds_the_plot_as_an_image_under_its_title():
    tag = svg_chart.to_html(CHARTS["line"])
    assert tag.startswith('<div class="np-chart"')
    assert svg_of_img(tag[tag.index("<img "):]).tag == f"{SVG}svg"


def test_svg_log_chart_labels_powers_of_ten():
    root = ET.fromstring(svg_chart.to_svg(CHARTS["log"]))
    labels = {t.text for t in root.iter(f"{SVG}text")}
    assert {"10⁻⁴", "10⁰", "10¹"} <= labels


def test_svg_bar_heights_follow_the_values():
    root = ET.fromstring(svg_chart.to_svg(curves.dead_units_chart(["a", "b"], [1.0, 0.5], "d")))
    frame, *bars = root.findall(f"{SVG}rect")
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == pytest.approx(float(frame.get("height")), abs=0.1)
    assert heights[1] == pytest.approx(heights[0] / 2, abs=0.1)


def test_zero_gradients_sit_on_a_band_labelled_0_below_the_powers_of_ten():
    G = np.array([[1e-2, 1.0], [0.0, 0.5], [0.0, 0.0]])
    chart = curves.gradient_chart(EPOCHS[:3], G, ["layer 1", "output"], "grad", "all 0")
    root = ET.fromstring(svg_chart.to_svg(chart))
    zero = next(t for t in root.iter(f"{SVG}text") if t.text == "0")
    lowest = max(float(t.get("y")) for t in root.iter(f"{SVG}text") if t.text.startswith("10"))
    assert float(zero.get("y")) > lowest
    for line in root.findall(f"{SVG}polyline"):  # both lines reach the band at the end
        last_y = float(line.get("points").split()[-1].split(",")[1])
        assert last_y == pytest.approx(float(zero.get("y")) - 4, abs=0.5)
    assert chart.note == "all 0"  # the latest epoch has no gradient left


@pytest.mark.parametrize("fill", [0.0, np.nan, np.inf])
def test_a_gradient_chart_with_nothing_to_draw_says_why(fill):
    chart = curves.gradient_chart(EPOCHS, np.full((5, 3), fill), ["1", "2", "out"], "Gradients",
                                  empty_note="Every gradient is 0")
    assert chart.note == "Every gradient is 0"
    assert "Every gradient is 0" in svg_chart.to_html(chart)


def test_the_note_follows_the_latest_epoch_not_the_first():
    G = np.vstack([np.ones((1, 2)), np.zeros((4, 2))])  # epoch 0 had gradients, then none
    chart = curves.gradient_chart(EPOCHS, G, ["1", "out"], "G", empty_note="Every gradient is 0")
    assert chart.note == "Every gradient is 0"


def test_a_gradient_chart_with_data_has_no_note():
    chart = curves.gradient_chart(EPOCHS, np.ones((5, 2)), ["1", "out"], "Gradients",
                                  empty_note="Every gradient is 0")
    assert chart.note == "" and "np-chart-note" not in svg_chart.to_html(chart)


@pytest.mark.parametrize("n_layers", [1, 3, 9])
def test_the_legend_names_every_series_even_one_and_wraps_instead_of_overlapping(n_layers):
    names = [f"layer {l}" for l in range(1, n_layers)] + ["output"]
    chart = curves.gradient_chart(EPOCHS, np.ones((5, n_layers)), names, "G")
    html_text = svg_chart.to_html(chart)
    legend = html_text[html_text.index('class="np-chart-legend"'):]
    assert "flex-wrap:wrap" in legend
    assert re.findall(r'class="np-swatch"[^>]*></span>([^<]+)</span>', legend) == names


@pytest.mark.parametrize("last_epoch", [0, 1, 7, 250, 12000])
def test_the_epoch_axis_starts_at_0_with_whole_epochs(last_epoch):
    chart = curves.metric_chart(np.arange(last_epoch + 1.0), np.ones(last_epoch + 1), None, "L")
    root = ET.fromstring(svg_chart.to_svg(chart))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
    values = [int(t.replace(",", "")) for t in ticks]
    assert values[0] == 0 and all(v >= 0 for v in values) and len(values) <= 7


@pytest.mark.parametrize("hard", [False, True])
def test_the_binary_colour_table_matches_the_formula_to_one_level(hard):
    p = np.concatenate([np.linspace(0, 1, 9001), [0.5, 0.0, 1.0, 0.25]])
    exact = colors.probabilities_rgb(np.stack([1 - p, p], axis=-1), hard).astype(int)
    table = colors.binary_rgb(p, hard).astype(int)
    near_half = np.abs(p - 0.5) < 1 / 2048  # where rounding may pick the other class
    assert np.abs(table - exact)[~near_half].max() <= 1
    if not hard:
        assert np.abs(table - exact).max() <= 1  # both are white there
    np.testing.assert_array_equal(table[-4:], exact[-4:])  # 1/2, 0, 1 and 1/4: exact
