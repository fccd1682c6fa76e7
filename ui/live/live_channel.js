// The page's end of the live pictures' channel (ui/live/channel.py): one websocket
// per session. Each message carries a run of the page and pictures by place (HTML, or
// data this page draws: live_region.js, live_chart.js); a picture goes into its
// place (data-np-live) only if that place was drawn by that run. If the
// socket closes, it tries again later (the live loop meanwhile sends the pictures as
// Streamlit messages); a new page of the session (a new token) replaces it.
// (``received`` counts the messages: the tests and the load benchmark read it.)
const live = (window.__npLive ??= { token: null, socket: null, retry: 1000, received: 0,
                                     due: new Map(), painting: null });

// What st.html's sanitizer would drop, dropped here too: the pictures are the server's own
// HTML, but nothing in them may run code in the page. (Written here rather than with the
// browser's HTML Sanitizer API, which not every browser a class uses has yet, or a vendored
// DOMPurify, a library for what these few lines do to markup the server itself wrote.)
const UNSAFE = "script, iframe, object, embed, link, meta, base, form";

function clean(fragment) {
  fragment.querySelectorAll(UNSAFE).forEach((el) => el.remove());
  for (const el of fragment.querySelectorAll("*")) {
    for (const { name, value } of [...el.attributes]) {
      if (name.startsWith("on") || /^\s*javascript:/i.test(value)) el.removeAttribute(name);
    }
  }
  return fragment;
}

// Bring the place in line with the new picture, keeping every element that is still
// there: a new frame mostly changes an image's src or a number's text, and an element
// kept keeps its compositor layer (will-change), where a new one is laid out and
// rastered afresh.
function morphChildren(old, fresh) {
  const was = old.childNodes, now = fresh.childNodes;
  if (was.length !== now.length) {
    old.replaceChildren(...[...now].map((node) => document.importNode(node, true)));
    return;
  }
  for (let i = 0; i < now.length; i++) morph(was[i], now[i]);
}

function morph(old, fresh) {
  if (old.nodeType !== fresh.nodeType || old.nodeName !== fresh.nodeName) {
    old.replaceWith(document.importNode(fresh, true));
  } else if (old.nodeType === Node.TEXT_NODE) {
    if (old.data !== fresh.data) old.data = fresh.data;
  } else if (old.nodeType === Node.ELEMENT_NODE) {
    for (const { name, value } of [...fresh.attributes]) {
      if (old.getAttribute(name) !== value) old.setAttribute(name, value);
    }
    for (const { name } of [...old.attributes]) {
      if (!fresh.hasAttribute(name)) old.removeAttribute(name);
    }
    morphChildren(old, fresh);
  }
}

function show(place, html) {
  const picture = document.createElement("template");  // inert: nothing loads or runs
  picture.innerHTML = html;
  morphChildren(place, clean(picture.content));
}

// Where the app is, as this browser reaches it: the folder Streamlit's own scripts came
// from (".../static/js/index.*.js"). Behind a proxy that serves the app under a path
// prefix (Streamlit's server.baseUrlPath, or a prefix the proxy strips, as Community
// Cloud's), the channel is there too, not at the host's root.
function appBase() {
  const own = document.querySelector('script[src*="static/js/index"]');
  const src = own ? own.src : "";
  const at = src.lastIndexOf("static/js/");
  return at >= 0 ? src.slice(0, at) : new URL("./", window.location.href).href;
}

// Each place is drawn at most once per frame the browser paints, with the newest picture
// that came for it: when frames come faster than this browser can draw them (a slow
// device, a busy machine), the ones it could not draw in time are skipped instead of
// queueing, each costing a whole drawing of the region.
function later(name, run, part) {
  live.due.set(name, { run, part });
  live.painting ??= requestAnimationFrame(drawDue);
}

function drawDue() {
  live.painting = null;
  const due = live.due;
  live.due = new Map();
  for (const [name, { run, part }] of due) {
    const place = document.querySelector(`[data-np-live="${name}"]`);
    if (!place || place.dataset.npRun !== String(run)) continue;
    if (typeof part === "string") show(place, part);  // a picture: HTML
    else if (part.diagram) npDrawDiagram(place, part.diagram);  // data, drawn here
    else if (part.chart) show(place, npChartHtml(part.chart));
    else npDrawRegion(place, part);  // (live_region.js)
  }
}

function open(path, token) {
  const url = new URL(path + "?token=" + encodeURIComponent(token), appBase());
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(url);
  live.socket = socket;
  socket.onopen = () => { live.retry = 1000; };
  socket.onmessage = (event) => {
    live.received++;
    const { run, parts } = JSON.parse(event.data);
    for (const [name, part] of Object.entries(parts)) {
      if (part && part.chart) {  // new points: every frame's, in order (live_chart.js)
        const place = document.querySelector(`[data-np-live="${name}"]`);
        if (!place || place.dataset.npRun !== String(run)) continue;
        const chart = npChartFrom(place, part.chart);
        if (chart) later(name, run, { chart });
      } else {
        const had = live.due.get(name);  // a sentence for a screen reader is kept
        if (had && typeof had.part.said === "string" && typeof part.said !== "string") {
          part.said = had.part.said;
        }
        later(name, run, part);
      }
    }
  };
  socket.onclose = () => {
    if (live.socket !== socket) return;
    live.socket = null;
    setTimeout(() => { if (live.token === token && !live.socket) open(path, token); },
               live.retry);
    live.retry = Math.min(30000, live.retry * 2);
  };
}

export default function ({ data }) {
  if (!data || !data.token) return undefined;
  if (live.token !== data.token || !live.socket) {
    if (live.socket) live.socket.close();
    live.token = data.token;
    live.socket = null;
    open(data.path, data.token);
  }
  return () => {
    // the component left the page (another page of the app): nothing more to show
    if (live.token === data.token && live.socket) {
      const socket = live.socket;
      live.token = null;
      live.socket = null;
      socket.close();
    }
  };
}
