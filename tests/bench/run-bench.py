#!/usr/bin/env python3
# run-bench.py: Entente's benchmarks beside its peers, on the same graphs,
# the same machine and in the same run; writes docs/performance.json and the
# generated part of docs/PERFORMANCE.md. Started by ./dev bench.
#
#   run-bench.py SOURCE_ROOT BUILD_DIR [--quick]
#
# Every measurement is its own process pinned to core 0 (taskset -c 0), so
# its peak RSS is its own. Times are CPU time (user + system) unless a
# field says wall: the machine may be shared, and CPU time does not count
# the time other processes hold the core.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PIN = ['taskset', '-c', '0']
# The threaded layout measurement: every core this process may use.
ALL_CORES = ['taskset', '-c', ','.join(str(c) for c in sorted(os.sched_getaffinity(0)))]
# The bundled dataset, as the results name it.
BUNDLED = 'northeast-asia (bundled)'
BEGIN = '<!-- BEGIN GENERATED: ./dev bench writes this part -->'
END = '<!-- END GENERATED -->'


def log(msg):
    print(f'  {msg}', flush=True)


class Runner:
    def __init__(self, root, build, quick):
        self.root = os.path.abspath(root)
        self.build = os.path.abspath(build)
        self.quick = quick
        self.bench = os.path.join(self.build, 'tests', 'bench', 'ent-bench')
        self.tmp = tempfile.mkdtemp(prefix='ent-bench-')
        self.results = []
        self.notes = []

    def rel(self, path):
        """A path as the report shows it."""
        for base, name in ((self.tmp, '$TMP'), (self.build, '$BUILD'), (self.root, '.')):
            if path.startswith(base + '/'):
                return name + path[len(base):]
        return path

    def run(self, argv, env=None, timeout=1800, pin=PIN):
        """Runs @argv pinned, returns (last JSON line or None, rusage, wall s)."""
        full = pin + argv
        t0 = time.monotonic()
        proc = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, text=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            log(f'timed out after {timeout} s: {" ".join(full)}')
            return None, None, time.monotonic() - t0, full
        wall = time.monotonic() - t0
        # communicate() has reaped the child; its rusage is gone, so
        # the programs report their own peak RSS and CPU time.
        if proc.returncode != 0:
            log(f'exit {proc.returncode}: {" ".join(full)}: {err.strip()[-300:]}')
            return None, proc.returncode, wall, full
        last = None
        for line in out.splitlines():
            line = line.strip()
            if line.startswith('{'):
                last = json.loads(line)
        return last, 0, wall, full

    def record(self, tool, graph, data, argv):
        if data is None:
            return None
        data = dict(data)
        data['tool'] = tool
        data['graph'] = graph
        data['command'] = ' '.join(self.rel(a) for a in argv)
        self.results.append(data)
        return data

    def ours(self, graph, *args, env=None, pin=PIN):
        data, _, _, argv = self.run([self.bench] + list(args), env=env, pin=pin)
        return self.record('entente', graph, data, argv)


def timed_cpu_process(argv):
    """Runs @argv; returns (rc, cpu ms, wall ms, max RSS KiB) from wait4."""
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.monotonic() - t0) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors='replace') if proc.stderr else ''
    if proc.returncode != 0:
        log(f'exit {proc.returncode}: {" ".join(argv)}: {err.strip()[-300:]}')
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return proc.returncode, cpu, wall, usage.ru_maxrss


def write_gv(edges_path, gv_path):
    with open(edges_path) as f:
        n, m = map(int, f.readline().split())
        with open(gv_path, 'w') as out:
            out.write('graph G {\n')
            for i in range(n):
                out.write(f'{i};\n')
            for line in f:
                a, b = line.split()
                out.write(f'{a} -- {b};\n')
            out.write('}\n')


def graph_tool_status():
    """Whether graph-tool can be imported by the system Python, and why not."""
    py = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else shutil.which('python3')
    try:
        r = subprocess.run([py, '-W', 'ignore', '-c',
                            'import graph_tool, graph_tool.draw; print(graph_tool.__version__)'],
                           capture_output=True, text=True, timeout=60)
        if r.returncode == 0:
            return py, r.stdout.strip(), None
    except (OSError, subprocess.TimeoutExpired):
        pass
    candidate = ''
    try:
        r = subprocess.run(['apt-cache', 'policy', 'python3-graph-tool'],
                           capture_output=True, text=True, timeout=60)
        candidate = r.stdout.strip()
    except OSError:
        pass
    reason = ('not available: python3-graph-tool is not in this machine\'s package archive'
              if 'Candidate' not in candidate or '(none)' in candidate
              else 'not available: python3-graph-tool (with python3-matplotlib, which its '
                   'layouts import) is in the archive but not installed')
    return py, None, reason


