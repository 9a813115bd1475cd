"""The real app under Xvfb, measured through its frame log.

The canvas appends one line per frame to the file named by ENTENTE_FRAME_LOG
("MONOTONIC_USEC full|reuse PAINT_USEC N_ACTORS ANIMATING", and
"MONOTONIC_USEC settled" when a map settles). The clock is CLOCK_MONOTONIC,
the same as Python's time.monotonic(), so the log lines up with what the
benchmark does to the window (xdotool) and with when it spawned the app.

  first_frame  spawn -> first painted frame of the bundled dataset
  settle       a big map's cold start in the window: frames per second
               while the simulation runs on its worker, until it settles
  pan_zoom     a settled or settling big map dragged and wheel-zoomed:
               frames per second while the pointer moves it

Xvfb has no GPU, so GTK's default GL renderer would run on Mesa's llvmpipe
software rasteriser, whose shader compiler and rasteriser then take most of
the process's time (68 % of it at start-up, by perf). The window is
measured with GTK's cairo renderer (GSK_RENDERER=cairo, as the test suite
runs); the first frame is also measured with the GL renderer.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
import time

WIDTH, HEIGHT = 1920, 1080


class Display:
    def __init__(self):
        self.xvfb = shutil.which('Xvfb')
        self.xdotool = shutil.which('xdotool')
        self.server = None
        self.env = None

    def __enter__(self):
        if not self.xvfb or not self.xdotool:
            raise RuntimeError('Xvfb or xdotool missing')
        # Xvfb picks a free display itself and says which when it is ready
        # (-displayfd): a number chosen here from the files in /tmp could be
        # held by a server whose files are gone, which xdotool then reached
        # while the app could not. -noreset: when xdotool's probe below, the
        # last client, leaves, the server would reset, and an app connecting
        # meanwhile was refused ("cannot open display: :0"; 2 of 4 fresh
        # displays here).
        ready, write_end = os.pipe()
        self.server = subprocess.Popen([self.xvfb, '-displayfd', str(write_end), '-screen', '0',
                                        f'{WIDTH}x{HEIGHT}x24', '-nolisten', 'tcp', '-noreset'],
                                       pass_fds=(write_end,),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(ready) as f:
            number = f.readline().strip()
        if not number.isdigit():
            raise RuntimeError('Xvfb did not start')
        display = f':{number}'
        self.display = display
        # No session bus: every run is an app of its own (GApplication
        # falls back to non-unique), never handed to another instance,
        # the user's or a previous run's that has not let go of its name.
        self.env = dict(os.environ, DISPLAY=display, NO_AT_BRIDGE='1', GSETTINGS_BACKEND='memory',
                        DBUS_SESSION_BUS_ADDRESS='unix:path=/nonexistent/entente-window-bench')
        self.env.pop('WAYLAND_DISPLAY', None)
        for _ in range(100):
            if subprocess.run([self.xdotool, 'getmouselocation'], env=self.env,
                              capture_output=True).returncode == 0:
                return self
            time.sleep(0.05)
        raise RuntimeError('Xvfb did not start')

    def __exit__(self, *exc):
        if self.server:
            self.server.terminate()
            self.server.wait()

    def xdo(self, *args):
        return subprocess.run([self.xdotool] + [str(a) for a in args], env=self.env,
                              capture_output=True, text=True)


class App:
    """One run of the app with its own data folders and frame log."""

    def __init__(self, display, build, document, pin=None, renderer='cairo'):
        self.tmp = tempfile.mkdtemp(prefix='entente-window-bench-')
        self.log = os.path.join(self.tmp, 'frames.log')
        env = dict(display.env,
                   ENTENTE_FRAME_LOG=self.log,
                   XDG_DATA_HOME=os.path.join(self.tmp, 'data'),
                   XDG_CONFIG_HOME=os.path.join(self.tmp, 'config'),
                   XDG_CACHE_HOME=os.path.join(self.tmp, 'cache'),
                   GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'),
                   GSK_RENDERER=renderer)
        self.display = display
        self.argv = (pin or []) + [os.path.join(build, 'app', 'entente')] + ([document] if document else [])
        self.t0 = time.monotonic()
        self.stderr = open(os.path.join(self.tmp, 'stderr.log'), 'w+')
        self.proc = subprocess.Popen(self.argv, env=env,
                                     stdout=subprocess.DEVNULL, stderr=self.stderr)

    def frames(self):
        """[(t seconds, kind, paint ms, n actors, animating)], [settled t]"""
        frames, settled = [], []
        try:
            with open(self.log) as f:
                for line in f:
                    p = line.split()
                    if len(p) == 5:
                        frames.append((int(p[0]) / 1e6, p[1], int(p[2]) / 1e3, int(p[3]), p[4] == '1'))
                    elif len(p) == 2 and p[1] == 'settled':
                        settled.append(int(p[0]) / 1e6)
        except FileNotFoundError:
            pass
        return frames, settled

    def wait_for(self, predicate, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            frames, settled = self.frames()
            if predicate(frames, settled):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def window(self):
        q = self.display.xdo('search', '--onlyvisible', '--pid', self.proc.pid)
        ids = q.stdout.split()
        return ids[0] if ids else None

    def peak_rss_kb(self):
        """The app's peak resident set so far (VmHWM), in KiB."""
        try:
            with open(f'/proc/{self.proc.pid}/status') as f:
                for line in f:
                    if line.startswith('VmHWM:'):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def failure(self):
        """Why the map did not appear: the app's exit and its last words."""
        code = self.proc.poll()
        self.stderr.seek(0)
        last = [line.strip() for line in self.stderr if line.strip()][-1:]
        why = 'timed out' if code is None else f'the app exited with status {code}'
        return why + (f' ({last[0]})' if last else '')

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def pct(values, q):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def rate(frames):
    """Frames per second over a run of frames, and their intervals (ms)."""
    if len(frames) < 2:
        return None, []
    ts = [f[0] for f in frames]
    intervals = [(b - a) * 1000 for a, b in zip(ts, ts[1:])]
    return (len(frames) - 1) / (ts[-1] - ts[0]), intervals


