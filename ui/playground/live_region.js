// The live region drawn in the learner's browser: while a learner plays, each frame brings
// the network's weights (a few hundred numbers), not a picture; this evaluates the network
// on the region's grid and colours it exactly as figures/region.py and figures/colors.py
// do on the server (the paused page, AppTest and large networks still get the server's
// picture). tests/browser/test_live_region.py checks that both give the same colours at
// the same points. Every constant (palette, fading, activations' parameters, the grid)
// comes with the frame from the Python side: one truth.

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
  const [lo, hi, r] = spec.grid;
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

// figures/colors.tint: a colour blended with white by strength in [0, 1], truncated to bytes.
function tint(rgb, base, strength, max) {
  const s = max * Math.min(1, Math.max(0, strength));
  rgb[0] = Math.trunc(255 * (1 - s) + base[0] * s);
  rgb[1] = Math.trunc(255 * (1 - s) + base[1] * s);
  rgb[2] = Math.trunc(255 * (1 - s) + base[2] * s);
}

// RGBA bytes (r * r * 4) of the region, top row first, as figures/region.region_image.
function npRegionPixels(spec) {
  const r = spec.grid[2], out = npRegionOutput(spec), K = spec.units[spec.units.length - 1];
  const pal = spec.palette, classes = pal.classes, rgba = new Uint8ClampedArray(r * r * 4);
  const rgb = [0, 0, 0];
  let scale = spec.scale;
  if (!(Number.isFinite(scale) && scale > 0)) scale = 1;
  for (let row = 0; row < r; row++) {
    for (let col = 0; col < r; col++) {
      const p = row * r + col;
      if (spec.task === "regression") {
        const v = out[p * K];
        const strength = spec.hard ? 1 : Math.abs(v) / scale;
        tint(rgb, v > 0 ? pal.positive : pal.negative, Number.isFinite(strength) ? strength : 0,
             pal.max_tint);
      } else if (spec.task === "binary") {  // P(class 1), on colors.binary_rgb's table of steps
        const q = Math.round(Math.min(1, Math.max(0, out[p])) * pal.p_levels) / pal.p_levels;
        const winner = q > 1 - q ? 1 : 0;
        tint(rgb, classes[winner], spec.hard ? 1 : (Math.max(q, 1 - q) - 0.5) / 0.5, pal.max_tint);
      } else {
        let winner = 0;
        for (let k = 1; k < K; k++) if (out[p * K + k] > out[p * K + winner]) winner = k;
        const confidence = (out[p * K + winner] - 1 / K) / (1 - 1 / K);
        tint(rgb, classes[winner % classes.length], spec.hard ? 1 : confidence, pal.max_tint);
      }
      const i = ((r - 1 - row) * r + col) * 4;  // images start at the top
      rgba[i] = rgb[0]; rgba[i + 1] = rgb[1]; rgba[i + 2] = rgb[2]; rgba[i + 3] = 255;
    }
  }
  return rgba;
}

// Draw a frame's region into its place: the image keeps its element (and its compositor
// layer); only its source changes, as when the server sends a picture.
function npDrawRegion(place, spec) {
  const img = place.querySelector("img.np-region-image");
  if (!img) return false;
  const r = spec.grid[2];
  const canvas = (npDrawRegion.canvas ??= document.createElement("canvas"));
  canvas.width = r; canvas.height = r;
  const context = canvas.getContext("2d");
  context.putImageData(new ImageData(npRegionPixels(spec), r, r), 0, 0);
  img.src = canvas.toDataURL("image/png");
  return true;
}
