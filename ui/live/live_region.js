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

// tanh, as a rational function within 2.2e-7 of Math.tanh everywhere (Eigen's fast tanh:
// odd degree 13 over even degree 6, clamped at |x| = 7.9988), where each layer's values are
// kept as float32 anyway. Measured in Chromium and Node: a fifth of Math.tanh's time, which
// was half of evaluating a 6 x 8 tanh network on the region's grid.
function npTanh(x) {
  const v = x > 7.99881172180175781 ? 7.99881172180175781
    : x < -7.99881172180175781 ? -7.99881172180175781 : x;
  const v2 = v * v;
  let p = v2 * -2.76076847742355e-16 + 2.00018790482477e-13;
  p = v2 * p - 8.60467152213735e-11;
  p = v2 * p + 5.12229709037114e-08;
  p = v2 * p + 1.48572235717979e-05;
  p = v2 * p + 6.37261928875436e-04;
  p = v2 * p + 4.89352455891786e-03;
  let q = v2 * 1.19825839466702e-06 + 1.18534705686654e-04;
  q = v2 * q + 2.26843463243900e-03;
  q = v2 * q + 4.89352518554385e-03;
  return v * p / q;
}

// Activations of core/activations.py, applied in place to one layer's values, unit-major
// (unit j's values on the grid at [j * points, (j + 1) * points)).
function activate(name, Z, units, spec) {
  const n = Z.length, points = n / units;
  switch (name) {
    case "linear": return;
    case "tanh": for (let i = 0; i < n; i++) Z[i] = npTanh(Z[i]); return;
    case "sigmoid": for (let i = 0; i < n; i++) Z[i] = 0.5 * (1 + npTanh(0.5 * Z[i])); return;
    case "relu": for (let i = 0; i < n; i++) if (Z[i] < 0) Z[i] = 0; return;
    case "leaky_relu": for (let i = 0; i < n; i++) if (!(Z[i] > 0)) Z[i] *= spec.leaky; return;
    case "elu":
      for (let i = 0; i < n; i++) if (!(Z[i] > 0)) Z[i] = spec.elu * Math.expm1(Math.min(Z[i], 0));
      return;
    case "softmax":
      for (let p = 0; p < points; p++) {
        let max = -Infinity, sum = 0;
        for (let j = 0; j < units; j++) max = Math.max(max, Z[j * points + p]);
        for (let j = 0; j < units; j++) {
          Z[j * points + p] = Math.exp(Z[j * points + p] - max);
          sum += Z[j * points + p];
        }
        for (let j = 0; j < units; j++) Z[j * points + p] /= sum;
      }
      return;
    default: throw new Error("unknown activation " + name);
  }
}

function floats(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);  // little-endian float32, as the server packs them
}

// The input features on the r x r grid over spec.extent, unit-major: the same every frame.
const npInputCache = new Map();
function npInputs(spec) {
  const key = JSON.stringify([spec.features, spec.extent, spec.r]);
  let A = npInputCache.get(key);
  if (A) return A;
  const [lo, hi] = spec.extent, r = spec.r, points = r * r;
  const axis = new Float32Array(r);
  for (let i = 0; i < r; i++) axis[i] = r > 1 ? lo + (hi - lo) * i / (r - 1) : lo;
  A = new Float32Array(points * spec.features.length);
  spec.features.forEach((name, f) => {
    for (let row = 0, p = 0; row < r; row++) {
      for (let col = 0; col < r; col++, p++) A[f * points + p] = FEATURES[name](axis[col], axis[row]);
    }
  });
  if (npInputCache.size >= 8) npInputCache.clear();
  npInputCache.set(key, A);
  return A;
}

// Every layer's values on the r x r grid over spec.extent, input features first: one array
// per layer, unit-major (unit j's r * r values together, each row-major with x1 varying
// fastest and x2 growing with the row, as core/region.py lays out its grid); non-finite
// values are 0, as nan_to_num makes them there. Unit-major, each weight multiplies a whole
// unit's values in one tight loop: a third of the time of a loop per point and unit.
function npLayers(spec) {
  const r = spec.r, points = r * r, theta = floats(spec.theta);
  let A = npInputs(spec);
  const layers = [A];
  let offset = 0, fanIn = spec.features.length;
  for (let l = 0; l < spec.units.length; l++) {
    const units = spec.units[l];
    const Z = new Float64Array(points * units);
    for (let j = 0; j < units; j++) {
      const z = j * points;
      Z.fill(theta[offset + fanIn * units + j], z, z + points);  // the bias
      for (let i = 0; i < fanIn; i++) {
        const w = theta[offset + i * units + j], a = i * points;
        for (let p = 0; p < points; p++) Z[z + p] += w * A[a + p];
      }
    }
    offset += fanIn * units + units;
    activate(spec.activations[l], Z, units, spec);
    for (let i = 0; i < Z.length; i++) if (!Number.isFinite(Z[i])) Z[i] = 0;
    layers.push(Z);
    A = Z;
    fanIn = units;
  }
  return layers;
}