def maximize(display, app):
    wid = None
    for _ in range(100):
        wid = app.window()
        if wid:
            break
        time.sleep(0.05)
    if wid:
        display.xdo('windowmove', wid, 0, 0)
        display.xdo('windowsize', wid, WIDTH, HEIGHT)
    return wid


def first_frame(build, dataset, runs):
    """Spawn -> first painted frame of the bundled dataset (wall)."""
    times = {'cairo': [], 'gl': []}
    with Display() as display:
        for _ in range(runs):
            for renderer in times:
                app = App(display, build, dataset, renderer=renderer)
                ok = app.wait_for(lambda f, s: any(x[3] > 0 for x in f), 30)
                if ok:
                    frames, _ = app.frames()
                    first = next(x for x in frames if x[3] > 0)
                    # The log has the frame's start and its paint time.
                    times[renderer].append((first[0] - app.t0) * 1000 + first[2])
                app.close()
    if not times['cairo']:
        return None
    return {
        'bench': 'first-frame', 'runs': len(times['cairo']),
        'first_frame_median_wall_ms': statistics.median(times['cairo']),
        'first_frame_max_wall_ms': max(times['cairo']),
        'first_frame_gl_median_wall_ms': statistics.median(times['gl']) if times['gl'] else None,
        'measures': 'wall time from spawning the app with the bundled dataset to the end of '
                    'the canvas\'s first frame that paints its actors (its frame log); '
                    'GSK_RENDERER=cairo, and =gl beside (Mesa llvmpipe under Xvfb)',
    }


def open_map(display, app, n_actors, timeout):
    """Maximizes the window and waits for a frame of the whole map."""
    maximize(display, app)
    return app.wait_for(lambda f, s: any(x[3] == n_actors for x in f), timeout)


