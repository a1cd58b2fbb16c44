// Repairs of Sphinx's search page (search.html only; Sphinx 7.4's searchtools.js):
// - German for the texts whose German translation is empty (the result count above all);
//   the build puts them from ui_text.yml into window.kursSearchText.
// - Result snippets from the page's text alone, with a space between blocks: Sphinx takes the
//   whole <main>, so snippets showed the theme's buttons (".md", ".pdf") and ran a glossary
//   term into its definition ("ShitstormEine …").
(() => {
  if (typeof Documentation !== 'undefined' && window.kursSearchText) {
    const texts = /** @type {Record<string, unknown>} */ ({...window.kursSearchText});
    // The result count in German singular and plural ("1 Seite", "3 Seiten"). Sphinx 8 asks with
    // ngettext (the singular message, translated as a [singular, plural] pair); Sphinx 7.4 with
    // one message for every count, filled in by .replace('${resultCount}', n), so its
    // translation is a pair whose first form picks the form in that replace.
    const ONE = 'Search finished, found one page matching the search query.';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Sphinx's message holds this placeholder
    const OTHER = 'Search finished, found ${resultCount} pages matching the search query.';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Sphinx's message holds this placeholder
    const OLD = 'Search finished, found ${resultCount} page(s) matching the search query.';
    const one = texts[ONE];
    const other = texts[OTHER];
    if (typeof one === 'string' && typeof other === 'string') {
      const forms = [one, other];
      texts[ONE] = forms;
      const counted = {replace: (token, n) => (Number(n) === 1 ? forms[0] : forms[1].replace(token, n))};
      texts[OLD] = [counted, forms[1]];
      delete texts[OTHER];
    }
    Documentation.addTranslations({locale: 'de', messages: texts, plural_expr: '(n != 1)'});
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
