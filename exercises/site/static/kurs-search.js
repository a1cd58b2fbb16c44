// Repairs of Sphinx's search page (search.html only; Sphinx 7.4's searchtools.js):
// - German for the texts whose German translation is empty (the result count above all);
//   the build puts them from ui_text.yml into window.kursSearchText.
// - Result snippets from the page's text alone, with a space between blocks: Sphinx takes the
//   whole <main>, so snippets showed the theme's buttons (".md", ".pdf") and ran a glossary
//   term into its definition ("ShitstormEine …").
(() => {
  if (typeof Documentation !== 'undefined' && window.kursSearchText) {
    Documentation.addTranslations({locale: 'de', messages: window.kursSearchText, plural_expr: '(n != 1)'});
  }
  if (typeof Search === 'undefined') return;
  const NOT_TEXT = ['.headerlink', 'script', 'style', 'button', 'nav', '.bd-header-article',
    '#jb-print-docs-body', '.kurs-download', '.prev-next-area', 'footer', '.d-print-none'];
  const BLOCKS = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, figcaption, caption, div, section, br';
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, 'text/html');
    for (const selector of NOT_TEXT) {
      for (const element of doc.querySelectorAll(selector)) element.remove();
    }
    for (const block of doc.querySelectorAll(BLOCKS)) block.append(doc.createTextNode(' '));
    const main = doc.querySelector('article.bd-article') || doc.querySelector('[role="main"]');
    const part = anchor && main ? main.querySelector(anchor) : null;
    const text = (part || main || doc.body).textContent;
    return text.replace(/\s+/g, ' ').trim();
  };
})();