# graph-tool's sfdp_layout, single-level (multilevel=False), for exactly
# @iters iterations: epsilon=0 never counts as converged. With the
# Barnes-Hut opening angle ours and d3's use (theta 0.9; the target is
# measured against this, its faster setting), and again with its own
# default (0.6); otherwise its defaults, from the random positions it
# starts from; one OpenMP thread (OMP_NUM_THREADS=1, and pinned like every
# peer). The draw module without graph_tool.all, which would import
# pycairo for drawing.
GT_SCRIPT = r'''
import sys, time, resource, warnings
warnings.simplefilter('ignore')
from graph_tool import Graph
from graph_tool.draw import sfdp_layout
import graph_tool
path, iters = sys.argv[1], int(sys.argv[2])
with open(path) as f:
    n, m = map(int, f.readline().split())
    edges = [tuple(map(int, l.split())) for l in f]
g = Graph(directed=False)
g.add_vertex(n)
g.add_edge_list(edges)
graph_tool.openmp_set_num_threads(1)
ms = {}
for theta in (0.9, 0.6):
    t = time.process_time()
    sfdp_layout(g, multilevel=False, epsilon=0, max_iter=iters, theta=theta)
    ms[theta] = (time.process_time() - t) * 1000 / iters
print('{"bench": "graph-tool-sfdp", "version": "%s", "nodes": %d, "edges": %d, "iterations": %d, '
      '"multilevel": false, "theta": 0.9, "iteration_ms": %g, "iteration_ms_theta_0_6": %g, '
      '"max_rss_kb": %d}'
      % (graph_tool.__version__.split()[0], n, m, iters, ms[0.9], ms[0.6],
         resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
'''


