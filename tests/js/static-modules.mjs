// Module resolution hook for Node's test runner: the course's ES modules import each other as
// './kurs-….js', because the site serves every static/ folder as one _static/ folder. Here they
// stay in their own exercises/<layer>/static/ folders, so a sibling that is not there is looked
// up by its file name across every static/ folder of the package.
import {readdirSync} from 'node:fs';
import {fileURLToPath, pathToFileURL} from 'node:url';

const PACKAGE = fileURLToPath(new URL('../../exercises/', import.meta.url));
const SIBLING = /^\.\/(kurs-[\w-]+\.js)$/;
let byName = null;

function staticFiles() {
  if (byName) return byName;
  byName = new Map();
  for (const path of readdirSync(PACKAGE, {recursive: true})) {
    const parts = String(path).split(/[\\/]/);
    if (parts.length > 1 && parts[parts.length - 2] === 'static') {
      byName.set(parts[parts.length - 1], pathToFileURL(PACKAGE + String(path)).href);
    }
  }
  return byName;
}

export async function resolve(specifier, context, nextResolve) {
  const match = SIBLING.exec(specifier);
  if (match && context.parentURL?.includes('/static/')) {
    const found = staticFiles().get(match[1]);
    if (found) return {url: found, shortCircuit: true};
  }
  return nextResolve(specifier, context);
}
