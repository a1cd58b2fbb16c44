"""Page-weight benchmark: every page of our build vs. the same text with Jupyter Book defaults.

Usage: python3 benchmarks/site.py
For each page it prints the requests, the bytes loaded (uncompressed), our own share: the code
of the quizzes and exercises (kurs-* JS and CSS, not the site's theme repairs) and, apart, the
data they embed (the questions' text, the exercises' scenarios: content, like the page's prose;
the final test carries its whole question pool so that each attempt draws anew, offline), and
requests to other hosts, for both builds; then checks the budgets: our interactivity's code
<= 100 KB per page, no page heavier than the default page + 100 KB.
Lighthouse's view of the same pages (compressed transfer, timings): benchmarks/lighthouse.py.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, QuietHandler, build_book, copy_sources  # noqa: E402
from pages import toc_docnames  # noqa: E402

DATA = re.compile(r'<script type="application/json" class="kurs-data">.*?</script>', re.S)
BUDGET = 100 * 1024
# The site's own theme repairs are ours, but not interactivity.
THEME_FILES = {"kurs-site.css", "kurs-theme-fixes.js", "kurs-search.js", "kurs-favicon.svg"}


def is_interactivity(url: str) -> bool:
    """A file of our quizzes and exercises (kurs-*.page.js, kurs-host.js, kurs.css)."""
    name = Path(urlparse(url).path).name
    return name.startswith("kurs") and name not in THEME_FILES


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def measure(browser, base: str, html_dir: Path, docname: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    loaded: list[tuple[str, int]] = []
    foreign: list[str] = []

    def on_response(response):
        try:
            size = len(response.body())
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            size = 0
        loaded.append((response.url, size))

    page.on("response", on_response)
    page.on("requestfailed", lambda request: foreign.append(request.url))
    context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"),
        lambda route: (foreign.append(route.request.url), route.abort()),
    )
    page.goto(base + docname + ".html")
    page.wait_for_load_state("networkidle")
    context.close()
    html = (html_dir / f"{docname}.html").read_text(encoding="utf-8")
    return {
        "requests": len(loaded) + len(set(foreign)),
        "bytes": sum(s for _, s in loaded),
        "ours": sum(size for url, size in loaded if is_interactivity(url)),
        "data": sum(len(m.encode()) for m in DATA.findall(html)),
        "foreign": sorted(set(foreign)),
    }


def default_config_copy(folder: Path) -> Path:
    """The same text and package, built with Jupyter Book's default configuration."""
    source = copy_sources(folder)
    (source / "_config.yml").write_text('title: "Social Media – mitmachen?"\n', encoding="utf-8")
    return source


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as default_dir:
        builds = {}
        for name, source in (
            ("Kurs", copy_sources(Path(ours_dir))),
            ("Standard", default_config_copy(Path(default_dir))),
        ):
            result = build_book(source)
            if not (result.html / "index.html").exists():
                sys.exit(f"Bau „{name}“ fehlgeschlagen:\n{result.log[-3000:]}")
            builds[name] = result.html
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            servers = {name: serve(folder) for name, folder in builds.items()}
            print(
                f"{'Seite':28s} {'Anfr.':>5s} {'KB':>7s} {'Code':>6s} {'Daten':>6s} {'fremd':>5s} | "
                f"{'Std. Anfr.':>10s} {'Std. KB':>7s} {'fremd':>5s} | Budget"
            )
            ok = True
            for docname in toc_docnames():
                mine = measure(browser, servers["Kurs"][0], builds["Kurs"], docname)
                default = measure(browser, servers["Standard"][0], builds["Standard"], docname)
                fits = (
                    mine["ours"] <= BUDGET
                    and not mine["foreign"]
                    and mine["bytes"] <= default["bytes"] + BUDGET
                )
                ok &= fits
                print(
                    f"{docname:28s} {mine['requests']:5d} {mine['bytes'] / 1024:7.1f} "
                    f"{mine['ours'] / 1024:6.1f} {mine['data'] / 1024:6.1f} {len(mine['foreign']):5d} | "
                    f"{default['requests']:10d} {default['bytes'] / 1024:7.1f} "
                    f"{len(default['foreign']):5d} | {'ok' if fits else 'ÜBERSCHRITTEN'}"
                )
            browser.close()
            for _, server in servers.values():
                server.shutdown()
        print("Code: unsere Skripte und Styles der Übungen und Quizze; Daten: deren eingebettete Inhalte.")
        print("Fremde Anfragen der Standardkonfiguration wurden blockiert und nicht mitgezählt.")
        print("Alle Budgets eingehalten." if ok else "Mindestens ein Budget überschritten.")
        shutil.rmtree(Path(ours_dir) / "_build", ignore_errors=True)


if __name__ == "__main__":
    main()
