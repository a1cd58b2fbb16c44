"""kurs-notebooks.zip and the wheel, used where only Jupyter is installed.

Every check runs in a fresh virtual environment outside the repository, which cannot see the
repository's package: only what the ZIP or the wheel brings is there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import copy_sources
from pages import toc_docnames

from exercises.core.texts import all_texts
from exercises.quizzes.banks import load_banks

SETUP_TEXTS = all_texts()["notebook_setup"]
VENV_TOOLS = ["nbconvert", "ipykernel==6.29.5"]


def clean_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "KURS_FORTSCHRITT"}
    }
    return {**env, **extra}


def make_venv(folder: Path, *packages: str) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    python = folder / "bin" / "python"
    probe = subprocess.run(
        [str(python), "-c", "import exercises"], capture_output=True, cwd=folder, env=clean_env()
    )
    assert probe.returncode != 0, "the fresh venv must not see the repository's package"
    if packages:
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages],
            check=True,
            timeout=900,
            env=clean_env(),
        )
    return python


def execute(python: Path, folder: Path, *notebooks: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(python),
            "-m",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--allow-errors",
            "--ExecutePreprocessor.timeout=600",
            "--output-dir",
            "ausgefuehrt",
            *notebooks,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=1200,
        env=clean_env(**env),
    )


def joined(value) -> str:
    """nbformat stores multi-line texts as a string or as a list of lines."""
    return "".join(value) if isinstance(value, list) else value


def outputs(path: Path) -> list[dict]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [output for cell in notebook["cells"] for output in cell.get("outputs", [])]


@pytest.fixture(scope="module")
def unpacked(built, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("leerer-ordner")
    with zipfile.ZipFile(built.html / "kurs-notebooks.zip") as archive:
        archive.extractall(folder)
    return folder


def test_zip_holds_every_chapter_its_files_and_the_wheel(built, unpacked):
    names = {path.name for path in unpacked.iterdir()}
    for chapter in ("index", "soziale-netzwerke", "profil", "netzwerke", "nutzen", "mitmachen", "abschluss"):
        assert f"{chapter}.ipynb" in names
    assert any(name.startswith("social_media_kurs_exercises-") and name.endswith(".whl") for name in names)
    assert (unpacked / "data" / "unternehmen-social-media.csv").is_file()
    assert sorted(p.name for p in (unpacked / "images").iterdir()) == sorted(
        p.name for p in (built.html.parents[1] / "book" / "images").iterdir()
    )
    assert "Run All Cells" in (unpacked / "LIESMICH.txt").read_text(encoding="utf-8")


def test_run_all_works_in_every_notebook_where_only_jupyter_is_installed(unpacked, tmp_path_factory):
    python = make_venv(tmp_path_factory.mktemp("nur-jupyter") / "venv", *VENV_TOOLS)
    notebooks = sorted(path.name for path in unpacked.glob("*.ipynb"))
    first = "index.ipynb"
    run = execute(python, unpacked, first, *[n for n in notebooks if n != first])
    assert run.returncode == 0, run.stderr[-3000:]
    setup_output = outputs(unpacked / "ausgefuehrt" / first)[:2]
    printed = "".join(joined(output.get("text", "")) for output in setup_output)
    assert SETUP_TEXTS["installed"] in printed
    for name in notebooks:
        produced = outputs(unpacked / "ausgefuehrt" / name)
        errors = [o for o in produced if o["output_type"] == "error"]
        assert errors == [], (name, errors)
    html = "".join(
        joined(o.get("data", {}).get("text/html", ""))
        for o in outputs(unpacked / "ausgefuehrt" / "profil.ipynb")
    )
    assert 'data-quiz-id="profil"' in html and 'data-exercise-id="profil-baukasten"' in html


@pytest.fixture(scope="module")
def bare_jupyter(tmp_path_factory) -> Path:
    """Only nbconvert and ipykernel; nothing here ever installs the course package."""
    return make_venv(tmp_path_factory.mktemp("ohne-kurs") / "venv", *VENV_TOOLS)


def first_cell_error(folder: Path, notebook: str) -> dict:
    """What the learner sees under the setup cell (Jupyter's "Run All" stops there)."""
    first = json.loads((folder / "ausgefuehrt" / notebook).read_text(encoding="utf-8"))["cells"][0]
    (error,) = [o for o in first["outputs"] if o["output_type"] == "error"]
    return error


def test_single_notebook_without_wheel_says_where_to_get_the_zip(built, bare_jupyter, tmp_path):
    (tmp_path / "profil.ipynb").write_bytes(
        (built.html / "_notebooks" / "book" / "profil.ipynb").read_bytes()
    )
    run = execute(bare_jupyter, tmp_path, "profil.ipynb")
    assert run.returncode == 0, run.stderr[-3000:]
    error = first_cell_error(tmp_path, "profil.ipynb")
    assert error["traceback"] == [SETUP_TEXTS["wheel_missing"]]
    assert "kurs-notebooks.zip" in error["traceback"][0]


def test_without_a_package_index_the_learner_reads_what_to_do(unpacked, bare_jupyter, tmp_path):
    for path in unpacked.glob("social_media_kurs_exercises-*.whl"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "profil.ipynb").write_bytes((unpacked / "profil.ipynb").read_bytes())
    run = execute(
        bare_jupyter,
        tmp_path,
        "profil.ipynb",
        PIP_NO_INDEX="1",
        PIP_CONFIG_FILE=os.devnull,
        PIP_FIND_LINKS="",
    )
    assert run.returncode == 0, run.stderr[-3000:]
    (message,) = first_cell_error(tmp_path, "profil.ipynb")["traceback"]
    assert message.startswith(SETUP_TEXTS["install_failed"].split("{detail}")[0])
    assert "Traceback" not in message


def test_pip_install_of_the_course_works_from_an_empty_folder(tmp_path_factory):
    """``python -m pip install .`` (not editable): the package carries every file it needs."""
    source = copy_sources(tmp_path_factory.mktemp("kursordner"))
    python = make_venv(tmp_path_factory.mktemp("nur-paket") / "venv", str(source))
    shutil.rmtree(source)  # nothing may still be read from the course folder
    empty = tmp_path_factory.mktemp("ganz-leer")
    script = (
        "import json\nfrom exercises import quiz, progress_overview\n"
        "q = quiz('profil')\n"
        "print(len(q.data['questions']), q.data['texts']['saved_note'])\n"
        "print(json.dumps([c['chapter'] for c in progress_overview().data['quizzes']]))\n"
    )
    run = subprocess.run(
        [str(python), "-c", script], cwd=empty, capture_output=True, text=True, env=clean_env(), timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    count, order = run.stdout.strip().splitlines()
    assert count == (
        f"{len(load_banks()['profil'].questions)} Ihre Antworten werden in der Datei "
        "kurs-fortschritt.json neben diesem Notebook gespeichert."
    )
    toc = [Path(name).name for name in toc_docnames()]
    chapters = json.loads(order)
    assert chapters == sorted(chapters, key=lambda c: toc.index(c) if c in toc else len(toc))
    assert "Warning" not in run.stderr  # the chapter order came with the wheel
