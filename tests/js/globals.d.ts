// Globals the course's page scripts share (type check only: tsc --checkJs).
interface Window {
  /** Each page script registers its modules' exports here (exercises/frontend/bundle.py). */
  KursModules: Record<string, Record<string, unknown>>;
  /** Set by a host page (the SCORM adapter) to keep the state outside localStorage. */
  KursStoreBackend?: { read(): string | null; write(text: string): void };
}
