#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exports the bundled dataset and Zachary's karate club to GraphML, GEXF and
GML with Entente, then reads the files with independent readers (networkx,
Graphviz's graphml2gv and gml2gv) and checks they see the same number of
nodes and edges. Prints TAP.

usage: check-readers.py ENT-CONVERT SOURCE-ROOT [REALDATA-DIR]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def skip(name, reason):
    results.append((name, None, reason))


def graphviz_counts(tool, path):
    dot = subprocess.run([tool, path], capture_output=True, text=True, timeout=60)
    if dot.returncode != 0:
        raise RuntimeError(f"{tool} failed: {dot.stderr.strip()[:200]}")
    counts = subprocess.run(["gc", "-n", "-e"], input=dot.stdout, capture_output=True,
                            text=True, timeout=60)
    numbers = [int(n) for n in re.findall(r"\d+", counts.stdout.split("%")[0])]
    if len(numbers) < 2:
        raise RuntimeError(f"gc printed {counts.stdout!r}")
    return numbers[0], numbers[1]


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    convert, root = sys.argv[1], sys.argv[2]
    realdata = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("ENTENTE_REALDATA", "")

    inputs = [("northeast-asia", os.path.join(root, "data", "datasets", "northeast-asia-2025.entente.json"))]
    karate = os.path.join(realdata, "igraph_igraph", "examples", "simple", "karate.gml")
    if realdata and os.path.exists(karate):
        inputs.append(("karate", karate))
    else:
        skip("karate", f"karate.gml is not at {karate}")

    try:
        import networkx
    except ImportError:
        networkx = None

    with tempfile.TemporaryDirectory(prefix="entente-readers-") as tmp:
        for name, path in inputs:
            outputs = {ext: os.path.join(tmp, f"{name}.{ext}") for ext in ("graphml", "gexf", "gml")}
            run = subprocess.run([convert, path, *outputs.values()], capture_output=True, text=True, timeout=120)
            match = re.match(r"(\d+) actors, (\d+) relations", run.stdout)
            check(f"{name}: Entente exports", run.returncode == 0 and match is not None, run.stderr.strip())
            if not match:
                continue
            expected = (int(match.group(1)), int(match.group(2)))

            readers = []
            if networkx is not None:
                readers += [
                    ("networkx read_graphml", lambda: networkx.read_graphml(outputs["graphml"])),
                    ("networkx read_gexf", lambda: networkx.read_gexf(outputs["gexf"])),
                    ("networkx read_gml", lambda: networkx.read_gml(outputs["gml"], label="id")),
                ]
            else:
                skip(f"{name}: networkx", "python3-networkx is not installed")
            for label, read in readers:
                try:
                    graph = read()
                    got = (graph.number_of_nodes(), graph.number_of_edges())
                    check(f"{name}: {label}", got == expected, f"expected {expected}, got {got}")
                except Exception as error:  # noqa: BLE001 - any reader failure is a test failure
                    check(f"{name}: {label}", False, repr(error))

            for tool, ext in (("graphml2gv", "graphml"), ("gml2gv", "gml")):
                if shutil.which(tool) is None or shutil.which("gc") is None:
                    skip(f"{name}: {tool}", "Graphviz is not installed")
                    continue
                try:
                    got = graphviz_counts(tool, outputs[ext])
                    check(f"{name}: {tool}", got == expected, f"expected {expected}, got {got}")
                except Exception as error:  # noqa: BLE001
                    check(f"{name}: {tool}", False, repr(error))

    print(f"1..{len(results)}")
    failed = 0
    for number, (name, ok, detail) in enumerate(results, 1):
        if ok is None:
            print(f"ok {number} {name} # SKIP {detail}")
        elif ok:
            print(f"ok {number} {name}")
        else:
            failed += 1
            print(f"not ok {number} {name}")
            for line in detail.splitlines():
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
