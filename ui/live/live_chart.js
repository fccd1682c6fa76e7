// The Playground's small charts drawn in the learner's browser. While a learner plays, a
// chart's frame brings its points, not a picture: only those the page does not have yet
// (figures/svg_chart.to_data), and this draws the same HTML and SVG that
// figures/svg_chart.to_html draws on the server for the paused page and AppTest, number
// for number: tests/browser/test_live_chart.py compares the two. The sizes come with the
// frame from the Python side: one truth. Numbers are written as Python writes them
// (f"{v:.1f}", f"{v:.3g}", f"{v:.0%}", f"{n:,}"), ties to even included.

function npBase64Floats(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return Array.from(new Float64Array(bytes.buffer));  // little-endian float64, as packed
}

// Python's f"{v:.{d}f}" for d = 0 or 1: JavaScript rounds a tie away from zero, Python to
// even. A tie is exact only where v * 2 (d = 0) or v * 4 (d = 1) is a whole number.
function npFixed(v, d) {
  const a = Math.abs(v), scale = d === 0 ? 1 : 10;
  const tie = d === 0 ? Number.isInteger(a * 2) && !Number.isInteger(a)
    : Number.isInteger(a * 4) && !Number.isInteger(a * 2);
  if (!tie) return v.toFixed(d);
  let n = Math.floor(a * scale);
  if (n % 2) n += 1;
  const whole = Math.floor(n / scale), sign = v < 0 ? "-" : "";
  return sign + (d === 0 ? String(whole) : `${whole}.${n % scale}`);
}

