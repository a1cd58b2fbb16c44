"""Keyboard users see where they are: every Tab stop on every page shows a clear focus ring."""

from __future__ import annotations

import pytest
from pages import toc_docnames

pytestmark = pytest.mark.browser

# The focus indicator of the focused element, and the same element's look without focus:
# an outline or a box-shadow ring at least 2 px wide whose colour has 3:1 contrast with the
# background behind it (WCAG 2.4.7, and the contrast of WCAG 2.2's focus appearance).
RING = """(el) => {
  const rgb = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = ({r, g, b}) => [r, g, b]
    .map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const behind = () => {
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255};
  };
  const style = getComputedStyle(el);
  const rings = [];
  const outline = rgb(style.outlineColor);
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && outline?.a > 0.9) {
    rings.push({kind: 'outline', width: parseFloat(style.outlineWidth), ratio: contrast(outline, behind())});
  }
  for (const layer of style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\\))/)) {
    const colour = rgb(layer);
    const sizes = layer.replace(/rgba?\\([^)]+\\)/, '').match(/-?[\\d.]+px/g) || [];
    const spread = parseFloat(sizes[3] || '0');
    if (colour && colour.a > 0.9 && spread >= 2 && !layer.includes('inset')) {
      rings.push({kind: 'shadow', width: spread, ratio: contrast(colour, behind())});
    }
  }
  const look = [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(' ');
  return {rings, look};
}"""
NAME = """(el) => {
  const text = el.getAttribute('aria-label') || el.textContent || el.value || '';
  return `${el.tagName.toLowerCase()} „${text.replace(/\\s+/g, ' ').trim().slice(0, 40)}“`;
}"""


def tab_stops(page, limit=600):
    """Tab through the whole page; for each stop its name, ring when focused and look without."""
    stops = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body || el === null", handle):
            break
        if first is not None and page.evaluate("(pair) => pair[0] === pair[1]", [handle, first]):
            break
        first = first or handle
        focused = page.evaluate(RING, handle)
        page.evaluate("el => el.blur()", handle)
        unfocused = page.evaluate(RING, handle)
        page.evaluate("el => el.focus({preventScroll: true})", handle)
        stops.append((page.evaluate(NAME, handle), focused, unfocused))
    return stops


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("docname", toc_docnames() + ["search", "genindex"])
def test_every_tab_stop_shows_a_clear_focus_ring(open_page, docname, mode):
    page = open_page(docname)
    page.evaluate(f"localStorage.setItem('mode', '{mode}')")
    page.reload()
    if page.locator("[data-kurs-kind]").count():
        page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    stops = tab_stops(page)
    assert len(stops) > 10, f"nur {len(stops)} Tab-Stopps"
    weak = [
        f"{name}: {focused['look']}"
        for name, focused, unfocused in stops
        if not any(ring["ratio"] >= 3 for ring in focused["rings"]) or focused["look"] == unfocused["look"]
    ]
    assert weak == [], f"{docname} ({mode}): kein deutlicher Fokusrahmen:\n" + "\n".join(weak)