def first_window(r, runs):
    """Time from launching the app under Xvfb to its window being mapped."""
    xvfb = shutil.which('Xvfb')
    xdotool = shutil.which('xdotool')
    if not xvfb or not xdotool:
        r.notes.append('first window: Xvfb or xdotool missing, not measured')
        return None
    display = None
    for d in range(90, 140):
        if not os.path.exists(f'/tmp/.X11-unix/X{d}') and not os.path.exists(f'/tmp/.X{d}-lock'):
            display = f':{d}'
            break
    server = subprocess.Popen([xvfb, display, '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        env = dict(os.environ, DISPLAY=display, GSETTINGS_BACKEND='memory',
                   GSETTINGS_SCHEMA_DIR=os.path.join(r.build, 'data'), NO_AT_BRIDGE='1')
        env.pop('WAYLAND_DISPLAY', None)
        for _ in range(50):
            if subprocess.run([xdotool, 'getmouselocation'], env=env,
                              capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        app = os.path.join(r.build, 'app', 'entente')
        for _ in range(runs):
            t0 = time.monotonic()
            proc = subprocess.Popen(PIN + [app], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            found = None
            while time.monotonic() - t0 < 20:
                q = subprocess.run([xdotool, 'search', '--onlyvisible', '--pid', str(proc.pid)],
                                   env=env, capture_output=True, text=True)
                if q.stdout.strip():
                    found = (time.monotonic() - t0) * 1000
                    break
                time.sleep(0.002)
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if found is not None:
                times.append(found)
    finally:
        server.terminate()
        server.wait()
    if not times:
        r.notes.append('first window: the window never appeared')
        return None
    data = {
        'bench': 'first-window', 'nodes': None, 'runs': len(times),
        'window_median_wall_ms': statistics.median(times),
        'window_max_wall_ms': max(times),
        'measures': 'wall time from spawning the app (bundled Northeast Asia dataset) '
                    'until xdotool finds its visible window, polled every ~5 ms',
    }
    cmd = [f'Xvfb {display} -screen 0 1920x1080x24', '&&', 'taskset -c 0', r.rel(app),
           '&', f'xdotool search --onlyvisible --pid PID (polled)']
    return r.record('entente', BUNDLED, data, cmd)


def live_window(r, quick):
    """The real window, from its frame log: first frame, a 10k map settling,
    panning and zooming 100k (tests/bench/window_bench.py)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import window_bench

    if not shutil.which('Xvfb') or not shutil.which('xdotool'):
        r.notes.append('window: Xvfb or xdotool missing, not measured')
        return
    app = os.path.join(r.build, 'app', 'entente')
    dataset = os.path.join(r.root, 'data', 'datasets', 'northeast-asia-2025.entente.json')
    data = window_bench.first_frame(r.build, dataset, 3 if quick else 7)
    if data:
        r.record('entente', BUNDLED, data,
                 [r.rel(app), r.rel(dataset), '(ENTENTE_FRAME_LOG, Xvfb)'])
    for n, what in ((10000, 'settle'), (100000, 'pan-zoom')):
        if quick and n > 10000:
            continue
        edges = os.path.join(r.tmp, f'ba-{n}.edges')
        doc = os.path.join(r.tmp, f'ba-{n}.entente.json')
        if not os.path.exists(edges):
            continue
        subprocess.run([r.bench, 'gen-world', edges, doc], check=True)
        log(f'window: ba-{n} {what}')
        data = None
        # A second try if the first fails, and the failure is noted either way.
        for attempt in (1, 2):
            try:
                if what == 'settle':
                    data = window_bench.settle(r.build, doc, n)
                else:
                    data = window_bench.pan_zoom(r.build, doc, n)
                break
            except RuntimeError as e:
                r.notes.append(f'window {what} at {n} actors, try {attempt}: {e}')
        if data is None:
            continue
        r.record('entente', f'ba-{n}', data,
                 [r.rel(app), f'ba-{n}.entente.json', '(ENTENTE_FRAME_LOG, Xvfb 1920x1080, xdotool)'])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    quick = '--quick' in sys.argv
    if len(args) != 2:
        print(__doc__ or 'usage: run-bench.py SOURCE_ROOT BUILD_DIR [--quick]', file=sys.stderr)
        return 2
    r = Runner(args[0], args[1], quick)
    started = time.monotonic()
    load_before = os.getloadavg()
    stat_before = cpu_times()
    realdata = os.environ.get('ENTENTE_REALDATA',
                              os.path.join(r.root, '..', 'shared', 'realdata'))
    d3 = os.path.join(r.root, 'tests', 'bench', 'd3-bench.mjs')

    # ---- Inputs ----
    sizes = [300, 1000, 10000] if quick else [300, 1000, 10000, 100000]
    graphs = []   # (name, edges path, n)
    for n in sizes:
        path = os.path.join(r.tmp, f'ba-{n}.edges')
        subprocess.run([r.bench, 'gen-ba', str(n), '42', path], check=True)
        graphs.append((f'ba-{n}', path, n))
    net = os.path.join(realdata, 'networkx_networkx', 'examples', 'external', 'netscience.gml')
    if os.path.exists(net):
        path = os.path.join(r.tmp, 'netscience.edges')
        subprocess.run([r.bench, 'gen-gml', net, path], check=True)
        graphs.append(('netscience', path, int(open(path).readline().split()[0])))
    else:
        r.notes.append(f'netscience.gml: {net} is absent, skipped')
    yeast = os.path.join(realdata, 'graphology_graphology', 'src', 'gexf', 'test', 'resources',
                         'yeast.gexf')
    if os.path.exists(yeast):
        path = os.path.join(r.tmp, 'yeast.edges')
        p = subprocess.run([r.bench, 'gen-file', yeast, path], capture_output=True, text=True)
        if p.returncode == 0:
            graphs.append(('yeast', path, int(open(path).readline().split()[0])))
        else:
            r.notes.append('yeast.gexf: skipped, no GEXF importer in this build ('
                           + p.stderr.strip() + ')')
    else:
        r.notes.append(f'yeast.gexf: {yeast} is absent, skipped')
    r.graphs = [(name, n, int(open(p).readline().split()[1])) for name, p, n in graphs]

    gt_python, gt_version, gt_reason = graph_tool_status()
    if gt_reason:
        r.notes.append('graph-tool: ' + gt_reason)

    # How fast the core runs, at the start, before the 300-actor frames and
    # at the end: a shared virtual machine's speed changes by the minute.
    r.record('machine', 'start', r.run([r.bench, 'clock'])[0], [r.bench, 'clock'])

    # ---- Per graph ----
    for name, path, n in graphs:
        log(f'{name}: {n} nodes')
        xy = os.path.join(r.tmp, f'{name}.xy')
        r.ours(name, 'layout', path, xy)
        if n >= 10000:
            # The same ticks on every core, with the layout's default thread
            # count (ENTENTE_LAYOUT_THREADS unset), as the app runs; timed by
            # the wall clock, since CPU time adds up every thread's.
            env = {k: v for k, v in os.environ.items() if k != 'ENTENTE_LAYOUT_THREADS'}
            data = r.ours(name, 'layout', path, env=env, pin=ALL_CORES)
            if data:
                data['bench'] = 'layout-threaded'
        if n <= 10000:
            r.ours(name, 'meeting', path)
        if n <= 300:
            # Three runs: the target takes the middle one's 95th percentile.
            r.record('machine', 'before the 300-actor frames', r.run([r.bench, 'clock'])[0],
                     [r.bench, 'clock'])
            frame_runs(r, name, 'frame', path)
        frames = 30 if n <= 1000 else (10 if n <= 10000 else 3)
        r.ours(name, 'paint', path, xy, str(frames))
        if n <= 300 and not quick:
            for mode in ('solid', 'none'):
                r.ours(name, 'paint', path, xy, str(frames),
                       env=dict(os.environ, ENT_BENCH_TIES=mode))
        if n >= 10000:
            # As the canvas paints a map that is still settling: on one core,
            # and with the tie bands shared between a thread per core.
            r.ours(name, 'paint', path, xy, str(frames), env=dict(os.environ, ENT_BENCH_MOVING='1'))
            env = dict(os.environ, ENTENTE_PAINT_THREADS=str(len(os.sched_getaffinity(0))),
                       ENT_BENCH_MOVING='1')
            data = r.ours(name, 'paint', path, xy, str(frames), env=env, pin=ALL_CORES)
            if data:
                data['bench'] = 'paint-threaded'
        r.ours(name, 'export', path, xy, os.path.join(r.tmp, f'{name}.svg'))

        # d3-force: every tick to settling up to 2.5k nodes, a sample beyond.
        ticks = 300 if n <= 2500 else (60 if n <= 10000 else 10)
        data, _, _, argv = r.run(['node', d3, path, str(ticks)])
        r.record('d3-force', name, data, argv)

        # Graphviz sfdp, force layout only (overlap removal off).
        gv = os.path.join(r.tmp, f'{name}.gv')
        write_gv(path, gv)
        argv = PIN + ['sfdp', '-Goverlap=true', '-Tplain', '-o', '/dev/null', gv]
        rc, cpu, wall, rss = timed_cpu_process(argv)
        if rc == 0:
            r.record('graphviz-sfdp', name, {
                'bench': 'sfdp', 'nodes': n, 'converge_ms': cpu, 'converge_wall_ms': wall,
                'max_rss_kb': rss, 'measures': 'whole process: parse, layout, write',
            }, argv)

        # igraph's Fruchterman-Reingold (grid), 500 iterations. Not at 100k:
        # there the app's own 50-iteration cold start already takes minutes.
        if n <= 10000:
            data, _, _, argv = r.run([r.bench, 'fr', path])
            r.record('igraph-fr-grid', name, data, argv)
        elif 'igraph FR' not in ' '.join(r.notes):
            r.notes.append('igraph FR (grid, 500 iterations) is not run above 10k nodes: '
                           'the 50 iterations of the layout\'s own igraph cold start '
                           '(igraph start in the table) show its cost there')

        if gt_version and n >= 1000:
            iters = 50 if n <= 10000 else 10
            data, _, _, argv = r.run([gt_python, '-c', GT_SCRIPT, path, str(iters)],
                                     env=dict(os.environ, OMP_NUM_THREADS='1'))
            r.record('graph-tool-sfdp', name, data, argv)

    # ---- The bundled dataset's map: hulls, meetings, an organisation ----
    bundled = os.path.join(r.root, 'data', 'datasets', 'northeast-asia-2025.entente.json')
    log('northeast-asia (bundled): frames')
    frame_runs(r, BUNDLED, 'frame-file', bundled)

    # ---- Loading a 50k-edge GraphML ----
    graphml = os.path.join(r.tmp, 'ba-50k-edges.graphml')
    subprocess.run([r.bench, 'write-graphml', '50000', '7', graphml], check=True,
                   stdout=subprocess.DEVNULL)
    r.ours('graphml-50k-edges', 'load', graphml)

    # ---- The app ----
    first_window(r, 3 if quick else 7)
    live_window(r, quick)
    r.record('machine', 'end', r.run([r.bench, 'clock'])[0], [r.bench, 'clock'])

    report = {
        'generated_by': './dev bench (tests/bench/run-bench.py)',
        'date': time.strftime('%Y-%m-%d %H:%M:%S %z'),
        'machine': {
            'cpu': cpu_model(), 'cores': os.cpu_count(), 'kernel': platform.release(),
            'load_average_before': load_before, 'load_average_after': os.getloadavg(),
            'steal_percent': steal_percent(stat_before, cpu_times()),
            'pinned': 'taskset -c 0 (every measurement, ours and the peers\'), except the '
                      'threaded layout runs (layout-threaded) and the threaded paints '
                      '(frame-threaded, paint-threaded): ' + ' '.join(ALL_CORES),
        },
        'versions': versions(gt_version),
        'time_basis': 'CPU time (user + system) of the measured process unless a key says '
                      'wall; the machine may be shared with other work',
        'graphs': [{'name': g, 'nodes': n, 'edges': m} for g, n, m in r.graphs],
        'notes': r.notes,
        'results': r.results,
        'targets': targets(r.results, gt_version is not None),
        'ratios': ratios(r.results),
        'run_seconds': round(time.monotonic() - started, 1),
    }
    out_json = os.path.join(r.root, 'docs', 'performance.json')
    with open(out_json, 'w') as f:
        json.dump(report, f, indent=1, sort_keys=False)
        f.write('\n')
    table = markdown(report)
    print()
    print(table)
    update_markdown(os.path.join(r.root, 'docs', 'PERFORMANCE.md'), table)
    shutil.rmtree(r.tmp, ignore_errors=True)
    return 0


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def versions(gt_version):
    def out(argv):
        try:
            p = subprocess.run(argv, capture_output=True, text=True, timeout=30)
            return (p.stdout + p.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return None
    d3v = None
    try:
        with open(os.path.join(os.path.dirname(__file__), 'node_modules', 'd3-force',
                               'package.json')) as f:
            d3v = json.load(f)['version']
    except OSError:
        pass
    return {
        'node': out(['node', '--version']),
        'd3-force': d3v,
        'graphviz': out(['sfdp', '-V']),
        'igraph': out(['pkg-config', '--modversion', 'igraph']),
        'cairo': out(['pkg-config', '--modversion', 'cairo']),
        'graph-tool': gt_version,
    }


def find(results, tool, graph, bench=None):
    for d in results:
        if d['tool'] == tool and d['graph'] == graph and (bench is None or d['bench'] == bench) \
                and d.get('ties', 'mixed') == 'mixed' and d.get('map', 'still') == 'still':
            return d
    return None


def frame_runs(r, graph, command, path):
    """The frame benchmark @command on @path three times on one core, then
    three times as the app paints by default: a paint thread per core
    (which share only big flushes), timed by the wall clock, which on a
    shared machine has its hiccups. The targets take the middle run of
    each three (middle_frame)."""
    for _ in range(3):
        r.ours(graph, command, path)
    env = dict(os.environ, ENTENTE_PAINT_THREADS=str(len(os.sched_getaffinity(0))))
    for _ in range(3):
        data = r.ours(graph, command, path, env=env, pin=ALL_CORES)
        if data:
            data['bench'] = 'frame-threaded'


def middle_frame(results, graph='ba-300', bench='frame'):
    """Of the @bench runs on @graph, the one with the middle 95th percentile."""
    runs = sorted((d for d in results if d['tool'] == 'entente' and d['graph'] == graph
                   and d['bench'] == bench), key=lambda d: d['frame_p95_ms'])
    return runs[len(runs) // 2] if runs else None


def ratios(results):
    """Entente / peer, per graph: below 1 means Entente takes less time."""
    out = []
    graphs = sorted({d['graph'] for d in results}, key=lambda g: [d['graph'] for d in results].index(g))
    for g in graphs:
        ours = find(results, 'entente', g, 'layout')
        if not ours:
            continue
        row = {'graph': g, 'nodes': ours['nodes'], 'edges': ours['edges']}
        d3 = find(results, 'd3-force', g)
        threaded = find(results, 'entente', g, 'layout-threaded')
        if d3:
            row['tick_vs_d3'] = ours['tick_median_ms'] / d3['tick_median_ms']
            if threaded:
                row['threads'] = threaded['threads']
                row['tick_threaded_wall_vs_d3'] = (threaded['tick_median_wall_ms']
                                                   / d3['tick_median_ms'])
            if d3.get('cold_settled_ms'):
                row['cold_settled_vs_d3'] = ours['cold_settled_ms'] / d3['cold_settled_ms']
        sf = find(results, 'graphviz-sfdp', g)
        if sf:
            row['cold_settled_vs_sfdp'] = ours['cold_settled_ms'] / sf['converge_ms']
        fr = find(results, 'igraph-fr-grid', g)
        if fr:
            row['cold_settled_vs_igraph_fr'] = ours['cold_settled_ms'] / fr['converge_ms']
        gt = find(results, 'graph-tool-sfdp', g)
        if gt:
            row['tick_vs_graph_tool_sfdp_iteration'] = ours['tick_median_ms'] / gt['iteration_ms']
        out.append(row)
    return out


def target(name, value, limit, met, unit='', note=None):
    d = {'target': name, 'value': value, 'limit': limit, 'unit': unit,
         'met': met if value is not None else None}
    if note:
        d['note'] = note
    return d


def targets(results, have_gt):
    t = []
    frame = middle_frame(results)
    t.append(target('<=300 actors: frame (3 ticks + paint with labels) p95 < 8 ms, '
                    'the middle of three runs',
                    frame and frame['frame_p95_ms'], 8, frame and frame['frame_p95_ms'] < 8, 'ms'))
    ft = middle_frame(results, 'ba-300', 'frame-threaded')
    t.append(target(f"<=300 actors: frame p95 < 8 ms, as the app paints: "
                    f"{ft['paint_threads'] if ft else '–'} paint threads, all cores, wall clock, "
                    f"the middle of three runs",
                    ft and ft['frame_p95_ms'], 8, ft and ft['frame_p95_ms'] < 8, 'ms'))
    bf = middle_frame(results, BUNDLED)
    t.append(target('the bundled map: frame (3 ticks + paint with labels) p95 < 8 ms, '
                    'the middle of three runs',
                    bf and bf['frame_p95_ms'], 8, bf and bf['frame_p95_ms'] < 8, 'ms'))
    bt = middle_frame(results, BUNDLED, 'frame-threaded')
    t.append(target(f"the bundled map: frame p95 < 8 ms, as the app paints: "
                    f"{bt['paint_threads'] if bt else '–'} paint threads, all cores, wall clock, "
                    f"the middle of three runs",
                    bt and bt['frame_p95_ms'], 8, bt and bt['frame_p95_ms'] < 8, 'ms'))
    meet = find(results, 'entente', 'ba-300', 'meeting')
    t.append(target('<=300 actors: cold start settled < 0.3 s',
                    meet and meet['cold_settled_ms'], 300,
                    meet and meet['cold_settled_ms'] < 300, 'ms'))
    t.append(target('<=300 actors: settled after a meeting < 0.5 s',
                    meet and meet['meeting_settled_ms'], 500,
                    meet and meet['meeting_settled_ms'] < 500, 'ms'))
    t.append(target('<=300 actors: other actors\' median move after a meeting < 2 px',
                    meet and meet['median_move_px'], 2, meet and meet['median_move_px'] < 2, 'px'))
    ff = find(results, 'entente', BUNDLED, 'first-frame')
    t.append(target('first painted frame < 300 ms (wall, spawn to the end of the first frame)',
                    ff and ff['first_frame_median_wall_ms'], 300,
                    ff and ff['first_frame_median_wall_ms'] < 300, 'ms'))
    ours10 = find(results, 'entente', 'ba-10000', 'layout')
    d3_10 = find(results, 'd3-force', 'ba-10000')
    ratio = ours10 and d3_10 and d3_10['tick_median_ms'] / ours10['tick_median_ms']
    t.append(target('10k actors: layout tick >= 10x faster than d3-force\'s',
                    ratio, 10, ratio and ratio >= 10, 'x faster'))
    th10 = find(results, 'entente', 'ba-10000', 'layout-threaded')
    ratio = th10 and d3_10 and d3_10['tick_median_ms'] / th10['tick_median_wall_ms']
    t.append(target(f"10k actors: layout tick >= 10x faster than d3-force's, "
                    f"{th10['threads'] if th10 else '–'} layout threads (wall) vs d3 on one core",
                    ratio, 10, ratio and ratio >= 10, 'x faster'))
    gt = find(results, 'graph-tool-sfdp', 'ba-10000')
    if have_gt and gt and ours10:
        t.append(target('10k actors: tick no slower than graph-tool\'s single-level sfdp iteration '
                        '(theta 0.9, one core each)',
                        ours10['tick_median_ms'] / gt['iteration_ms'], 1,
                        ours10['tick_median_ms'] <= gt['iteration_ms'], 'x'))
    else:
        t.append(target('10k actors: tick no slower than graph-tool sfdp iteration',
                        None, 1, None, 'x', 'not measured: graph-tool not available'))
    st = find(results, 'entente', 'ba-10000', 'window-settle')
    t.append(target('10k actors: the window keeps >= 30 fps while the map settles',
                    st and st['fps'], 30, st and st['fps'] >= 30, 'fps'))
    pz = find(results, 'entente', 'ba-100000', 'window-pan-zoom')
    t.append(target('100k actors: pan and zoom at >= 30 fps',
                    pz and pz['pan_zoom_fps'], 30, pz and pz['pan_zoom_fps'] >= 30, 'fps'))
    ours100 = find(results, 'entente', 'ba-100000', 'layout')
    t.append(target('100k actors: >= 10 ticks/s', ours100 and ours100['ticks_per_s'], 10,
                    ours100 and ours100['ticks_per_s'] >= 10, 'ticks/s'))
    th100 = find(results, 'entente', 'ba-100000', 'layout-threaded')
    t.append(target(f"100k actors: >= 10 ticks/s, {th100['threads'] if th100 else '–'} "
                    f"layout threads (wall)",
                    th100 and th100['ticks_per_s_wall'], 10,
                    th100 and th100['ticks_per_s_wall'] >= 10, 'ticks/s'))
    sf100 = find(results, 'graphviz-sfdp', 'ba-100000')
    ratio = ours100 and sf100 and ours100['cold_settled_ms'] / sf100['converge_ms']
    t.append(target('100k actors: cold start settled no slower than 2x sfdp', ratio, 2,
                    ratio and ratio <= 2, 'x sfdp'))
    rss = [d['max_rss_kb'] for d in results
           if d['tool'] == 'entente' and d['graph'] == 'ba-100000' and d.get('max_rss_kb')
           and d['bench'] in ('layout', 'paint')]
    t.append(target('100k actors: peak RSS < 300 MB, live map (world + layout + painter runs)',
                    rss and max(rss) / 1024, 300, rss and max(rss) / 1024 < 300, 'MiB'))
    app100 = find(results, 'entente', 'ba-100000', 'window-pan-zoom')
    t.append(target('100k actors: peak RSS < 300 MB, the app with the map open, panned and zoomed',
                    app100 and app100.get('max_rss_kb') and app100['max_rss_kb'] / 1024, 300,
                    app100 and app100.get('max_rss_kb') and app100['max_rss_kb'] / 1024 < 300, 'MiB'))
    ex = find(results, 'entente', 'ba-100000', 'export')
    t.append(target('100k actors: peak RSS < 300 MB, SVG export of the whole map',
                    ex and ex['max_rss_kb'] / 1024, 300, ex and ex['max_rss_kb'] / 1024 < 300, 'MiB'))
    for d in t:
        if d['met'] is not None:
            d['met'] = bool(d['met'])
    return t


def fmt(v, digits=3):
    if v is None:
        return '–'
    if isinstance(v, bool):
        return 'yes' if v else 'no'
    if isinstance(v, (int, float)):
        if v == 0:
            return '0'
        if abs(v) >= 100:
            return f'{v:,.0f}'
        return f'{v:.{digits}g}'
    return str(v)


def cpu_times():
    """The machine's CPU time counters (/proc/stat's first line), or None."""
    try:
        with open('/proc/stat') as f:
            return [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None


def steal_percent(before, after):
    """The share of time a virtual machine's host gave to others (steal)."""
    if not before or not after or len(before) < 8 or len(after) < 8:
        return None
    total = sum(after[:8]) - sum(before[:8])
    return 100.0 * (after[7] - before[7]) / total if total > 0 else None


def markdown(rep):
    res = rep['results']
    lines = []
    m = rep['machine']
    lines.append(f"Run of {rep['date']} on {m['cpu']} ({m['cores']} cores), every process "
                 f"pinned with `taskset -c 0` but the threaded layout and paint runs (all cores); load average {m['load_average_before'][0]:.1f} "
                 f"before, {m['load_average_after'][0]:.1f} after; "
                 + (f"the host took {m['steal_percent']:.0f} % of the CPU time (steal); "
                    if m.get('steal_percent') is not None else '')
                 + f"{rep['run_seconds']:.0f} s. "
                 f"Times are CPU time of the measured process unless marked wall. "
                 f"Full data and exact commands: `docs/performance.json`.")
    lines.append('')
    lines.append('### Targets')
    lines.append('')
    lines.append('| target | value | limit | met |')
    lines.append('|---|---|---|---|')
    for t in rep['targets']:
        met = {True: '**met**', False: '**not met**', None: 'not measured'}[t['met']]
        note = f" ({t['note']})" if t.get('note') else ''
        lines.append(f"| {t['target']} | {fmt(t['value'])} {t['unit']} | {fmt(t['limit'])} | {met}{note} |")
    lines.append('')
    lines.append('### Layout beside the peers')
    lines.append('')
    lines.append('| graph | nodes | ties | Entente tick (median) | d3-force tick | tick ratio Entente/d3 '
                 '| Entente tick, all cores (wall) | ratio all cores/d3 '
                 '| Entente cold start settled | d3 settled | sfdp | igraph FR grid (500 it.) '
                 '| ratio Entente/sfdp | Entente ticks/s | ticks/s, all cores (wall) '
                 '| graph-tool sfdp iteration, single-level (theta 0.9 / its default 0.6) '
                 '| tick ratio Entente/graph-tool (theta 0.9) |')
    lines.append('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for row in rep['ratios']:
        g = row['graph']
        o = find(res, 'entente', g, 'layout')
        d3 = find(res, 'd3-force', g)
        sf = find(res, 'graphviz-sfdp', g)
        fr = find(res, 'igraph-fr-grid', g)
        th = find(res, 'entente', g, 'layout-threaded')
        gt = find(res, 'graph-tool-sfdp', g)
        lines.append('| ' + ' | '.join([
            g, fmt(row['nodes']), fmt(row['edges']),
            f"{fmt(o['tick_median_ms'])} ms",
            f"{fmt(d3['tick_median_ms'])} ms" if d3 else '–',
            fmt(row.get('tick_vs_d3')),
            f"{fmt(th['tick_median_wall_ms'])} ms ({th['threads']} threads)" if th else '–',
            fmt(row.get('tick_threaded_wall_vs_d3')),
            f"{fmt(o['cold_settled_ms'])} ms" + (f" (igraph start {fmt(o['igraph_seed_ms'])})"
                                                  if o.get('igraph_seed_ms') else ''),
            f"{fmt(d3['cold_settled_ms'])} ms" if d3 and d3.get('cold_settled_ms') else '–',
            f"{fmt(sf['converge_ms'])} ms" if sf else '–',
            f"{fmt(fr['converge_ms'])} ms" if fr else '–',
            fmt(row.get('cold_settled_vs_sfdp')),
            fmt(o['ticks_per_s']),
            fmt(th['ticks_per_s_wall']) if th else '–',
            f"{fmt(gt['iteration_ms'])} / {fmt(gt['iteration_ms_theta_0_6'])} ms" if gt else '–',
            fmt(row.get('tick_vs_graph_tool_sfdp_iteration')),
        ]) + ' |')
    lines.append('')
    lines.append('### Editing, drawing, exporting, loading')
    lines.append('')
    lines.append('| graph | after a meeting: settled | ticks | others\' median move '
                 '| same, drift and rotation removed | after a reheat alone '
                 '| paint 1920x1080 median / p95 | SVG export | peak RSS (largest run) |')
    lines.append('|---|---|---|---|---|---|---|---|---|')
    for row in rep['ratios']:
        g = row['graph']
        mt = find(res, 'entente', g, 'meeting')
        pa = find(res, 'entente', g, 'paint')
        ex = find(res, 'entente', g, 'export')
        rss = max([d['max_rss_kb'] for d in res if d['tool'] == 'entente' and d['graph'] == g
                   and d.get('max_rss_kb')] or [0])
        lines.append('| ' + ' | '.join([
            g,
            f"{fmt(mt['meeting_settled_ms'])} ms" if mt else '–',
            fmt(mt['meeting_ticks']) if mt else '–',
            f"{fmt(mt['median_move_units'])} units = {fmt(mt['median_move_px'])} px" if mt else '–',
            f"{fmt(mt['median_move_aligned_px'])} px" if mt else '–',
            f"{fmt(mt['median_move_reheat_only_px'])} px" if mt else '–',
            f"{fmt(pa['frame_median_ms'])} / {fmt(pa['frame_p95_ms'])} ms" if pa else '–',
            f"{fmt(ex['svg_ms'])} ms" if ex else '–',
            f"{rss / 1024:.0f} MiB",
        ]) + ' |')
    lines.append('')
    fr = middle_frame(res)
    if fr:
        runs = [d for d in res if d['tool'] == 'entente' and d['graph'] == 'ba-300' and d['bench'] == 'frame']
        lines.append(f"Frame at 300 actors (3 ticks + paint, cold start to settled, {fmt(fr['frames'])} "
                     f"frames), the middle of {len(runs)} runs: median {fmt(fr['frame_median_ms'])} ms, "
                     f"p95 {fmt(fr['frame_p95_ms'])} ms (ticks p95 {fmt(fr['step_p95_ms'])} ms, paint p95 "
                     f"{fmt(fr['paint_p95_ms'])} ms); the three p95: "
                     + ', '.join(f"{fmt(d['frame_p95_ms'])} ms" for d in runs) + '.')
    bf = middle_frame(res, BUNDLED)
    if bf:
        runs = [d for d in res if d['tool'] == 'entente' and d['graph'] == BUNDLED and d['bench'] == 'frame']
        bt = middle_frame(res, BUNDLED, 'frame-threaded')
        lines.append(f"Frame of the bundled map ({fmt(bf['nodes'])} actors, its three blocs' hulls, meeting "
                     f"badges, the legend; cold start to settled, {fmt(bf['frames'])} frames), the middle of "
                     f"{len(runs)} runs: median {fmt(bf['frame_median_ms'])} ms, p95 {fmt(bf['frame_p95_ms'])} ms "
                     f"(paint p95 {fmt(bf['paint_p95_ms'])} ms)"
                     + (f"; as the app paints, {bt['paint_threads']} paint threads, the middle of three "
                        f"runs: median {fmt(bt['frame_median_ms'])} ms, p95 {fmt(bt['frame_p95_ms'])} ms "
                        "(the three p95: " + ', '.join(
                            f"{fmt(d['frame_p95_ms'])} ms" for d in res if d['tool'] == 'entente'
                            and d['graph'] == BUNDLED and d['bench'] == 'frame-threaded') + ")" if bt else '')
                     + '.')
    clocks = [d for d in res if d['tool'] == 'machine' and d['bench'] == 'clock']
    if clocks:
        lines.append('The core\'s speed meanwhile (`ent-bench clock`: a chain of dependent additions, one a '
                     'cycle): ' + ', '.join(f"{fmt(d['effective_ghz'])} GHz {d['graph']}" for d in clocks)
                     + '.')
    split = [d for d in res if d['tool'] == 'entente' and d['graph'] == 'ba-300' and d['bench'] == 'paint']
    if len(split) > 1:
        lines.append('Paint at 300 actors by tie style: ' + ', '.join(
            f"{d.get('ties', 'mixed')} ties {fmt(d['frame_median_ms'])} ms" for d in split) + '.')
    ft = middle_frame(res, 'ba-300', 'frame-threaded')
    if ft:
        lines.append(f"The same as the app paints, with {ft['paint_threads']} paint threads (which share "
                     f"only flushes of 20,000 rows or more; all cores, wall clock), the middle of three runs: "
                     f"median {fmt(ft['frame_median_ms'])} ms, p95 "
                     f"{fmt(ft['frame_p95_ms'])} ms (paint p95 {fmt(ft['paint_p95_ms'])} ms); the three p95: "
                     + ', '.join(f"{fmt(d['frame_p95_ms'])} ms" for d in res if d['tool'] == 'entente'
                                 and d['graph'] == 'ba-300' and d['bench'] == 'frame-threaded') + '.')
    moving = [d for d in res if d['tool'] == 'entente' and d['bench'] in ('paint', 'paint-threaded')
              and d.get('map') == 'moving']
    if moving:
        lines.append('Paint 1920x1080 of a map in motion (`ent_painter_set_moving`: a hairball sketched '
                     'with fewer ties, a quarter of the labels): ' + ', '.join(
                         f"{d['graph']} {fmt(d['frame_median_ms'])} ms median / {fmt(d['frame_p95_ms'])} ms p95"
                         + (f" ({d['paint_threads']} paint threads, all cores)" if d['bench'] == 'paint-threaded'
                            else ' (one core)')
                         for d in moving) + '.')
    ld = find(res, 'entente', 'graphml-50k-edges', 'load')
    if ld:
        lines.append(f"Loading a GraphML of {fmt(ld['nodes'])} nodes and {fmt(ld['edges'])} edges with "
                     f"`{ld['loader']}`: {fmt(ld['load_ms'])} ms ({fmt(ld['load_wall_ms'])} ms wall), "
                     f"peak RSS {ld['max_rss_kb'] / 1024:.0f} MiB.")
    win = find(res, 'entente', BUNDLED, 'first-window')
    if win:
        lines.append(f"App launch to visible window (Xvfb, bundled dataset, {win['runs']} runs): median "
                     f"{fmt(win['window_median_wall_ms'])} ms wall, max {fmt(win['window_max_wall_ms'])} ms.")
    ff = find(res, 'entente', BUNDLED, 'first-frame')
    if ff:
        lines.append(f"App launch to its first painted frame (Xvfb, bundled dataset, {ff['runs']} runs): "
                     f"median {fmt(ff['first_frame_median_wall_ms'])} ms wall, "
                     f"max {fmt(ff['first_frame_max_wall_ms'])} ms, with GTK's cairo renderer; with its GL "
                     f"renderer on Mesa's software llvmpipe: {fmt(ff.get('first_frame_gl_median_wall_ms'))} ms.")
    st = find(res, 'entente', 'ba-10000', 'window-settle')
    if st:
        lines.append(f"Window, 10k actors settling ({st['window']}): {fmt(st['fps'])} fps over "
                     f"{fmt(st['settle_wall_s'])} s, {fmt(st['frames'])} frames, frame interval median "
                     f"{fmt(st['frame_interval_median_ms'])} ms / p95 {fmt(st['frame_interval_p95_ms'])} ms, "
                     f"paint median {fmt(st['paint_median_ms'])} ms / p95 {fmt(st['paint_p95_ms'])} ms.")
    pz = find(res, 'entente', 'ba-100000', 'window-pan-zoom')
    if pz:
        lines.append(f"Window, 100k actors panned and zoomed ({pz['window']}): {fmt(pz['pan_zoom_fps'])} fps "
                     f"(pan {fmt(pz['pan_fps'])}, wheel zoom {fmt(pz['zoom_fps'])}), frame interval p95 "
                     f"{fmt(pz['frame_interval_p95_ms'])} ms; {pz['frames_reused']} frames moved the last "
                     f"full frame, {pz['frames_full']} painted in full (a full paint: median "
                     f"{fmt(pz['full_paint_median_ms'])} ms); the app's peak RSS "
                     f"{fmt(pz['max_rss_kb'] / 1024 if pz.get('max_rss_kb') else None)} MiB.")
    if rep['notes']:
        lines.append('')
        lines.append('Notes: ' + '; '.join(rep['notes']) + '.')
    v = rep['versions']
    lines.append('')
    lines.append('Versions: ' + ', '.join(f'{k} {val}' for k, val in v.items() if val) + '.')
    return '\n'.join(lines)


def update_markdown(path, table):
    text = ''
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    block = f'{BEGIN}\n\n{table}\n\n{END}'
    if BEGIN in text and END in text:
        head = text[:text.index(BEGIN)]
        tail = text[text.index(END) + len(END):]
        text = head + block + tail
    else:
        text = ('# Performance\n\n## Latest run\n\n' + block + '\n') if not text else \
            text.rstrip('\n') + '\n\n## Latest run\n\n' + block + '\n'
    with open(path, 'w') as f:
        f.write(text)


if __name__ == '__main__':
    sys.exit(main())
