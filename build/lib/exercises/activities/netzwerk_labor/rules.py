"""Pure logic of the exercise "netzwerk-labor": degrees, BFS layers, expected reach, comparison.

A network is given as ``nodes`` (a list of ids; its order is the canonical order everywhere)
and ``edges`` (a list of ``[a, b]`` pairs). Every function here has a twin of the same name in
``static/kurs-ex-netzwerk-labor.js`` (camelCase there); ``tests/data/vectors-netzwerk-labor.yml``
keeps both sides in step.

The reach model (expected reach of a post, deterministic, computed layer by layer):

* Step 0: the author ``s`` has the post, ``q[s] = 1``.
* The people first reachable at step k are those at distance k from ``s`` (breadth-first
  search). Each person ``j`` who newly saw the post at step k-1 passes it on with probability
  ``share_j * q[j]`` (``share_j`` is 1 for the author, ``p`` for everybody else), so a person
  ``v`` at distance k sees it with probability
  ``q[v] = 1 - prod over neighbours j at distance k-1 of (1 - share_j * q[j])``.
* The expected number newly reached at step k is the sum of ``q`` over that layer (summed in
  node order), the expected reach after step k the running total (the author not counted).
  Step 1 is always listed; later steps only while they add at least ``GROWTH_EPS`` people
  (they would show as 0), and at most ``max_steps`` steps.

This is the independent cascade ("each newly reached person shares once, with probability
p") approximated along shortest paths: exact on networks without cycles; with cycles it treats
the senders as independent and ignores detours. It needs no random numbers, so Python and
JavaScript compute the same floating-point values (same operations in the same order).

The comparison of network types uses networkx and runs in Python only (when the payload is
built); the front end just shows its figures.
"""

from __future__ import annotations

from exercises.core.numbers import format_de as de_number  # noqa: F401  (the one German format)

GROWTH_EPS = 0.005  # a step adding fewer expected people than this ends the table
HUB_FACTOR = 3  # "hubs": the best-connected person has at least 3 x the mean degree
MAX_TRIES = 100  # reseeding attempts for a connected random / small-world graph


# --- the learner's network ----------------------------------------------------------------


def _index(nodes: list[str]) -> dict[str, int]:
    return {node: i for i, node in enumerate(nodes)}


def normalize_edges(nodes: list[str], raw: object) -> dict:
    """Clean edges from stored state: canonical order, each valid pair once.

    Returns ``{"edges": [[a, b], ...], "dropped": [{"pair": ..., "reason": ...}, ...]}`` with
    reason one of ``shape`` (not a pair of two texts), ``unknown`` (a person that does not
    exist), ``self`` (a person with herself) and ``duplicate``.
    """
    index = _index(nodes)
    items = raw if isinstance(raw, list) else []
    seen: set[tuple[int, int]] = set()
    dropped = []
    for pair in items:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            dropped.append({"pair": pair, "reason": "shape"})
            continue
        a, b = pair
        if a not in index or b not in index:
            dropped.append({"pair": pair, "reason": "unknown"})
        elif a == b:
            dropped.append({"pair": pair, "reason": "self"})
        else:
            key = (min(index[a], index[b]), max(index[a], index[b]))
            if key in seen:
                dropped.append({"pair": pair, "reason": "duplicate"})
            else:
                seen.add(key)
    edges = [[nodes[i], nodes[j]] for i, j in sorted(seen)]
    return {"edges": edges, "dropped": dropped}


def _has_edge(edges: list, a: str, b: str) -> bool:
    return any({x, y} == {a, b} for x, y in edges)


def connect(nodes: list[str], edges: list, a: str, b: str) -> dict:
    """Add the edge a–b. ``error``: ``choose`` (a person missing), ``same`` or ``exists``."""
    index = _index(nodes)
    if a not in index or b not in index:
        return {"edges": edges, "error": "choose"}
    if a == b:
        return {"edges": edges, "error": "same"}
    if _has_edge(edges, a, b):
        return {"edges": edges, "error": "exists"}
    return {"edges": normalize_edges(nodes, [*edges, [a, b]])["edges"], "error": None}


def disconnect(nodes: list[str], edges: list, a: str, b: str) -> dict:
    """Remove the edge a–b. ``error``: ``choose``, ``same`` or ``missing``."""
    index = _index(nodes)
    if a not in index or b not in index:
        return {"edges": edges, "error": "choose"}
    if a == b:
        return {"edges": edges, "error": "same"}
    if not _has_edge(edges, a, b):
        return {"edges": edges, "error": "missing"}
    kept = [pair for pair in edges if {pair[0], pair[1]} != {a, b}]
    return {"edges": normalize_edges(nodes, kept)["edges"], "error": None}


def _neighbours(nodes: list[str], edges: list) -> list[list[int]]:
    """Neighbour indices of each node, in node order (edges must be valid)."""
    index = _index(nodes)
    adjacency: list[list[int]] = [[] for _ in nodes]
    for a, b in edges:
        adjacency[index[a]].append(index[b])
        adjacency[index[b]].append(index[a])
    return [sorted(set(items)) for items in adjacency]


def degrees(nodes: list[str], edges: list) -> dict[str, int]:
    """Number of contacts of each person."""
    return {node: len(adj) for node, adj in zip(nodes, _neighbours(nodes, edges), strict=True)}