function npRegionOutput(spec) {
  const layers = npLayers(spec);
  return layers[layers.length - 1];
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
  const out = npRegionOutput(spec), K = spec.units[spec.units.length - 1], n = spec.r * spec.r;
  const points = spec.r * spec.r, clip = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const values = new Uint8Array(spec.kind === "class" ? 2 * points : points);
  for (let p = 0; p < points; p++) {
    if (spec.kind === "p") values[p] = Math.round(clip(out[p], 0, 1) * 255);
    else if (spec.kind === "signed") {
      let scale = spec.scale;
      if (!(Number.isFinite(scale) && scale > 0)) scale = 1;
      values[p] = Math.round(clip(out[p] / scale, -1, 1) * 127) & 255;
    } else {
      let winner = 0;
      for (let k = 1; k < K; k++) if (out[k * n + p] > out[winner * n + p]) winner = k;
      const confidence = (out[winner * n + p] - 1 / K) / (1 - 1 / K);
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
  if (typeof spec.said === "string") img.alt = spec.said;  // the region in words, now and then
  return true;
}

// --- the network diagram's live parts (figures/network.py: sprite_rgb, thumbnail_rgb,
// edges_svg), from the network's weights and the layout the server computed ---------------

// figures/colors.signed_rgb of one value: orange below 0, blue above, white at 0.
function signedTint(rgba, i, v, scale, pal) {
  const strength = Math.abs(v) / scale;
  tint(rgba, i, v > 0 ? pal.positive : pal.negative, Number.isFinite(strength) ? strength : 0,
       pal.max_tint);
}

// The thumbnails of every drawn unit in one RGBA sprite (sprite rows x columns).
function npSpritePixels(spec) {
  const layers = npLayers(spec), r = spec.r, pal = spec.palette, [h, w] = spec.sprite;
  const rgba = new Uint8ClampedArray(h * w * 4).fill(255);
  const put = (y, x, v) => {  // a thin grey frame
    if (y < 0 || x < 0 || y >= h || x >= w) return;
    const i = (y * w + x) * 4;
    rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
  };
  layers.forEach((values, l) => {
    const units = values.length / (r * r), act = spec.colouring[l], left = spec.lefts[l];
    for (let j = 0; j < spec.shown[l]; j++) {
      const top = spec.tops[l][j];
      for (let y = top - 1; y < top + r + 1; y++) for (let x = left - 1; x < left + r + 1; x++) put(y, x, 187);
      let centre = 0, scale = 1;
      if (act === "sigmoid") { centre = 0.5; scale = 0.5; }
      else if (act !== "tanh" && act !== "softmax") {  // unbounded: the unit's own largest value
        scale = 0;
        for (let p = 0; p < r * r; p++) scale = Math.max(scale, Math.abs(values[j * r * r + p]));
        if (!(Number.isFinite(scale) && scale > 0)) scale = 1;
      }
      for (let row = 0; row < r; row++) {
        for (let col = 0; col < r; col++) {
          const v = values[j * r * r + row * r + col];
          const y = top + (r - 1 - row), x = left + col;  // images start at the top
          if (y < 0 || x < 0 || y >= h || x >= w) continue;
          const i = (y * w + x) * 4;
          if (act === "softmax") tint(rgba, i, pal.classes[j % pal.classes.length], v, pal.max_tint);
          else signedTint(rgba, i, v - centre, scale, pal);
        }
      }
    }
  });
  return rgba;
}

// The edges as edges_svg draws them: one path per colour and thickness.
function npEdgesSvg(spec) {
  const theta = floats(spec.theta), levels = spec.edge_levels, [width, height] = spec.size;
  const blocks = [];
  let offset = 0, fanIn = spec.features.length;
  for (const units of spec.units) {
    blocks.push({ W: theta.subarray(offset, offset + fanIn * units), fanIn, units });
    offset += fanIn * units + units;
    fanIn = units;
  }
  let wMax = 0;
  blocks.forEach(({ W, units }, l) => {
    for (let i = 0; i < spec.shown[l]; i++) {
      for (let j = 0; j < spec.shown[l + 1]; j++) wMax = Math.max(wMax, Math.abs(W[i * units + j]));
    }
  });
  if (!(Number.isFinite(wMax) && wMax > 0)) wMax = 1;
  const paths = new Map();
  blocks.forEach(({ W, units }, l) => {
    const [x0, x1] = spec.edge_x[l], ya = spec.edge_y[l], yc = spec.edge_y[l + 1];
    for (let i = 0; i < ya.length; i++) {
      for (let j = 0; j < yc.length; j++) {
        let w = W[i * units + j];
        if (!Number.isFinite(w)) w = 0;
        const level = Math.round(Math.min(1, Math.max(0, Math.abs(w) / wMax)) * (levels - 1));
        const key = levels * (w > 0 ? 1 : 0) + level;
        if (!paths.has(key)) paths.set(key, []);
        paths.get(key).push(`M${x0} ${ya[i]}L${x1} ${yc[j]}`);
      }
    }
  });
  const body = [...paths.keys()].sort((a, b) => a - b).map((key) => {
    const level = key % levels;
    return `<path d="${paths.get(key).join("")}" fill="none" ` +
      `stroke="${key >= levels ? spec.positive : spec.negative}" ` +
      `stroke-width="${(0.5 + 4.5 * level / (levels - 1)).toFixed(2)}" ` +
      `stroke-opacity="${(0.25 + 0.7 * level / (levels - 1)).toFixed(2)}"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

// Redraw a frame's diagram in its place: the thumbnails' sprite and the edges change; the
// titles and labels the server drew stay.
function npDrawDiagram(place, spec) {
  const units = place.querySelector("img.np-network-units");
  const edges = place.querySelector("img.np-network-edges");
  if (!units || !edges) return false;
  const [h, w] = spec.sprite;
  const canvas = (npDrawDiagram.canvas ??= document.createElement("canvas"));
  canvas.width = w; canvas.height = h;
  canvas.getContext("2d").putImageData(new ImageData(npSpritePixels(spec), w, h), 0, 0);
  units.src = canvas.toDataURL("image/png");
  edges.src = "data:image/svg+xml;base64," + btoa(npEdgesSvg(spec));
  return true;
}
