#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-sandbox.py: Entente opens no network connection and runs nothing.

Runs the command line (`entente --export OUT FILE`, `entente --stats FILE`)
under `strace -f -e trace=network,execve` on the bundled dataset and on a
hostile document full of URLs and shell syntax, and checks that the only
execve is the first one, that no socket of an internet family is created
and that nothing is connected to. TAP output.

Usage: check-sandbox.py ENTENTE_BINARY SOURCE_ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

entente, source_root = sys.argv[1], sys.argv[2]
results = []


def report(ok, name, detail=""):
    results.append((ok, name, detail))


def hostile_document(marker):
    shell = f"$(touch {marker}) `touch {marker}`; touch {marker} | touch {marker}"
    return {
        "format": "entente", "version": 1,
        "title": "http://127.0.0.1:9/title " + shell,
        "description": "file:///etc/passwd https://example.invalid/x.png",
        "sources": ["https://example.invalid/a", "ftp://example.invalid/b", shell],
        "actors": [
            {"id": "A", "name": "<img src='http://127.0.0.1:9/a.png'>", "note": shell,
             "x-icon": "http://127.0.0.1:9/icon.png"},
            {"id": "B", "name": "B " + shell, "region": "|touch " + marker},
        ],
        "relations": [{"actors": ["A", "B"], "type": "alliance", "source": "http://127.0.0.1:9/r",
                       "label": shell}],
        "meetings": [{"date": "2025-10-29", "kind": "summit", "participants": ["A", "B"],
                      "place": "http://[::1]:9/", "topics": [shell]}],
        "blocs": [{"id": "b", "name": shell, "members": ["A", "B"], "color": "#3584e4",
                  "x-background": "url(http://127.0.0.1:9/c)"}],
    }


def traced(name, args, tmp, marker=None):
    log = os.path.join(tmp, name + ".strace")
    env = dict(os.environ)
    env.setdefault("GSETTINGS_BACKEND", "memory")
    # LeakSanitizer stops the world with ptrace, which strace already holds.
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=network,execve", "-o", log, entente] + args,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=300)
    report(proc.returncode == 0, f"{name}: entente exits 0",
           proc.stderr.decode(errors="replace")[-500:])
    with open(log) as f:
        lines = f.read().splitlines()
    execs = [l for l in lines if re.search(r"\bexecve\(", l)]
    report(len(execs) == 1, f"{name}: one execve (the program itself), no other program run",
           "\n".join(execs[1:5]))
    inet = [l for l in lines if re.search(r"\bsocket\(AF_INET6?\b", l) or re.search(r"\bsocket\(AF_PACKET\b", l)]
    report(not inet, f"{name}: no internet socket", "\n".join(inet[:5]))
    connects = [l for l in lines if re.search(r"\bconnect\(", l)]
    report(not connects, f"{name}: no connect()", "\n".join(connects[:5]))
    if marker is not None:
        report(not os.path.exists(marker), f"{name}: shell syntax in the document is never run")


def main():
    if shutil.which("strace") is None:
        print("1..0 # SKIP strace is not installed (./dev test installs it)")
        return 0
    dataset = os.path.join(source_root, "data", "datasets", "northeast-asia-2025.entente.json")
    with tempfile.TemporaryDirectory(prefix="entente-sandbox-") as tmp:
        marker = os.path.join(tmp, "executed")
        hostile = os.path.join(tmp, "hostile.entente.json")
        with open(hostile, "w") as f:
            json.dump(hostile_document(marker), f)
        traced("export-png", ["--export", os.path.join(tmp, "out.png"), dataset], tmp)
        traced("export-svg-hostile", ["--export", os.path.join(tmp, "out.svg"), hostile], tmp, marker)
        traced("export-pdf-hostile", ["--export", os.path.join(tmp, "out.pdf"), hostile], tmp, marker)
        traced("stats-hostile", ["--stats", hostile], tmp, marker)

    print(f"1..{len(results)}")
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print(f"# {line}")
    return 1 if failed else 0


sys.exit(main())
