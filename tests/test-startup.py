#!/usr/bin/env python3
# Start-up with the cairo renderer: the real binary opens the bundled
# dataset and paints its map, and no OpenGL driver is loaded on the way
# (GDK would otherwise load one at display open, for nothing: with
# GSK_RENDERER=cairo nothing is drawn with GL). Read from the process's
# memory map while its window is up, on the suite's Xvfb.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

binary = os.environ["ENTENTE_BINARY"]
source_root = os.environ["ENTENTE_SOURCE_ROOT"]
dataset = os.path.join(source_root, "data", "datasets", "northeast-asia-2025.entente.json")
# Mesa's drivers (swrast_dri.so, radeonsi_dri.so, libgallium-*.so) and the
# LLVM they compile shaders with.
GL_DRIVER = re.compile(r"(_dri\.so|libgallium|libLLVM)")
tests = []


def report(ok, name, detail=""):
    tests.append((ok, name, detail))


def painted_frames(log):
    """Frames of the map with actors in them, from the canvas's frame log."""
    try:
        with open(log) as f:
            return [line for line in f
                    if len(line.split()) == 5 and int(line.split()[3]) > 0]
    except FileNotFoundError:
        return []


def start(tmp, name, extra):
    log = os.path.join(tmp, name + ".frames")
    env = dict(os.environ, ENTENTE_FRAME_LOG=log, GSK_RENDERER="cairo",
               XDG_DATA_HOME=os.path.join(tmp, name, "data"),
               XDG_CONFIG_HOME=os.path.join(tmp, name, "config"),
               XDG_CACHE_HOME=os.path.join(tmp, name, "cache"))
    env.pop("GDK_DEBUG", None)
    env.pop("GDK_DISABLE", None)
    env.update(extra)
    stderr = open(os.path.join(tmp, name + ".stderr"), "w+")
    app = subprocess.Popen([binary, dataset], env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    return app, log, stderr


def check(tmp, name, extra, what):
    app, log, stderr = start(tmp, name, extra)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not painted_frames(log) and app.poll() is None:
            time.sleep(0.05)
        frames = painted_frames(log)
        report(bool(frames), f"{what}: the map of the bundled dataset is painted",
               "" if frames else f"the app {'exited' if app.poll() is not None else 'painted nothing'}")
        if not frames:
            return
        actors = int(frames[0].split()[3])
        report(actors >= 7, f"{what}: the first painted frame holds the dataset's actors",
               f"{actors} actors")
        with open(f"/proc/{app.pid}/maps") as f:
            drivers = sorted({line.split()[-1] for line in f if GL_DRIVER.search(line)})
        report(not drivers, f"{what}: no OpenGL driver is loaded", ", ".join(drivers))
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        stderr.seek(0)
        criticals = [line.strip() for line in stderr if "CRITICAL" in line or "ERROR" in line]
        report(not criticals, f"{what}: nothing critical on standard error", "; ".join(criticals))
        stderr.close()


def main():
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP start-up needs a display (the suite runs it under Xvfb)")
        return 0
    tmp = tempfile.mkdtemp(prefix="entente-startup-")
    try:
        check(tmp, "plain", {}, "GSK_RENDERER=cairo")
        # Flags the user set stay, and GL is still left alone.
        check(tmp, "flags", {"GDK_DEBUG": "nograbs"}, "GSK_RENDERER=cairo with GDK_DEBUG=nograbs")
    except Exception as error:  # a crash or a time-out fails the test
        report(False, "the start-up test ran to the end", repr(error))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(tests)}")
    for number, (ok, name, detail) in enumerate(tests, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
        if detail:
            print(f"# {detail}")
    return 0 if all(ok for ok, _, _ in tests) else 1


sys.exit(main())
