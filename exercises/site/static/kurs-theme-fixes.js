// Fixes for the theme's buttons, WCAG 2.5.3 "Label in Name" (axe: label-content-name-mismatch):
// the search button's name must contain its visible text, and the colour-mode icons carry
// tooltips that screen readers would otherwise read instead of the button's own label.
(function () {
  function fix() {
    for (const button of document.querySelectorAll('.search-button-field')) {
      const text = button.textContent.replace(/\s+/g, ' ').trim();
      if (text) button.setAttribute('aria-label', text);
    }
    for (const icon of document.querySelectorAll('.theme-switch-button .theme-switch, .theme-switch-button svg')) {
      icon.setAttribute('aria-hidden', 'true');
      icon.removeAttribute('title');
      for (const title of icon.querySelectorAll('title')) title.remove();
    }
  }
  fix();
  // The icon font script may swap the icons later; repeat the fix when it does.
  for (const button of document.querySelectorAll('.theme-switch-button')) {
    new MutationObserver(fix).observe(button, {childList: true, subtree: true});
  }
})();