function npStrip(text) {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

// Python's f"{v:.{p}g}".
function npGeneral(v, p) {
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  const [mantissa, e] = v.toExponential(p - 1).split("e");
  const exp = Number(e);
  if (exp >= -4 && exp < p) return npStrip(v.toFixed(p - 1 - exp));
  return npStrip(mantissa) + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
}

// Python's str() of a float: "258.0" where a whole number.
function npFloat(v) {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function npThousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function npEscape(text) {  // Python's html.escape
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

function npTen(e) {  // 10.0 ** e, correctly rounded as Python's is
  return e >= 0 ? 10 ** e : 1 / 10 ** -e;
}

// numpy.arange(start, stop, step) for floats, value for value: numpy fills start + i * d
// with d the difference of its first two values.
function npArange(start, stop, step) {
  const n = Math.ceil((stop - start) / step);
  if (!(n > 0)) return [];
  const out = [start];
  if (n > 1) {
    const second = start + step, d = second - start;
    out.push(second);
    for (let i = 2; i < n; i++) out.push(start + i * d);
  }
  return out;
}

const NP_SUPERSCRIPT = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
  "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

function npTicks(lo, hi, log) {
  if (log) {
    const first = Math.floor(lo), last = Math.ceil(hi);
    const step = Math.max(1, Math.ceil((last - first) / 6));
    const out = [];
    for (let e = last; e > first - 1; e -= step) out.push(npTen(e));
    return out.reverse();
  }
  const span = hi - lo || 1;
  let step = npTen(Math.floor(Math.log10(span / 4)));
  step *= span / step > 8 ? 2 : 1;
  return npArange(Math.ceil(lo / step) * step, hi + 1e-12, step);
}

function npEpochTicks(x0, x1) {
  const span = Math.max(x1 - x0, 1);
  let step = Math.max(1, Math.trunc(npTen(Math.floor(Math.log10(span / 5)))));
  for (const k of [1, 2, 5, 10]) {
    if (span / (step * k) <= 6) { step *= k; break; }
  }
  const out = [];
  for (let t = Math.trunc(Math.ceil(x0 / step) * step); t < Math.trunc(x1) + 1; t += step) out.push(t);
  return out;
}

function npLabel(v, log, percent) {
  if (percent) return npFixed(v * 100, 0) + "%";
  if (log) return "10" + String(Math.round(Math.log10(v))).replace(/./g, (c) => NP_SUPERSCRIPT[c]);
  return npGeneral(v, 3);
}

function npYBounds(chart) {
  let ys = chart.series.flatMap((s) => s.y.filter(Number.isFinite));
  if (chart.log_y) {
    ys = ys.filter((v) => v > 0).map(Math.log10);
    if (!ys.length) return [-1, 1];
    const lo = Math.floor(Math.min(...ys)), hi = Math.ceil(Math.max(...ys));
    return [lo, hi > lo ? hi : lo + 1];
  }
  if (chart.y_range) return chart.y_range;
  if (!ys.length) return [0, 1];
  const lo = Math.min(Math.min(...ys), 0), hi = Math.max(...ys);
  return [lo, hi > lo ? hi : lo + 1];
}

// figures/svg_chart.to_svg
function npChartSvg(chart) {
  const [W, H, LEFT, RIGHT, TOP, BOTTOM, ZERO_BAND] = chart.layout;
  const band = chart.log_y && chart.zero_floor && chart.series.some((s) => s.y.includes(0))
    ? ZERO_BAND : 0;
  const pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM - band;
  const [y0, y1] = npYBounds(chart);
  const tf = chart.log_y ? Math.log10 : (v) => v;
  const py = (v) => (chart.log_y && band && v === 0 ? TOP + ph + band / 2
    : TOP + ph * (1 - (tf(v) - y0) / ((y1 - y0) || 1)));
  const out = [`<rect x="${LEFT}" y="${TOP}" width="${pw}" height="${ph + band}" fill="none" ` +
    `stroke="#ccc"/>`];
  if (band) {
    out.push(`<rect x="${LEFT}" y="${TOP + ph}" width="${pw}" height="${band}" ` +
      `fill="#f0f0f0"/><text x="${LEFT - 4}" y="${npFloat(TOP + ph + band / 2 + 4)}" ` +
      `font-size="11" text-anchor="end" fill="#555">0</text>`);
  }
  for (const t of npTicks(y0, y1, chart.log_y)) {
    if (y0 - 1e-9 <= tf(t) && tf(t) <= y1 + 1e-9) {
      const y = npFixed(py(t), 1);
      out.push(`<line x1="${LEFT}" x2="${LEFT + pw}" y1="${y}" y2="${y}" stroke="#eee"/>` +
        `<text x="${LEFT - 4}" y="${npFixed(py(t) + 4, 1)}" font-size="11" ` +
        `text-anchor="end" fill="#555">${npLabel(t, chart.log_y, chart.percent)}</text>`);
    }
  }
  const box = { H, LEFT, TOP, BOTTOM };
  out.push(...(chart.kind === "bar" ? npBars(chart, pw, ph + band, py, box)
    : npLines(chart, pw, py, box)));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" ` +
    `viewBox="0 0 ${W} ${H}" font-family="sans-serif">${out.join("")}</svg>`;
}

function npLines(chart, pw, py, { H, LEFT, BOTTOM }) {
  const xs = chart.series.flatMap((s) => s.x).filter(Number.isFinite);
  const x0 = xs.length ? Math.min(Math.min(...xs), 0) : 0;
  let x1 = xs.length ? Math.max(...xs) : 1;
  x1 = x1 > x0 ? x1 : x0 + 1;
  const px = (v) => LEFT + pw * (v - x0) / (x1 - x0);
  const out = npEpochTicks(x0, x1).map((t) => `<text x="${npFixed(px(t), 1)}" ` +
    `y="${H - BOTTOM + 14}" font-size="11" text-anchor="middle" fill="#555">` +
    `${npThousands(t)}</text>`);
  if (chart.x_title) {
    out.push(`<text x="${npFloat(LEFT + pw / 2)}" y="${H - 4}" font-size="11" ` +
      `text-anchor="middle" fill="#555">${npEscape(chart.x_title)}</text>`);
  }
  for (const s of chart.series) {
    const points = [];
    s.y.forEach((y, i) => {
      const ok = Number.isFinite(y) && (!chart.log_y || y > 0 || (chart.zero_floor && y === 0));
      if (ok) points.push([s.x[i], y]);
    });
    const pts = points.map(([x, y]) => `${npFixed(px(x), 1)},${npFixed(py(y), 1)}`).join(" ");
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : "";
    if (points.length === 1) {
      const [[a, b]] = points;
      out.push(`<circle cx="${npFixed(px(a), 1)}" cy="${npFixed(py(b), 1)}" r="3" ` +
        `fill="${s.color}"/>`);
    }
    if (pts) {
      out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" ` +
        `stroke-width="2"${dash}/>`);
    }
  }
  return out;
}

function npBars(chart, pw, ph, py, { LEFT, TOP }) {
  const s = chart.series[0], n = Math.max(s.x.length, 1), slot = pw / n;
  return s.x.map((name, i) => {
    const v = s.y[i], x = LEFT + slot * (i + 0.2), top = py(Number.isFinite(v) ? v : 0);
    const color = s.bar_colors ? s.bar_colors[i] : s.color;
    return `<rect x="${npFixed(x, 1)}" y="${npFixed(top, 1)}" width="${npFixed(slot * 0.6, 1)}" ` +
      `height="${npFixed(py(0) - top, 1)}" fill="${color}"/>` +
      `<text x="${npFixed(x + slot * 0.3, 1)}" y="${TOP + ph + 14}" font-size="11" ` +
      `text-anchor="middle" fill="#555">${npEscape(name)}</text>`;
  });
}

function npLegend(chart) {
  if (chart.kind === "bar" || !chart.series.length) return "";
  const items = chart.series.map((s) =>
    `<span style="display:inline-flex;align-items:center;gap:4px;white-space:nowrap">` +
    `<span class="np-swatch" style="display:inline-block;width:18px;border-top:2px ` +
    `${s.dashed ? "dashed" : "solid"} ${s.color}"></span>${npEscape(s.name)}</span>`).join("");
  return `<div class="np-chart-legend" style="display:flex;flex-wrap:wrap;gap:2px 12px;` +
    `justify-content:center;font-size:12px;color:#444">${items}</div>`;
}

function npBase64Utf8(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

// figures/svg_chart.to_html
function npChartHtml(chart) {
  const [W, H] = chart.layout;
  const uri = "data:image/svg+xml;base64," + npBase64Utf8(npChartSvg(chart));
  const note = chart.note ? `<div class="np-chart-note" style="font-size:12px;color:#8a4b00;` +
    `text-align:center">${npEscape(chart.note)}</div>` : "";
  return `<div class="np-chart" style="max-width:${npFixed(W * 1.4, 0)}px;margin:auto">` +
    `<div class="np-chart-title" style="font-size:14px;font-weight:600;` +
    `text-align:center;color:#333">${npEscape(chart.title)}</div>${note}` +
    `<img src="${uri}" alt="${npEscape(chart.title)}" ` +
    `style="width:100%;aspect-ratio:${W}/${H};display:block">${npLegend(chart)}</div>`;
}

// A chart's frame (figures/svg_chart.to_data) onto what this place already holds: points
// from "start" on replace the place's own. A frame that builds on one this place never
// got (sent while the place was being redrawn) is left for the next whole chart, which
// comes every few seconds: its points would be out of order.
function npChartFrom(place, part) {
  const run = place.dataset.npRun, held = place.npChart;
  const whole = part.start === 0;
  if (!whole && !(held && held.run === run && held.seq === part.after
                  && held.chart.series.length === part.series.length)) return null;
  const decode = (values) => (typeof values === "string" ? npBase64Floats(values) : values);
  const series = part.series.map((s, i) => {
    const had = whole ? null : held.chart.series[i];
    const x = decode(s.x), y = decode(s.y);
    return { ...s, x: had ? had.x.slice(0, part.start).concat(x) : x,
      y: had ? had.y.slice(0, part.start).concat(y) : y };
  });
  const chart = { ...part, series };
  place.npChart = { run, seq: part.seq, chart };
  return chart;
}
