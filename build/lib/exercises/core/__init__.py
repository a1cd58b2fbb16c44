"""Plain Python used by every layer: errors, YAML with line numbers, markup, texts, numbers, paths."""
