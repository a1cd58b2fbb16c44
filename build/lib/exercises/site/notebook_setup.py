# Kurs-Paket laden: Quizze und Übungen dieses Notebooks brauchen das Paket „exercises“.
# Fehlt es, installiert diese Zelle die Wheel-Datei, die im selben Ordner liegt (kurs-notebooks.zip).
# (This file is the template of every downloaded notebook's first cell; the build fills TEXTE
# from ui_text.yml. It must run on a bare Python with only Jupyter installed.)
import importlib
import importlib.util
import pathlib
import site
import subprocess
import sys

TEXTE: dict[str, str] = {}


class KursHinweis(Exception):
    """A German note instead of a traceback: IPython shows what _render_traceback_ returns."""

    def _render_traceback_(self):
        return [str(self)]


def _kurs_paket_laden():
    if importlib.util.find_spec("exercises") is not None:
        return
    wheels = sorted(pathlib.Path.cwd().glob("social_media_kurs_exercises-*.whl"))
    if not wheels:
        raise KursHinweis(TEXTE["wheel_missing"])
    print(TEXTE["installing"].format(wheel=wheels[-1].name), flush=True)
    run = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", str(wheels[-1])],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        raise KursHinweis(TEXTE["install_failed"].format(detail=lines[-1] if lines else "–"))
    if site.ENABLE_USER_SITE and site.getusersitepackages() not in sys.path:
        site.addsitedir(site.getusersitepackages())  # pip fell back to a user install
    importlib.invalidate_caches()
    print(TEXTE["installed"], flush=True)


_kurs_paket_laden()
