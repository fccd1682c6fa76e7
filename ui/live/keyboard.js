// Every live page from the keyboard (ui/live/keyboard.py): Space plays and pauses,
// "." steps one epoch, and the page says which it did in a polite live region, for a
// screen reader; there too, while playing, the numbers every few seconds. Never while a text field, a list or a slider has focus (the keys are
// theirs there), nor with a modifier held; Space on a focused button presses that button,
// as everywhere. Installed once per page; each run brings the labels in the learner's
// language.
const keys = (window.__npKeys ??= { installed: false, labels: null, said: 0, answered: false });

const TYPING = "input, textarea, select, [contenteditable=''], [contenteditable='true'], " +
  "[role=slider], [role=combobox], [role=listbox], [role=option], [role=spinbutton], " +
  "[role=textbox], [role=menu], [role=menuitem]";
const PRESSABLE = "button, a[href], summary, [role=button], [role=tab], [role=radio], " +
  "[role=checkbox], [role=switch]";

function buttonLabelled(label) {
  return [...document.querySelectorAll("button")]
    .find((b) => b.innerText.trim() === label && !b.disabled) ?? null;
}

// A visually hidden status line: read out politely, seen by nobody.
function announce(text) {
  let status = document.getElementById("np-announce");
  if (!status) {
    status = document.createElement("div");
    status.id = "np-announce";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;" +
      "clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;";
    document.body.appendChild(status);
  }
  // emptied first, so the same words said twice are read twice
  status.textContent = "";
  keys.saidAt = Date.now();
  const said = ++keys.said;
  setTimeout(() => { if (keys.said === said) status.textContent = text; }, 60);
}

function onKey(event) {
  const L = keys.labels;
  if (!L || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target instanceof Element ? event.target : null;
  if (target && target.closest(TYPING)) return;
  if (event.key === " " && !event.repeat) {
    if (target && target.closest(PRESSABLE)) return;  // Space presses the focused control
    const pause = buttonLabelled(L.pause), play = buttonLabelled(L.play);
    if (!pause && !play) return;
    event.preventDefault();
    (pause ?? play).click();
    announce(pause ? L.paused : L.playing);
  } else if (event.key === "." && !event.repeat) {
    const step = buttonLabelled(L.step);
    if (!step) return;
    event.preventDefault();
    step.click();
    announce(L.stepped);
  }
}

// A link's play=1: once the page's Play/Pause button is on screen (Streamlit loads a
// widget's code on first use), either press Pause, where the reader asked their system
// for less motion, or tell the server the page is drawn, so the training starts
// (ui/playground/controller.py waits for this).
function answerAutoplay(L, setTriggerValue) {
  if (!L.autoplay || keys.answered) return;
  keys.answered = true;
  const calm = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const deadline = Date.now() + 30000;
  const answer = () => {
    const pause = buttonLabelled(L.pause);
    if (!pause) {
      if (!buttonLabelled(L.play) && Date.now() < deadline) setTimeout(answer, 50);
      return;
    }
    if (calm) {
      pause.click();
      announce(L.calm);
    } else {
      setTriggerValue?.("drawn", true);
    }
  };
  answer();
}

// While playing, the numbers (epoch, losses, accuracies) read out at a calm rate, every
// data.every seconds, as "label value" pairs in the page's own words; not while paused,
// where they stand still and can be read on the page.
function readNumbers() {
  const L = keys.labels;
  if (!L || !buttonLabelled(L.pause)) return;
  if (Date.now() - (keys.saidAt ?? 0) < 1000 * L.every - 100) return;  // room for a key's word
  const said = (label, value) =>
    `${label?.innerText.trim() ?? ""} ${value?.innerText.trim() ?? ""}`.trim();
  const numbers = [  // the Playground's own list, or Streamlit's st.metric (a lesson's)
    ...[...document.querySelectorAll(".np-metrics .np-metric")].map((m) =>
      said(m.querySelector("dt"), m.querySelector("dd"))),
    ...[...document.querySelectorAll("[data-testid=stMetric]")].map((m) =>
      said(m.querySelector("[data-testid=stMetricLabel]"),
           m.querySelector("[data-testid=stMetricValue]"))),
  ].filter(Boolean);
  const text = numbers.join(", ");
  if (text && text !== keys.numbers) {
    keys.numbers = text;
    announce(text);
  }
}

// Whether the reader asked their system for reduced motion, told to the server on the
// page's first run and whenever the setting changes: the live loop then draws fewer
// frames a second (ui/live/clock.py, CALM_FPS).
function reportCalm(L, setStateValue) {
  if (!setStateValue) return;
  const query = window.matchMedia?.("(prefers-reduced-motion: reduce)");
  if (!query) return;
  keys.setCalm = setStateValue;  // the newest run's
  if ((keys.calmSent ?? false) !== query.matches) {  // (the server's default: not asked)
    keys.calmSent = query.matches;
    setStateValue("calm", query.matches);
  }
  if (!keys.calmWatched) {
    keys.calmWatched = true;
    query.addEventListener?.("change", (e) => {
      keys.calmSent = e.matches;
      keys.setCalm?.("calm", e.matches);
    });
  }
}

export default function ({ data, setTriggerValue, setStateValue }) {
  keys.labels = data;
  answerAutoplay(data, setTriggerValue);
  reportCalm(data, setStateValue);
  if (!keys.installed) {
    keys.installed = true;
    document.addEventListener("keydown", onKey);
    setInterval(readNumbers, 1000 * data.every);
  }
  return undefined;
}
