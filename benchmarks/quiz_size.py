"""Size of our quiz front end (JavaScript and CSS); the goal is under 40 KB together."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from exercises.core.paths import static_file  # noqa: E402
from exercises.frontend.bundle import SHARED_SCRIPT, page_script, shared_modules, shared_script  # noqa: E402
from exercises.site.page_assets import widget_modules  # noqa: E402

# What a chapter page with a quiz loads: the host, the shared modules (grading, numbers,
# helpers), the quiz's page script and the widget styles.
SHARED = shared_modules(widget_modules())
SIZES = {
    "kurs-host.js": static_file("kurs-host.js").stat().st_size,
    SHARED_SCRIPT: len(shared_script(SHARED).encode()),
    "kurs-quiz.page.js": len(page_script("kurs-quiz.js", SHARED).encode()),
    "kurs.css": static_file("kurs.css").stat().st_size,
}

total = 0
for name, size in SIZES.items():
    total += size
    print(f"{name:18s} {size / 1024:6.1f} KB")
print(
    f"{'zusammen':18s} {total / 1024:6.1f} KB (Ziel: unter 40 KB) -> "
    f"{'erfüllt' if total < 40 * 1024 else 'NICHT erfüllt'}"
)
