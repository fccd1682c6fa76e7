"""axe-core, the accessibility engine reviewers use, run inside a page in Chromium: WCAG 2.0
and 2.1, levels A and AA. The pinned copy lives in tests/browser/axe (``npm ci`` there;
tests/run.sh does it), so nothing is fetched while the tests run.

An element axe names is the app's own violation unless it sits in Streamlit's own markup
listed in ``STREAMLITS_OWN`` (with where it belongs upstream), or is the label of a
control that is switched off (WCAG 1.4.3 exempts inactive controls' text; axe cannot
tell a Streamlit label from the control it belongs to)."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "tests" / "browser" / "axe" / "node_modules" \
    / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# (rule, the data-testid of Streamlit's own markup it is inside, why it is not ours)
STREAMLITS_OWN: list[tuple[str, str, str]] = [
    ("list", "stSidebarNavItems",
     "Streamlit's sidebar navigation puts a <div> between its <ul> and each <li> "
     "(frontend/app/src/components/Sidebar/SidebarNav*, Streamlit 1.67)"),
    ("listitem", "stSidebarNavItems", "the same <li>s, whose parent is that <div>"),
    ("scrollable-region-focusable", "stTable",
     "st.table scrolls a wide table in a <div> that takes no keyboard focus, so the keyboard "
     "cannot scroll it (Streamlit 1.67); st.dataframe's grid can be"),
]
INACTIVE = "inactive control"


def available() -> bool:
    return AXE.exists()


def violations(page) -> list[dict]:
    """Every violation on the page as it is now: rule, impact, help, and the elements
    (their CSS targets and, for contrast, axe's numbers)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                resultTypes: ['violations']});
             return r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => {
                 const el = document.querySelector(n.target[0]);
                 const testids = [];
                 for (let e = el; e; e = e.parentElement) {
                   if (e.dataset && e.dataset.testid) testids.push(e.dataset.testid);
                 }
                 const box = el && el.closest('[data-testid="stElementContainer"]');
                 const inactive = !!box && !!box.querySelector(
                   'input:disabled, button:disabled, [aria-disabled="true"]');
                 return {target: n.target.join(' '), html: n.html.slice(0, 160),
                         summary: n.failureSummary, testids, inactive};
               })}));
           }""", RULES)
    return found


def streamlits_own(rule: str, node: dict) -> str | None:
    """Why a violating element is not the app's own, or None if it is."""
    if rule == "color-contrast" and node.get("inactive"):
        return INACTIVE
    return next((why for r, testid, why in STREAMLITS_OWN
                 if r == rule and testid in node.get("testids", ())), None)


def split(found: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the app's own violations, Streamlit's own), element by element."""
    ours, theirs = [], []
    for v in found:
        for node in v["nodes"]:
            item = {"rule": v["id"], "impact": v["impact"], "help": v["help"], **node}
            (theirs if streamlits_own(v["id"], node) else ours).append(item)
    return ours, theirs


def describe(items: list[dict]) -> str:
    return "\n".join(f"- {i['rule']} ({i['impact']}): {i['target']} in "
                     f"{'/'.join(i.get('testids', [])[:4])}\n    {i['html']}\n"
                     f"    {(i['summary'] or '').splitlines()[-1] if i['summary'] else ''}"
                     for i in items)
