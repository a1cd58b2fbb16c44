"""Size of our quiz front end (JavaScript and CSS); the goal is under 40 KB together."""

from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "exercises" / "static"
FILES = ["kurs-host.js", "kurs-common.js", "kurs-numbers.js", "kurs-grading.js", "kurs-quiz.js",
         "kurs.css"]

total = 0
for name in FILES:
    size = (STATIC / name).stat().st_size
    total += size
    print(f"{name:18s} {size / 1024:6.1f} KB")
print(f"{'zusammen':18s} {total / 1024:6.1f} KB (Ziel: unter 40 KB) -> "
      f"{'erfüllt' if total < 40 * 1024 else 'NICHT erfüllt'}")
