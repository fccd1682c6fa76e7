// The live region drawn in the learner's browser. While a learner plays, each frame brings
// data, not a picture: for a network as small as TF Playground's, its weights, and this
// evaluates it on the region's grid; for a larger one, its output on the grid as bytes
// (figures/region.py: region_net, region_bytes). Either way the output is coloured exactly
// as figures/region.region_image and figures/colors.py colour it on the server (the
// paused page and AppTest still get the server's picture): tests/browser/test_live_region.py
// checks both ways give the same colours at the same points. The palette, the fading and
// the activations' constants come with the frame from the Python side: one truth.

// Input features, as core/inputs.py computes them from a point (x1, x2).
const FEATURES = {
  "x1": (a, b) => a, "x2": (a, b) => b, "x1^2": (a, b) => a * a, "x2^2": (a, b) => b * b,
  "x1*x2": (a, b) => a * b, "sin(x1)": (a, b) => Math.sin(a), "sin(x2)": (a, b) => Math.sin(b),
};

// Activations of core/activations.py, applied in place to one layer's outputs.
function activate(name, Z, units, spec) {
  const n = Z.length;
  switch (name) {
    case "linear": return;
    case "tanh": for (let i = 0; i < n; i++) Z[i] = Math.tanh(Z[i]); return;
    case "sigmoid": for (let i = 0; i < n; i++) Z[i] = 0.5 * (1 + Math.tanh(0.5 * Z[i])); return;
    case "relu": for (let i = 0; i < n; i++) if (Z[i] < 0) Z[i] = 0; return;
    case "leaky_relu": for (let i = 0; i < n; i++) if (!(Z[i] > 0)) Z[i] *= spec.leaky; return;
    case "elu":
      for (let i = 0; i < n; i++) if (!(Z[i] > 0)) Z[i] = spec.elu * Math.expm1(Math.min(Z[i], 0));
      return;
    case "softmax":
      for (let p = 0; p < n; p += units) {
        let max = -Infinity, sum = 0;
        for (let j = 0; j < units; j++) max = Math.max(max, Z[p + j]);
        for (let j = 0; j < units; j++) { Z[p + j] = Math.exp(Z[p + j] - max); sum += Z[p + j]; }
        for (let j = 0; j < units; j++) Z[p + j] /= sum;
      }
      return;
    default: throw new Error("unknown activation " + name);
  }
}

function floats(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);  // little-endian float32, as the server packs them
}

// The network's output on the r x r grid: Float32Array (r * r * outputs), row-major with
// x1 varying fastest and x2 growing with the row, as core/region.py lays out its grid.
function npRegionOutput(spec) {
  const [lo, hi] = spec.extent, r = spec.r;
  const theta = floats(spec.theta);
  const nf = spec.features.length, points = r * r;
  const axis = new Float32Array(r);
  for (let i = 0; i < r; i++) axis[i] = r > 1 ? lo + (hi - lo) * i / (r - 1) : lo;
  let A = new Float32Array(points * nf);
  for (let row = 0, p = 0; row < r; row++) {
    for (let col = 0; col < r; col++, p++) {
      for (let f = 0; f < nf; f++) A[p * nf + f] = FEATURES[spec.features[f]](axis[col], axis[row]);
    }
  }
  let offset = 0, fanIn = nf;
  for (let l = 0; l < spec.units.length; l++) {
    const units = spec.units[l];
    const W = theta.subarray(offset, offset + fanIn * units);
    const b = theta.subarray(offset + fanIn * units, offset + fanIn * units + units);
    offset += fanIn * units + units;
    const Z = new Float32Array(points * units);
    for (let p = 0; p < points; p++) {
      const a = p * fanIn, z = p * units;
      for (let j = 0; j < units; j++) {
        let sum = b[j];
        for (let i = 0; i < fanIn; i++) sum += A[a + i] * W[i * units + j];
        Z[z + j] = sum;
      }
    }
    activate(spec.activations[l], Z, units, spec);
    A = Z;
    fanIn = units;
  }
  for (let i = 0; i < A.length; i++) if (!Number.isFinite(A[i])) A[i] = 0;  // as nan_to_num
  return A;
}


