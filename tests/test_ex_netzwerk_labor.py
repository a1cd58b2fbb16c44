"""Exercise "netzwerk-labor": logic, scenario validation, parity vectors (Python side), widget."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from exercise_vectors import (
    FIXTURE_SCENARIOS,
    broken_scenario,
    fixture_scenario,
    line_of,
)

from exercises import exercise
from exercises.activities import load_scenario
from exercises.activities.netzwerk_labor import payload, start_edges
from exercises.activities.netzwerk_labor import rules as lab
from exercises.core.errors import ContentErrors
from exercises.core.paths import static_file
from exercises.core.texts import texts

ROOT = Path(__file__).resolve().parents[1]
JS = static_file("kurs-ex-netzwerk-labor.js")
SCENARIO_FILE = FIXTURE_SCENARIOS / "netzwerk-labor.yml"


@pytest.fixture(scope="module")
def scenario():
    return fixture_scenario("netzwerk-labor")


# --- pure logic -----------------------------------------------------------------------------

NODES = ["a", "b", "c", "d", "e"]
PATH = [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"]]


def test_degrees_and_layers():
    assert lab.degrees(NODES, PATH) == {"a": 1, "b": 2, "c": 2, "d": 2, "e": 1}
    assert lab.bfs_layers(NODES, PATH, "a", 3) == [["b"], ["c"], ["d"]]
    assert lab.bfs_layers(NODES, PATH, "c", 3) == [["b", "d"], ["a", "e"], []]


def test_connect_and_disconnect_keep_canonical_order():
    added = lab.connect(NODES, PATH, "e", "a")
    assert added == {"edges": [["a", "b"], ["a", "e"], ["b", "c"], ["c", "d"], ["d", "e"]], "error": None}
    assert lab.connect(NODES, added["edges"], "a", "e")["error"] == "exists"
    assert lab.disconnect(NODES, PATH, "c", "b")["edges"] == [["a", "b"], ["c", "d"], ["d", "e"]]
    assert lab.disconnect(NODES, PATH, "a", "c")["error"] == "missing"
    assert lab.connect(NODES, PATH, "b", "b")["error"] == "same"
    assert lab.disconnect(NODES, PATH, "", "b")["error"] == "choose"


def test_reach_formula_by_hand():
    # a-b-c-d-e with p = 0.5: b certain, c with 0.5, d with 0.25, e with 0.125.
    steps = lab.reach_by_step(NODES, PATH, "a", 0.5, 6)
    assert [s["step"] for s in steps] == [1, 2, 3, 4]
    assert [s["new"] for s in steps] == [1.0, 0.5, 0.25, 0.125]
    assert steps[-1]["total"] == 1.875
    # Two senders: d hears from b (0.5) or c (0.5): 1 - 0.5 * 0.5.
    diamond = [["a", "b"], ["a", "c"], ["b", "d"], ["c", "d"]]
    assert lab.reach_by_step(NODES, diamond, "a", 0.5, 6)[1]["new"] == 0.75
    # Nobody is heard twice: people of the same or an earlier layer do not pass it back.
    triangle = [["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"]]
    assert [s["new"] for s in lab.reach_by_step(NODES, triangle, "a", 0.5, 6)] == [2.0, 0.5]


def test_reach_grows_with_p_and_stays_below_everybody(scenario):
    ids = [p.id for p in scenario.people]
    edges = start_edges(scenario)
    totals = [lab.reach_by_step(ids, edges, "anna", p / 10, 6)[-1]["total"] for p in range(11)]
    assert totals == sorted(totals)
    assert totals[0] == 4  # p = 0: only Anna's four contacts
    assert all(total <= len(ids) - 1 for total in totals)


def test_reach_stops_when_growth_is_small():
    # p = 0.06: step 2 adds 0.06 person, step 3 only 0.0036 (< GROWTH_EPS) and ends the table.
    steps = lab.reach_by_step(NODES, PATH, "a", 0.06, 6)
    assert [s["step"] for s in steps] == [1, 2]
    assert math.isclose(steps[1]["new"], 0.06)
    assert len(lab.reach_by_step(NODES, PATH, "a", 0.08, 6)) == 3  # 0.0064 still counts


def test_de_number():
    assert lab.de_number(3.7, 1) == "3,7"
    assert lab.de_number(4.0, 1) == "4"
    assert lab.de_number(0.25, 2) == "0,25"
    assert lab.de_number(2.25, 1) == "2,3"  # half away from zero, as Intl.NumberFormat
    assert lab.de_number(5.017, 1) == "5"
    assert lab.de_number(1.005, 2) == "1,01"  # the shortest decimal form is rounded, as in V8


def test_network_types_are_deterministic_and_classified(scenario):
    rows = {row["type"]: row for row in payload(scenario)["comparison"]}
    again = {row["type"]: row for row in payload(scenario)["comparison"]}
    assert rows == again
    assert list(rows) == ["ring", "random", "small_world", "hubs"]
    c = scenario.comparison
    assert all(row["n"] == c.n for row in rows.values())
    assert len(rows["ring"]["edges"]) == len(rows["random"]["edges"]) == c.n * c.ring.k // 2
    assert rows["ring"]["path_length"] > rows["small_world"]["path_length"] > rows["random"]["path_length"]
    assert rows["small_world"]["clustering"] > 2 * rows["random"]["clustering"]
    assert rows["hubs"]["max_degree"] >= 3 * rows["hubs"]["mean_degree"]
    assert "kleine Welt" in rows["small_world"]["interpretation"]
    assert rows["ring"]["interpretation"].startswith("Lange Wege, aber hohes Clustering")
    assert rows["random"]["interpretation"].startswith("Kurze Wege, aber wenig Clustering")
    assert "Hubs" in rows["hubs"]["interpretation"]
    assert "Hubs" not in rows["random"]["interpretation"]
    mean = lab.de_number(rows["hubs"]["mean_degree"], 1)
    assert f"im Schnitt {mean})" in rows["hubs"]["interpretation"] and "," in mean


def test_networkx_figures_match_networkx(scenario):
    import networkx as nx

    c = scenario.comparison
    ring = nx.watts_strogatz_graph(c.n, c.ring.k, 0)
    figures = lab.graph_figures(ring)
    assert figures["path_length"] == round(nx.average_shortest_path_length(ring), 2)
    assert figures["clustering"] == 0.5  # ring lattice with k = 4: 3(k-2) / 4(k-1)


# --- scenario and payload -------------------------------------------------------------------


def test_scenario_loads(scenario):
    assert 8 <= len(scenario.people) <= 12
    assert scenario.reach.start_person in {p.id for p in scenario.people}


def test_payload_is_small_json(scenario):
    data = payload(scenario)
    text = json.dumps(data, ensure_ascii=False)
    assert len(text) < 20_000
    assert data["start_edges"] == start_edges(scenario)
    assert {"people", "start_person", "default_percent", "max_steps", "comparison"} <= set(data)
    assert "<" not in data["intro"].replace("<strong>", "").replace("</strong>", "").replace(
        "<em>", ""
    ).replace("</em>", "").replace("<code>", "").replace("</code>", "")


def _write_bad(tmp_path: Path, replace: list[tuple[str, str]]) -> Path:
    return broken_scenario(tmp_path, "netzwerk-labor", *replace)


def test_bad_type_names_file_line_and_field(tmp_path):
    path = _write_bad(tmp_path, [("    x: 300\n", "    x: links\n")])
    with pytest.raises(ContentErrors) as caught:
        load_scenario("netzwerk-labor", tmp_path)
    report = str(caught.value)
    assert "netzwerk-labor.yml" in report
    assert f"Zeile {line_of(path, 'x: links')}" in report
    assert "„anna“" in report and "Feld „x“" in report
    assert "ganze Zahl" in report


def test_bad_connections_and_parameters(tmp_path):
    path = _write_bad(
        tmp_path,
        [
            ("  - [ben, jonas]\n", "  - [ben, bert]\n"),
            ("  - [hannes, ida]\n", "  - [hannes, ida]\n  - [ida, hannes]\n"),
            ("  start_person: anna\n", "  start_person: zoe\n"),
            ("    k: 4\n    p: 0.1", "    k: 5\n    p: 0.1"),
        ],
    )
    with pytest.raises(ContentErrors) as caught:
        load_scenario("netzwerk-labor", tmp_path)
    errors = caught.value.errors
    messages = [str(e) for e in errors]
    assert len(errors) == 4, messages
    by_line = {e.line: e.message for e in errors}
    assert "Unbekannte Person „bert“" in by_line[line_of(path, "[ben, bert]")]
    assert "schon weiter oben" in by_line[line_of(path, "[ida, hannes]")]
    assert "„zoe“" in by_line[line_of(path, "start_person: zoe")]
    assert "gerade Zahl" in by_line[line_of(path, "k: 5")]


def test_too_close_and_too_many_people(tmp_path):
    extra = "".join(
        f'  - id: p{i}\n    name: "P{i}"\n    role: "Gast"\n    x: {100 + 60 * i}\n    y: 370\n'
        for i in range(3)
    )
    _write_bad(
        tmp_path,
        [
            ("    x: 180\n    y: 60\n", "    x: 300\n    y: 200\n"),
            ("\n# Das Startnetz", extra + "\n# Das Startnetz"),
        ],
    )
    with pytest.raises(ContentErrors) as caught:
        load_scenario("netzwerk-labor", tmp_path)
    report = str(caught.value)
    assert "Zu viele Personen: höchstens 12, gefunden 13" in report
    assert "Zu nah an „Anna“" in report


# --- the shared vectors (Node: tests/js/, page scripts: tests/browser/test_parity.py) -------


def test_growth_threshold_is_the_same_in_js():
    source = JS.read_text(encoding="utf-8")
    assert f"export const GROWTH_EPS = {lab.GROWTH_EPS};" in source


# --- the widget, driven from Python ---------------------------------------------------------


def test_widget_results_for_default_state():
    w = exercise("netzwerk-labor", persist=False)
    r = w.results
    assert r["person"] == "Anna"
    assert r["degrees"]["Anna"] == 4 and r["degrees"]["Gül"] == 1
    assert r["reachable_by_step"] == {
        1: ["Ben", "Clara", "Hannes", "Jonas"],
        2: ["Deniz", "Frieda", "Ida"],
        3: ["Emil"],
    }
    assert r["not_reachable"] == ["Gül"]
    assert r["share_percent"] == 30
    assert [s["total"] for s in r["reach_by_step"]] == [4.0, 4.9, 4.99, 5.02]
    assert [s["new"] for s in r["reach_by_step"]] == [4.0, 0.9, 0.09, 0.03]
    assert r["reach_summary"] == (
        "Ein Beitrag von Anna erreicht bei 30 % "
        "Teilen-Wahrscheinlichkeit im Schnitt 5 der 9 anderen "
        "Personen."
    )
    assert [row["label"] for row in r["comparison"]] == ["Ring", "Zufall", "Kleine Welt", "Mit Hubs"]
    assert r["hints"] == []


def test_widget_results_follow_the_state():
    w = exercise("netzwerk-labor", persist=False)
    w.state = {
        "edges": [["anna", "guel"], ["guel", "emil"], ["guel", "ida"]],
        "person": "guel",
        "percent": 100,
    }
    r = w.results
    assert r["degrees"]["Gül"] == 3 and r["degrees"]["Ben"] == 0
    assert r["edges"] == [["Anna", "Gül"], ["Emil", "Gül"], ["Gül", "Ida"]]
    assert r["reachable_by_step"] == {1: ["Anna", "Emil", "Ida"], 2: [], 3: []}
    assert r["reach_by_step"] == [{"step": 1, "new": 3.0, "total": 3.0}]
    assert r["reach_total"] == 3.0
    w.state = {"edges": [], "percent": 0}
    assert w.results["reach_by_step"] == [{"step": 1, "new": 0.0, "total": 0.0}]
    assert w.results["person"] == "Anna"


def test_widget_reports_invalid_state_in_german():
    w = exercise("netzwerk-labor", persist=False)
    w.state = {
        "edges": [["anna", "ben"], ["anna", "anna"], ["anna", "zoe"], ["ben", "anna"], "x"],
        "person": "zoe",
        "percent": 140,
    }
    r = w.results
    assert r["edges"] == [["Anna", "Ben"]]
    assert r["person"] == "Anna" and r["share_percent"] == 30
    hints = " ".join(r["hints"])
    assert "Anna – Anna wurde ignoriert" in hints
    assert "Diese Person gibt es nicht" in hints
    assert "steht schon in der Liste" in hints
    assert "„zoe“ gibt es nicht" in hints
    assert "140 ist ungültig" in hints
    for bad in ("dreißig", 30.5, True, -5):
        w.state = {"percent": bad}
        assert w.results["share_percent"] == 30
        assert "ungültig" in w.results["hints"][0]
    w.state = {"edges": "anna-ben"}
    assert len(w.results["edges"]) == 12  # the start network
    assert "Liste von Paaren" in w.results["hints"][0]
    w.state = {"percent": 45.0}
    assert w.results["share_percent"] == 45 and w.results["hints"] == []


def test_widget_payload_and_bundle():
    w = exercise("netzwerk-labor", persist=False)
    assert w.data["kind"] == "exercise" and w.data["id"] == "netzwerk-labor"
    assert "import " not in w._esm.split("// --- kurs-ex-netzwerk-labor.js")[1]
    assert w.data["texts"]["connect"] == "Verbinden"


# --- front-end source checks ----------------------------------------------------------------


def test_js_texts_exist_and_size():
    source = JS.read_text(encoding="utf-8")
    assert len(source.encode()) < 25_000
    merged = texts("common", "ex_netzwerk_labor")
    used = set(re.findall(r"\bT\.(\w+)", source))
    used |= {f"hint_{e}" for e in ("choose", "same", "exists", "missing")}
    assert used - set(merged) == set()
    imports = re.findall(r"^import .*$", source, re.M)
    assert imports == ["import {announce, fmt, h, num, safeState, saveState, uid} from './kurs-common.js';"]


def test_logic_modules_import_no_widgets():
    folder = ROOT / "exercises" / "activities" / "netzwerk_labor"
    for name in ("rules.py", "__init__.py"):
        source = (folder / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(IPython|ipywidgets|anywidget)", source, re.M)


# --- the progress overview ---------------------------------------------------------------------


def test_progress_overview_calls_it_done_once_network_and_share_were_tried(scenario):
    from exercises.activities import done_when
    from exercises.quizzes.progress import exercise_status

    conditions = done_when("netzwerk-labor", FIXTURE_SCENARIOS)
    ids = [p.id for p in scenario.people]
    start = start_edges(scenario)
    percent = scenario.reach.default_percent
    # what the page stores after connecting two people: the whole state, percent unchanged
    connected = lab.connect(ids, start, ids[0], next(i for i in ids[1:] if [ids[0], i] not in start))
    after_connect = {"edges": connected["edges"], "person": scenario.reach.start_person, "percent": percent}
    assert connected["error"] is None
    assert exercise_status(after_connect, conditions) == "started"
    only_slider = {"edges": start, "person": scenario.reach.start_person, "percent": percent + 20}
    assert exercise_status(only_slider, conditions) == "started"
    both = {**after_connect, "percent": 0}
    assert exercise_status(both, conditions) == "done"
    assert exercise_status(json.loads(json.dumps(both)), conditions) == "done"  # as stored
