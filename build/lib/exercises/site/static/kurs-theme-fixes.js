// Fixes for the theme's buttons.
// - WCAG 2.5.3 "Label in Name" (axe: label-content-name-mismatch): the search button's name must
//   contain its visible text, and the colour-mode icons carry tooltips that screen readers would
//   otherwise read instead of the button's own label.
// - The colour-mode button says which mode is on ("Farbmodus: dunkel"), from the theme's own
//   (translated) label and icon titles, and again after each change.
// - Print is black on white in either colour mode: the page prints with the light palette.
// - A table the theme makes focusable because it scrolls sideways (phones) gets a role and a
//   name, "Tabelle: <its section>" (axe: focus-order-semantics); the text comes from ui_text.yml.
// - On phones the navigation and the page's contents open as dialogs over the page; choosing a
//   link in one closes it, so the chosen section is not hidden under it (the theme leaves it open).
// - Under each figure a phone shows "Zum Vergrößern antippen" (kurs-site.css hides it elsewhere).
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

  // The theme moves a sidebar into its dialog when opened and back on "close"; a link chosen in it
  // still goes where it points (the click's default action), with the dialog already closed.
  for (const dialog of /** @type {NodeListOf<HTMLDialogElement>} */ (
    document.querySelectorAll('#pst-primary-sidebar-modal, #pst-secondary-sidebar-modal'))) {
    dialog.addEventListener('click', (event) => {
      const clicked = /** @type {Element} */ (event.target);
      const link = /** @type {HTMLAnchorElement | null} */ (clicked.closest?.('a[href]'));
      if (!link || !dialog.open) return;
      dialog.close();
      // The theme gives focus back to the menu button; a section of this page takes it instead, so
      // that the keyboard goes on from there.
      const url = new URL(link.href, location.href);
      if (!url.hash || url.pathname !== location.pathname) return;
      requestAnimationFrame(() => {
        const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
        if (!target) return;
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({preventScroll: true});
      });
    });
  }

  function hintFigures() {
    if (!text.figure_hint) return;
    for (const link of document.querySelectorAll('article a.kurs-figure-link')) {
      if (link.querySelector('.kurs-figure-hint')) continue;
      const hint = document.createElement('span');
      hint.className = 'kurs-figure-hint';
      hint.textContent = text.figure_hint;
      link.append(hint);
    }
  }

  fix();
  hintFigures();
  nameModeButtons();
  nameTables();
  for (const box of document.querySelectorAll('.pst-scrollable-table-container')) {
    new MutationObserver(nameTables).observe(box, {attributes: true, attributeFilter: ['tabindex']});
  }
  new MutationObserver(nameModeButtons).observe(root, {attributes: true, attributeFilter: ['data-mode']});
})();
