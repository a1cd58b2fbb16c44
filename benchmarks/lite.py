"""JupyterLite benchmark: size of lite/, time to a ready kernel, time to the first rendered quiz.

Usage: python3 benchmarks/lite.py [--runs 3] [--html _build/html] [--chapter profil]
Without --html it builds the course in a temporary folder first. Each run opens the chapter's
notebook in a fresh browser profile (nothing cached, as on a learner's first visit), waits for
the kernel, chooses "Alle Zellen ausführen" (Run All) and waits for the quiz; then it reloads
once (files now cached).
Prints the medians and what the site leaves out.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS, QuietHandler, build_book, copy_sources  # noqa: E402
from test_lite import KERNEL_READY  # noqa: E402


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def megabytes(size: int) -> str:
    return f"{size / 1e6:6.1f} MB".replace(".", ",")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def one_visit(browser, base: str, chapter: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    loaded = []
    page.on("response", lambda response: loaded.append(response))
    figures = {}
    for visit in ("kalt", "warm"):
        start = time.perf_counter()
        if visit == "kalt":
            page.goto(f"{base}lite/notebooks/index.html?path={chapter}.ipynb")
        else:
            page.reload()
        page.wait_for_function(KERNEL_READY, timeout=300_000)
        figures[f"Kernel bereit ({visit})"] = time.perf_counter() - start
        page.get_by_role("menuitem", name="Ausführen", exact=True).click()
        page.get_by_role("menuitem", name="Alle Zellen ausführen", exact=True).click()
        page.locator(".kurs-quiz fieldset").first.wait_for(timeout=300_000)
        figures[f"erstes Quiz sichtbar ({visit})"] = time.perf_counter() - start
        if visit == "kalt":
            sizes = []
            for response in loaded:
                try:
                    sizes.append(len(response.body()))
                except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                    sizes.append(0)
            figures["geladen beim ersten Besuch"] = sum(sizes)
    context.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--html", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--chapter", default="profil")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from exercises.site.lite import EXTENSIONS, OLD_FONT_FORMATS, WHEELS

    with tempfile.TemporaryDirectory() as folder:
        html = args.html
        if html is None:
            start = time.perf_counter()
            result = build_book(copy_sources(Path(folder)))
            if result.returncode != 0:
                sys.exit(f"Bau fehlgeschlagen:\n{result.log[-3000:]}")
            html = result.html
            print(f"Kurs gebaut in {time.perf_counter() - start:.0f} s")
        lite = html / "lite"
        files = sum(1 for path in lite.rglob("*") if path.is_file())
        print(f"lite/ insgesamt             {megabytes(folder_size(lite))}  ({files} Dateien)")
        for part in ("build", "static/pyodide", "extensions", "files"):
            print(f"  {part + '/':25s} {megabytes(folder_size(lite / part))}")
        base, server = serve(html)
        runs: dict[str, list[float]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                for name, value in one_visit(browser, base, args.chapter).items():
                    runs.setdefault(name, []).append(value)
            browser.close()
        server.shutdown()
        print(f"Kapitel {args.chapter}, {args.runs} Läufe (Median):")
        for name, values in runs.items():
            if name.startswith("geladen"):
                print(f"  {name:32s} {megabytes(int(statistics.median(values)))}")
            else:
                each = ", ".join(f"{value:.1f}" for value in values)
                print(f"  {name:32s} {statistics.median(values):6.1f} s   ({each})")
    from jupyter_core.paths import jupyter_path

    from exercises.site.lite import cache_folder

    print("Weggelassen:")
    print("  die Apps lab, repl, consoles und edit (es bleiben notebooks und tree), alle Source-Maps")
    print(f"  die Schriftformate {', '.join(OLD_FONT_FORMATS)} neben jeder .woff2-Datei")
    npm_lock = cache_folder() / "pyodide" / "pyodide-lock.json"
    if npm_lock.is_file():
        count = len(json.loads(npm_lock.read_text(encoding="utf-8"))["packages"])
        print(f"  von den {count} Paketen der Pyodide-Distribution alle außer den {len(WHEELS)} in WHEELS")
    print(
        "  (dazu PyYAML, die Pakete des Kernels und das Kurs-Paket); Pyodides console.html, .d.ts, pyodide.js"
    )
    for base_dir in jupyter_path("labextensions"):
        for package in sorted(Path(base_dir).glob("*/package.json")) + sorted(
            Path(base_dir).glob("@*/*/package.json")
        ):
            name = package.parent.relative_to(base_dir).as_posix()
            if name not in EXTENSIONS:
                print(f"  JupyterLab-Erweiterung {name:28s} {megabytes(folder_size(package.parent))}")


if __name__ == "__main__":
    main()
