"""Lighthouse (mobile) for every page: our build vs. the same text with Jupyter Book's defaults.

Usage: python3 benchmarks/lighthouse.py [--pages book/profil,book/nutzen] [--runs 3] [--reuse DIR]

Builds the course twice (ours, and with Jupyter Book's default configuration, i.e. without our
extension's page work), serves both gzip-compressed on 127.0.0.1 (precompressed ``.gz`` files
where the build wrote them, else compressed on the fly), and runs Lighthouse 12 from npm
(``npm ci``) with Debian's Chromium in its default mobile setting (simulated slow 4G and a
4x slower CPU), three times per page, taking the median. Requests to other hosts fail at
once (the default build would load require.js from a CDN). For each page it prints the
performance score, FCP, LCP, TBT and the bytes transferred, with the ratio ours/default, then
checks the goals: performance >= 95, FCP no slower than the default, <= 250 KiB transferred,
our own interactivity (the quizzes' and exercises' scripts, styles and data, uncompressed)
<= 100 KB, and no page heavier than the default page + 100 KB (benchmarks/site.py's budgets).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from conftest import CHROMIUM, build_book, copy_sources  # noqa: E402
from pages import toc_docnames  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    # Other hosts fail at once instead of waiting for a connection that never comes.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".txt", ".ttf", ".map", ".ipynb"}
DATA = re.compile(r'<script type="application/json" class="kurs-data">.*?</script>', re.S)
GOAL_SCORE = 95
GOAL_BYTES = 250 * 1024
BUDGET = 100 * 1024


def is_interactivity(url: str) -> bool:
    """Our quizzes' and exercises' files (not the site's theme repairs), as benchmarks/site.py counts."""
    return _site_benchmark().is_interactivity(url)


@functools.cache
def _site_benchmark():
    """benchmarks/site.py (its name hides behind Python's own ``site`` module)."""
    spec = importlib.util.spec_from_file_location("site_benchmark", Path(__file__).with_name("site.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that sends text files gzip-compressed, as any production host does."""

    protocol_version = "HTTP/1.1"
    _packed: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the standard library's name
        path = Path(self.translate_path(unquote(urlparse(self.path).path)))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE:
            return super().do_GET()
        if not path.is_file():
            return super().do_GET()
        precompressed = path.with_name(path.name + ".gz")
        if precompressed.is_file():
            body = precompressed.read_bytes()
        else:
            if path not in self._packed:
                self._packed[path] = gzip.compress(path.read_bytes(), compresslevel=6)
            body = self._packed[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def lighthouse(url: str, runs: int = 1) -> dict:
    """Lighthouse (mobile, performance only) ``runs`` times: the median of each figure."""
    results = [lighthouse_once(url) for _ in range(runs)]
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def lighthouse_once(url: str) -> dict:
    """One Lighthouse run (mobile, performance only): its figures for the page."""
    run = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--max-wait-for-load=60000",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        timeout=300,
    )
    if run.returncode != 0 or not run.stdout.strip():
        sys.exit(f"Lighthouse für {url} fehlgeschlagen:\n{run.stderr[-3000:]}")
    report = json.loads(run.stdout)
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    ours = sum(item.get("resourceSize", 0) for item in requests if is_interactivity(item["url"]))
    return {
        "score": round((report["categories"]["performance"]["score"] or 0) * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "ours": ours,
    }


def build_both(work: Path, reuse: Path | None) -> dict[str, Path]:
    site = _site_benchmark()
    builds = {}
    for name, make in (
        ("Kurs", lambda d: copy_sources(d)),
        ("Standard", lambda d: site.default_config_copy(d)),
    ):
        folder = (reuse or work) / name
        html = folder / "_build" / "html"
        if not (reuse and (html / "index.html").exists()):
            folder.mkdir(parents=True, exist_ok=True)
            result = build_book(make(folder))
            if not (html / "index.html").exists():
                sys.exit(f"Bau „{name}“ fehlgeschlagen:\n{result.log[-3000:]}")
        builds[name] = html
    return builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="Seiten, durch Komma getrennt (Standard: alle)")
    parser.add_argument("--runs", type=int, default=3, help="Läufe je Seite; es zählt der Median")
    parser.add_argument("--reuse", type=Path, help="Ordner für beide Bauten (bleiben dort)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse fehlt: npm ci (package.json) im Kursordner ausführen.")
    docnames = args.pages.split(",") if args.pages else toc_docnames()
    with tempfile.TemporaryDirectory() as work:
        builds = build_both(Path(work), args.reuse)
        servers = {name: serve(folder) for name, folder in builds.items()}
        print(
            f"{'Seite':24s} {'Perf.':>5s} {'FCP s':>6s} {'LCP s':>6s} {'TBT ms':>6s} {'KiB':>6s} "
            f"{'unser':>6s} | "
            f"{'Std. Perf.':>10s} {'FCP s':>6s} {'KiB':>6s} | {'FCP':>5s} {'Bytes':>5s} | Ziele"
        )
        ok = True
        for docname in docnames:
            mine = lighthouse(f"{servers['Kurs'][0]}{docname}.html", args.runs)
            html = (builds["Kurs"] / f"{docname}.html").read_text(encoding="utf-8")
            mine["ours"] += sum(len(match.encode()) for match in DATA.findall(html))
            default = lighthouse(f"{servers['Standard'][0]}{docname}.html", args.runs)
            fcp_ratio = mine["fcp"] / default["fcp"]
            byte_ratio = mine["bytes"] / default["bytes"]
            misses = [
                label
                for label, missed in (
                    (f"Perf. < {GOAL_SCORE}", mine["score"] < GOAL_SCORE),
                    ("FCP langsamer", fcp_ratio > 1.0),
                    ("> 250 KiB", mine["bytes"] > GOAL_BYTES),
                    ("unser Anteil > 100 KB", mine["ours"] > BUDGET),
                    ("> Standard + 100 KB", mine["bytes"] > default["bytes"] + BUDGET),
                )
                if missed
            ]
            ok &= not misses
            print(
                f"{docname:24s} {mine['score']:5.0f} {mine['fcp'] / 1000:6.2f} {mine['lcp'] / 1000:6.2f} "
                f"{mine['tbt']:6.0f} {mine['bytes'] / 1024:6.1f} {mine['ours'] / 1024:6.1f} | "
                f"{default['score']:10.0f} {default['fcp'] / 1000:6.2f} {default['bytes'] / 1024:6.1f} | "
                f"{fcp_ratio:5.2f} {byte_ratio:5.2f} | {', '.join(misses) or 'ok'}",
                flush=True,
            )
        for _, server in servers.values():
            server.shutdown()
        if not args.reuse:
            shutil.rmtree(Path(work), ignore_errors=True)
    print("Verhältnisse: unser Bau / Standard-Jupyter-Book (unter 1 ist besser).")
    print("Alle Ziele erreicht." if ok else "Mindestens ein Ziel verfehlt.")


if __name__ == "__main__":
    main()
