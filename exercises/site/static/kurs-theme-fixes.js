// Fixes for the theme's buttons.
// - WCAG 2.5.3 "Label in Name" (axe: label-content-name-mismatch): the search button's name must
//   contain its visible text, and the colour-mode icons carry tooltips that screen readers would
//   otherwise read instead of the button's own label.
// - The colour-mode button says which mode is on ("Farbmodus: dunkel"), from the theme's own
//   (translated) label and icon titles, and again after each change.
// - Print is black on white in either colour mode: the page prints with the light palette.
// - A table the theme makes focusable because it scrolls sideways (phones) gets a role and a
//   name, "Tabelle: <its section>" (axe: focus-order-semantics); the text comes from ui_text.yml.
(() => {
  const root = document.documentElement;
  const text = JSON.parse(document.getElementById('kurs-theme-text')?.textContent || '{}');
  const modeNames = {};
  for (const icon of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll('.theme-switch-button .theme-switch[data-mode]'))) {
    if (icon.title) modeNames[icon.dataset.mode] = icon.title;
  }

  function nameModeButtons() {
    const mode = root.dataset.mode || 'auto';
    for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.theme-switch-button'))) {
      if (!button.dataset.kursLabel) button.dataset.kursLabel = button.getAttribute('aria-label') || '';
      const name = modeNames[mode] ? `${button.dataset.kursLabel}: ${modeNames[mode]}` : button.dataset.kursLabel;
      if (button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
      if (button.getAttribute('data-bs-title') !== name) button.setAttribute('data-bs-title', name);
    }
  }

  function fix() {
    for (const button of document.querySelectorAll('.search-button-field')) {
      const label = button.textContent.replace(/\s+/g, ' ').trim();
      if (label) button.setAttribute('aria-label', label);
    }
    for (const icon of document.querySelectorAll('.theme-switch-button .theme-switch, .theme-switch-button svg')) {
      icon.setAttribute('aria-hidden', 'true');
      icon.removeAttribute('title');
      for (const title of icon.querySelectorAll('title')) title.remove();
    }
  }
  let printedFromDark = false;
  window.addEventListener('beforeprint', () => {
    printedFromDark = root.dataset.theme === 'dark';
    if (printedFromDark) root.dataset.theme = 'light';
  });
  window.addEventListener('afterprint', () => {
    if (printedFromDark) root.dataset.theme = 'dark';
    printedFromDark = false;
  });

  function nameTables() {
    for (const box of document.querySelectorAll('.pst-scrollable-table-container')) {
      const heading = box.closest('section')?.querySelector('h1, h2, h3, h4, h5, h6');
      const section = heading ? heading.textContent.replace(/#\s*$/, '').replace(/\s+/g, ' ').trim() : '';
      const name = (text.table_region || '{section}').replace('{section}', section);
      if (box.getAttribute('tabindex') === '0') {
        if (box.getAttribute('aria-label') !== name) box.setAttribute('aria-label', name);
        box.setAttribute('role', 'region');
      } else if (box.hasAttribute('role')) {
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    }
  }

  fix();
  nameModeButtons();
  nameTables();
  for (const box of document.querySelectorAll('.pst-scrollable-table-container')) {
    new MutationObserver(nameTables).observe(box, {attributes: true, attributeFilter: ['tabindex']});
  }
  new MutationObserver(nameModeButtons).observe(root, {attributes: true, attributeFilter: ['data-mode']});
})();
