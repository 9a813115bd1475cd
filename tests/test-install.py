#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Install Entente into a temporary prefix and start the installed app.

Usage: test-install.py SOURCE_ROOT

The build is configured with --prefix set to the temporary prefix (not only
DESTDIR), because the app finds its dataset through a path fixed at compile
time. Prints TAP. Exits 77 (skipped) without an X display.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.entente.Entente'
DATASET = 'northeast-asia-2025.entente.json'
# The installed copy's title is changed to this, so that seeing it proves the
# app read the prefix's dataset and not the source tree's.
INSTALLED_TITLE = 'Northeast Asia (installed copy)'
WINDOW_TIMEOUT = 30


class Tap:
    def __init__(self):
        self.number = 0
        self.failed = 0

    def check(self, title, problems):
        self.number += 1
        print(f'{"not ok" if problems else "ok"} {self.number} - {title}', flush=True)
        for problem in problems:
            print(f'# {problem}', flush=True)
        self.failed += bool(problems)
        return not problems


def run(command, **kwargs):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f'{" ".join(command)} failed ({result.returncode}):\n{result.stdout}')
    return result.stdout


def languages(root):
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as linguas:
        return [word for line in linguas for word in line.split('#')[0].split()]


def expected_files(root):
    files = [
        'bin/entente',
        f'share/applications/{APP_ID}.desktop',
        f'share/metainfo/{APP_ID}.metainfo.xml',
        f'share/icons/hicolor/scalable/apps/{APP_ID}.svg',
        f'share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg',
        f'share/glib-2.0/schemas/{APP_ID}.gschema.xml',
        'share/glib-2.0/schemas/gschemas.compiled',
        f'share/mime/packages/{APP_ID}.xml',
        f'share/entente/datasets/{DATASET}',
    ]
    files += [f'share/locale/{lang}/LC_MESSAGES/entente.mo' for lang in languages(root)]
    return files


def install(root, tmp):
    build = os.path.join(tmp, 'build')
    prefix = os.path.join(tmp, 'prefix')
    env = dict(os.environ)
    env.pop('DESTDIR', None)
    run(['meson', 'setup', build, root, f'--prefix={prefix}', '-Dtests=false'], env=env)
    run(['ninja', '-C', build], env=env)
    run(['meson', 'install', '-C', build, '--no-rebuild'], env=env)
    return prefix


def find_window(title):
    tree = run(['xwininfo', '-root', '-tree'])
    for line in tree.splitlines():
        match = re.match(r'\s*(0x[0-9a-f]+) "(.*)":', line)
        if match and match.group(2) == title:
            return match.group(1), tree
    return None, tree


def launch(prefix, tap):
    share = os.path.join(prefix, 'share')
    env = dict(os.environ)
    env.pop('ENTENTE_DATASET', None)
    env['XDG_DATA_DIRS'] = share + ':' + env.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
    env['GSETTINGS_SCHEMA_DIR'] = os.path.join(share, 'glib-2.0', 'schemas')
    env['GSETTINGS_BACKEND'] = 'memory'
    env['GDK_BACKEND'] = 'x11'
    app = subprocess.Popen([os.path.join(prefix, 'bin', 'entente')], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        window, tree = None, ''
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while window is None and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.25)
            window, tree = find_window(INSTALLED_TITLE)
        problems = []
        if app.poll() is not None:
            problems.append(f'the installed app exited with status {app.returncode}')
        elif window is None:
            problems.append(f'no window titled "{INSTALLED_TITLE}" after {WINDOW_TIMEOUT} s; the windows were:')
            problems += [line for line in tree.splitlines() if '"' in line]
        if not tap.check('the installed app shows the installed dataset in its window', problems):
            return

        # GTK sets the X11 window icon from the themed icon, so this proves the
        # icon (which the About window shows too) is found in the prefix.
        icon = run(['xprop', '-id', window, '_NET_WM_ICON'])
        tap.check('the window carries the app icon from the installed theme',
                  [] if 'Icon (' in icon else [f'xprop reports: {icon.strip()[:200]}'])
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        output = app.stdout.read()
        if output.strip():
            print('# The app said:')
            for line in output.splitlines():
                print(f'#   {line}')


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    if not os.environ.get('DISPLAY'):
        print('1..0 # SKIP no X display: DISPLAY is unset (run the suite under xvfb-run)')
        return 77
    for tool in ('meson', 'ninja', 'xwininfo', 'xprop'):
        if shutil.which(tool) is None:
            print(f'Bail out! {tool} is missing (xwininfo and xprop are in Debian\'s x11-utils)')
            return 1

    tap = Tap()
    print('1..4', flush=True)
    tmp = tempfile.mkdtemp(prefix='entente-install-')
    try:
        try:
            prefix = install(root, tmp)
        except RuntimeError as error:
            print(f'Bail out! {error}')
            return 1

        missing = [path for path in expected_files(root) if not os.path.isfile(os.path.join(prefix, path))]
        tap.check('every file is installed into the prefix', missing)

        with open(os.path.join(prefix, 'share', 'metainfo', APP_ID + '.metainfo.xml'), encoding='utf-8') as metainfo:
            text = metainfo.read()
        version = run(['meson', 'introspect', '--projectinfo', os.path.join(tmp, 'build')])
        version = json.loads(version)['version']
        tap.check(f'the installed metainfo lists release {version}',
                  [] if f'<release version="{version}"' in text else ['no such <release> in the metainfo'])

        dataset = os.path.join(prefix, 'share', 'entente', 'datasets', DATASET)
        with open(dataset, encoding='utf-8') as document:
            world = json.load(document)
        world['title'] = INSTALLED_TITLE
        with open(dataset, 'w', encoding='utf-8') as document:
            json.dump(world, document, ensure_ascii=False, indent=2)

        launch(prefix, tap)
    finally:
        if tap.failed:
            print(f'# Left for inspection: {tmp}')
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if tap.number != 4:
        print(f'# Only {tap.number} of 4 checks ran')
        return 1
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
