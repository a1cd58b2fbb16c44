// Globals the course's page scripts share (type check only: tsc --checkJs).
interface Window {
  /** The search page's German texts, from ui_text.yml (exercises/site/search_page.py). */
  kursSearchText?: Record<string, string>;
  /** Each page script registers its modules' exports here (exercises/frontend/bundle.py). */
  KursModules: Record<string, Record<string, unknown>>;
  /** Set by a host page (the SCORM adapter) to keep the state outside localStorage. */
  KursStoreBackend?: { read(): string | null; write(text: string): void };
  kursStorageBlocked?: boolean;
}

/** Sphinx's search page globals (searchtools.js, doctools.js), used by kurs-search.js. */
declare const Documentation: { addTranslations(catalog: object): void };
declare const Search: { htmlToText: (html: string, anchor?: string) => string };