def bfs_layers(nodes: list[str], edges: list, source: str, max_depth: int = 3) -> list[list[str]]:
    """People at distance exactly 1, 2, …, ``max_depth`` from ``source`` (each in node order)."""
    adjacency = _neighbours(nodes, edges)
    start = _index(nodes)[source]
    seen = {start}
    frontier = [start]
    layers = []
    for _ in range(max_depth):
        following = sorted({j for i in frontier for j in adjacency[i] if j not in seen})
        seen.update(following)
        layers.append([nodes[j] for j in following])
        frontier = following
    return layers


def reach_by_step(nodes: list[str], edges: list, source: str, p: float, max_steps: int = 6) -> list[dict]:
    """Expected reach of a post by ``source`` (see the module docstring).

    Returns ``[{"step": 1, "new": …, "total": …}, …]`` (expected numbers of people, the author
    not counted).
    """
    adjacency = _neighbours(nodes, edges)
    s = _index(nodes)[source]
    q = [0.0] * len(nodes)
    q[s] = 1.0
    layer = [s]
    seen = {s}
    steps: list[dict] = []
    total = 0.0
    for step in range(1, max_steps + 1):
        following = sorted({j for i in layer for j in adjacency[i] if j not in seen})
        previous = set(layer)
        added = 0.0
        for v in following:
            miss = 1.0
            for j in adjacency[v]:
                if j in previous:
                    share = 1.0 if j == s else p
                    miss = miss * (1.0 - share * q[j])
            q[v] = 1.0 - miss
            added = added + q[v]
        if step > 1 and added < GROWTH_EPS:
            break
        seen.update(following)
        layer = following
        total = total + added
        steps.append({"step": step, "new": added, "total": total})
    return steps


# --- network types (networkx, Python only) ------------------------------------------------


def _connected(make, seed: int):
    """``make(seed)``, reseeded with seed+1, seed+2, … until the graph is connected."""
    import networkx as nx

    for attempt in range(seed, seed + MAX_TRIES):
        graph = make(attempt)
        if nx.is_connected(graph):
            return graph, attempt
    raise ValueError("no connected graph found")


def network_types(
    n: int, ring_k: int, random_seed: int, sw_k: int, sw_p: float, sw_seed: int, hub_m: int, hub_seed: int
) -> dict:
    """The four comparison networks as networkx graphs, with the seed actually used.

    ring: ``watts_strogatz_graph(n, k, 0)`` (each person linked to the k nearest on a circle);
    random: ``gnm_random_graph`` with as many edges as the ring, reseeded until connected;
    small world: ``watts_strogatz_graph(n, k, p, seed)``, reseeded until connected;
    hubs: ``barabasi_albert_graph(n, m, seed)`` (always connected).
    """
    import networkx as nx

    ring = nx.watts_strogatz_graph(n, ring_k, 0)
    edges = ring.number_of_edges()
    random_graph, random_used = _connected(lambda s: nx.gnm_random_graph(n, edges, seed=s), random_seed)
    small_world, sw_used = _connected(lambda s: nx.watts_strogatz_graph(n, sw_k, sw_p, seed=s), sw_seed)
    hubs = nx.barabasi_albert_graph(n, hub_m, seed=hub_seed)
    return {
        "ring": (ring, None),
        "random": (random_graph, random_used),
        "small_world": (small_world, sw_used),
        "hubs": (hubs, hub_seed),
    }


def graph_figures(graph) -> dict:
    """Average path length, clustering coefficient and degrees of a connected graph."""
    import networkx as nx

    degree_list = [d for _, d in sorted(graph.degree())]
    return {
        "path_length": round(nx.average_shortest_path_length(graph), 2),
        "clustering": round(nx.average_clustering(graph), 2),
        "max_degree": max(degree_list),
        "mean_degree": round(sum(degree_list) / len(degree_list), 1),
    }


def classify(figures: dict, ring: dict, random: dict) -> dict:
    """Short/long paths and high/low clustering relative to the ring and the random network.

    Paths count as short when nearer to the random network's than to the ring's, clustering
    as high when nearer to the ring's; hubs when the maximum degree is at least
    ``HUB_FACTOR`` times the mean degree.
    """
    path_mid = (ring["path_length"] + random["path_length"]) / 2
    clustering_mid = (ring["clustering"] + random["clustering"]) / 2
    return {
        "short_paths": figures["path_length"] < path_mid,
        "high_clustering": figures["clustering"] >= clustering_mid,
        "hubs": figures["max_degree"] >= HUB_FACTOR * figures["mean_degree"],
    }


def compare(
    n: int, ring_k: int, random_seed: int, sw_k: int, sw_p: float, sw_seed: int, hub_m: int, hub_seed: int
) -> list[dict]:
    """One row per network type: edges (for the drawing), figures and their classification.

    Keys of each row: ``type``, ``n``, ``edges`` (index pairs), ``seed``, ``path_length``,
    ``clustering``, ``max_degree``, ``mean_degree``, ``short_paths``, ``high_clustering``,
    ``hubs``.
    """
    graphs = network_types(n, ring_k, random_seed, sw_k, sw_p, sw_seed, hub_m, hub_seed)
    figures = {key: graph_figures(graph) for key, (graph, _) in graphs.items()}
    rows = []
    for key, (graph, seed) in graphs.items():
        row = {
            "type": key,
            "n": graph.number_of_nodes(),
            "edges": sorted([min(a, b), max(a, b)] for a, b in graph.edges()),
            "seed": seed,
        }
        row.update(figures[key])
        row.update(classify(figures[key], figures["ring"], figures["random"]))
        rows.append(row)
    return rows