def settle(build, document, n_actors, timeout=240):
    """A cold start in the window: the frame rate while the map settles."""
    with Display() as display:
        app = App(display, build, document)
        try:
            if not open_map(display, app, n_actors, timeout):
                raise RuntimeError(f'the map of {n_actors} actors never appeared: {app.failure()}')
            app.wait_for(lambda f, s: bool(s), timeout)
            frames, settled = app.frames()
            rss = app.peak_rss_kb()
        finally:
            app.close()
    start = next(i for i, x in enumerate(frames) if x[3] == n_actors)
    end_t = settled[0] if settled else frames[-1][0]
    run = [x for x in frames[start:] if x[0] <= end_t]
    fps, intervals = rate(run)
    paints = [x[2] for x in run if x[1] == 'full']
    return {
        'bench': 'window-settle', 'nodes': n_actors, 'frames': len(run),
        'settled': bool(settled),
        'settle_wall_s': end_t - run[0][0],
        'fps': fps,
        'frame_interval_median_ms': pct(intervals, 0.5),
        'frame_interval_p95_ms': pct(intervals, 0.95),
        'paint_median_ms': pct(paints, 0.5),
        'paint_p95_ms': pct(paints, 0.95),
        'max_rss_kb': rss,
        'window': f'{WIDTH}x{HEIGHT}',
        'measures': 'frames the window painted from the first frame of the map until its '
                    'layout settled (wall); the simulation runs on its worker thread',
    }


def pan_zoom(build, document, n_actors, timeout=300):
    """Drag the map, then zoom it with the wheel: the frame rate meanwhile."""
    with Display() as display:
        app = App(display, build, document)
        try:
            if not open_map(display, app, n_actors, timeout):
                raise RuntimeError(f'the map of {n_actors} actors never appeared: {app.failure()}')
            # Two full frames of the map, so the view's cost is known.
            app.wait_for(lambda f, s: sum(1 for x in f if x[3] == n_actors) >= 2, timeout)
            # Input comes faster than 60 Hz, so that the window, not the
            # input, sets the frame rate. Drag from a corner of the map area
            # (empty: a pan, not an actor) for 2 s...
            x0, y0 = 420, 120
            drag = ['mousemove', x0, y0, 'mousedown', 1]
            for i in range(250):
                drag += ['sleep', 0.008, 'mousemove', x0 + 2 * (i + 1), y0 + (i + 1)]
            drag += ['mouseup', 1]
            # ...then turn the wheel in and out, 100 clicks in 2 s.
            zoom = ['mousemove', 1100, 560]
            # (xdotool's click waits about 100 ms; a press and release does not)
            for i in range(100):
                button = 4 if i % 2 == 0 else 5
                zoom += ['sleep', 0.02, 'mousedown', button, 'mouseup', button]
            t_pan = time.monotonic()
            display.xdo(*drag)
            t_zoom = time.monotonic()
            display.xdo(*zoom)
            t_end = time.monotonic()
            time.sleep(0.5)
            frames, _ = app.frames()
            rss = app.peak_rss_kb()
        finally:
            app.close()
    pan = [x for x in frames if t_pan <= x[0] <= t_zoom]
    zoomed = [x for x in frames if t_zoom <= x[0] <= t_end]
    both = pan + zoomed
    pan_fps, pan_iv = rate(pan)
    zoom_fps, zoom_iv = rate(zoomed)
    full = [x[2] for x in frames if x[3] == n_actors and x[1] == 'full']
    return {
        'bench': 'window-pan-zoom', 'nodes': n_actors,
        'pan_fps': pan_fps, 'zoom_fps': zoom_fps,
        'pan_zoom_fps': (len(both) - 1) / (t_end - t_pan) if len(both) > 1 else None,
        'frame_interval_p95_ms': pct(pan_iv + zoom_iv, 0.95),
        'frames_reused': sum(1 for x in both if x[1] == 'reuse'),
        'frames_full': sum(1 for x in both if x[1] == 'full'),
        'full_paint_median_ms': pct(full, 0.5),
        'interaction_s': t_end - t_pan,
        'max_rss_kb': rss,
        'window': f'{WIDTH}x{HEIGHT}',
        'measures': 'frames the window painted while xdotool dragged the map (a move every '
                    '8 ms for 2 s) and turned the wheel in and out (a click every 20 ms for 2 s); '
                    'frames that move and scale the last full frame count, as on screen',
    }
