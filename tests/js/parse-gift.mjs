// Parse a GIFT file with gift-pegjs and print the result as JSON on stdout.
// Usage: node tests/js/parse-gift.mjs FILE
// Exit code 0 with {"questions": [...]} on success; exit code 1 with {"error": ...} on a syntax error.
import { readFileSync } from "node:fs";
import gift from "gift-pegjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node tests/js/parse-gift.mjs FILE");
  process.exit(2);
}
const text = readFileSync(file, "utf8");
try {
  const questions = gift.parse(text);
  process.stdout.write(JSON.stringify({ questions }));
} catch (error) {
  const { message, location = null, expected = null, found = null } = error;
  process.stdout.write(JSON.stringify({ error: { message, location, expected, found } }));
  process.exit(1);
}