function bytesOf(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

// figures/colors.tint: a colour blended with white by strength in [0, 1], truncated to bytes.
function tint(rgba, i, base, strength, max) {
  const s = max * Math.min(1, Math.max(0, strength));
  rgba[i] = Math.trunc(255 * (1 - s) + base[0] * s);
  rgba[i + 1] = Math.trunc(255 * (1 - s) + base[1] * s);
  rgba[i + 2] = Math.trunc(255 * (1 - s) + base[2] * s);
  rgba[i + 3] = 255;
}

// The output on the grid as region_bytes sends it: per point, row-major from the bottom
// row, "p": P(class 1) in 255 steps; "class": the winning class and its confidence in 255
// steps (two bytes); "signed": the value over the colour scale, -127..127 (a signed byte).
function quantize(spec) {
  const out = npRegionOutput(spec), K = spec.units[spec.units.length - 1];
  const points = spec.r * spec.r, clip = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const values = new Uint8Array(spec.kind === "class" ? 2 * points : points);
  for (let p = 0; p < points; p++) {
    if (spec.kind === "p") values[p] = Math.round(clip(out[p], 0, 1) * 255);
    else if (spec.kind === "signed") {
      let scale = spec.scale;
      if (!(Number.isFinite(scale) && scale > 0)) scale = 1;
      values[p] = Math.round(clip(out[p * K] / scale, -1, 1) * 127) & 255;
    } else {
      let winner = 0;
      for (let k = 1; k < K; k++) if (out[p * K + k] > out[p * K + winner]) winner = k;
      const confidence = (out[p * K + winner] - 1 / K) / (1 - 1 / K);
      values[2 * p] = winner % 256;
      values[2 * p + 1] = Math.round(clip(confidence, 0, 1) * 255);
    }
  }
  return values;
}

// RGBA bytes (r * r * 4) of the region, top row first, as figures/region.region_image.
function npRegionPixels(spec) {
  const r = spec.r, pal = spec.palette, hard = spec.hard, max = pal.max_tint;
  const values = spec.values !== undefined ? bytesOf(spec.values) : quantize(spec);
  const rgba = new Uint8ClampedArray(r * r * 4);
  for (let row = 0; row < r; row++) {
    for (let col = 0; col < r; col++) {
      const p = row * r + col, i = ((r - 1 - row) * r + col) * 4;  // images start at the top
      if (spec.kind === "p") {
        const q = values[p] / 255, winner = q > 1 - q ? 1 : 0;
        tint(rgba, i, pal.classes[winner], hard ? 1 : (Math.max(q, 1 - q) - 0.5) / 0.5, max);
      } else if (spec.kind === "class") {
        const winner = values[2 * p];
        tint(rgba, i, pal.classes[winner % pal.classes.length], hard ? 1 : values[2 * p + 1] / 255,
             max);
      } else {
        const v = (values[p] << 24) >> 24;  // a signed byte
        tint(rgba, i, v > 0 ? pal.positive : pal.negative, hard ? 1 : Math.abs(v) / 127, max);
      }
    }
  }
  return rgba;
}

// Draw a frame's region into its place: the image keeps its element (and its compositor
// layer); only its source changes, as when the server sends a picture.
function npDrawRegion(place, spec) {
  const img = place.querySelector("img.np-region-image");
  if (!img) return false;
  const r = spec.r;
  const canvas = (npDrawRegion.canvas ??= document.createElement("canvas"));
  canvas.width = r; canvas.height = r;
  canvas.getContext("2d").putImageData(new ImageData(npRegionPixels(spec), r, r), 0, 0);
  img.src = canvas.toDataURL("image/png");
  return true;
}
