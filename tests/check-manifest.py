#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest against the project it builds.

Usage: check-manifest.py MANIFEST SOURCE_ROOT
Prints TAP: one test point per rule, with the reasons a rule failed.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

EXPECTED_FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
# Permissions an app that opens files through the portal has no use for.
FORBIDDEN_FINISH_ARGS = [
    '--filesystem', '--share=network', '--socket=session-bus', '--socket=system-bus',
    '--socket=x11', '--socket=pulseaudio', '--socket=ssh-auth', '--socket=pcsc',
    '--socket=cups', '--socket=gpg-agent', '--device=all', '--device=shm',
    '--talk-name', '--own-name', '--system-talk-name', '--system-own-name',
    '--allow=devel', '--persist',
]
MINIMUM_GNOME_RUNTIME = 47
# meson's own options, which a manifest may set without meson_options.txt.
MESON_BUILTIN_OPTIONS = {
    'buildtype', 'debug', 'optimization', 'werror', 'warning_level', 'default_library',
    'b_lto', 'b_ndebug', 'b_pie', 'b_sanitize', 'b_lundef', 'strip', 'unity',
}


def load_manifest(path):
    with open(path, encoding='utf-8') as manifest:
        return json.load(manifest)


def app_id_of(manifest):
    return manifest.get('id', manifest.get('app-id'))


def modules_of(manifest, base_dir):
    """Every module, nested ones too; a module given as a path is loaded."""
    found = []

    def walk(modules, where):
        for module in modules:
            if isinstance(module, str):
                path = os.path.join(where, module)
                with open(path, encoding='utf-8') as included:
                    module = json.load(included)
                walk([module], os.path.dirname(path))
                continue
            found.append(module)
            walk(module.get('modules', []), where)

    walk(manifest.get('modules', []), base_dir)
    return found


def check_json(manifest_path, root):
    try:
        manifest = load_manifest(manifest_path)
    except (OSError, ValueError) as error:
        return [f'{manifest_path}: {error}']
    if not isinstance(manifest, dict):
        return [f'{manifest_path}: the top level is not an object']
    return []


def check_app_id(manifest, root):
    problems = []
    app_id = app_id_of(manifest)
    if not app_id:
        return ['the manifest has no "id"']
    name = os.path.basename(MANIFEST_PATH)
    if name != app_id + '.json':
        problems.append(f'the manifest is named {name}, not {app_id}.json')
    desktop = os.path.join(root, 'data', app_id + '.desktop.in')
    if not os.path.exists(desktop):
        problems.append(f'no desktop file data/{app_id}.desktop.in for id {app_id}')
    else:
        with open(desktop, encoding='utf-8') as entry:
            icons = [line.split('=', 1)[1].strip() for line in entry if line.startswith('Icon=')]
        if icons != [app_id]:
            problems.append(f'the desktop file\'s Icon is {icons}, not [{app_id!r}]')
    metainfo = os.path.join(root, 'data', app_id + '.metainfo.xml.in')
    if not os.path.exists(metainfo):
        problems.append(f'no metainfo data/{app_id}.metainfo.xml.in for id {app_id}')
    else:
        component = ET.parse(metainfo).getroot()
        metainfo_id = component.findtext('id')
        if metainfo_id != app_id:
            problems.append(f'the metainfo <id> is {metainfo_id}, not {app_id}')
        launchables = [l.text for l in component.findall('launchable') if l.get('type') == 'desktop-id']
        if launchables != [app_id + '.desktop']:
            problems.append(f'the metainfo desktop-id launchables are {launchables}, not [{app_id}.desktop]')
    return problems


def check_sources(manifest, root):
    problems = []
    for module in modules_of(manifest, os.path.dirname(MANIFEST_PATH)):
        name = module.get('name', '?')
        for source in module.get('sources', []):
            if isinstance(source, str):
                problems.append(f'module {name}: source file {source} is not checked; inline it')
                continue
            kind = source.get('type')
            if kind in ('archive', 'file'):
                url = source.get('url', '')
                if not url.startswith('https://'):
                    problems.append(f'module {name}: {kind} source has no https url')
                if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                    problems.append(f'module {name}: {kind} source {url} is not pinned by a sha256')
            elif kind == 'git':
                if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
                    problems.append(f'module {name}: git source {source.get("url")} is not pinned by a commit')
            elif kind == 'dir':
                if name != 'entente':
                    problems.append(f'module {name}: only the app itself may be built from a local dir')
            elif kind not in ('patch', 'shell', 'script', 'inline'):
                problems.append(f'module {name}: source type {kind} is not checked by this test')
    return problems


def check_finish_args(manifest, root):
    problems = []
    args = manifest.get('finish-args', [])
    for arg in args:
        for forbidden in FORBIDDEN_FINISH_ARGS:
            if arg == forbidden or arg.startswith(forbidden + '='):
                problems.append(f'finish-args grants {arg}, which Entente must not have')
                break
        else:
            if arg not in EXPECTED_FINISH_ARGS:
                problems.append(f'finish-args has {arg}, which is not one of {EXPECTED_FINISH_ARGS}')
    for arg in EXPECTED_FINISH_ARGS:
        if arg not in args:
            problems.append(f'finish-args lacks {arg}')
    if len(args) != len(set(args)):
        problems.append('finish-args repeats an entry')
    return problems


def project_options(root):
    options = {}
    with open(os.path.join(root, 'meson_options.txt'), encoding='utf-8') as text:
        for match in re.finditer(r"option\(\s*'([^']+)'\s*,\s*type\s*:\s*'([^']+)'", text.read()):
            options[match.group(1)] = match.group(2)
    return options


def check_config_opts(manifest, root):
    problems = []
    options = project_options(root)
    modules = [m for m in modules_of(manifest, os.path.dirname(MANIFEST_PATH)) if m.get('name') == 'entente']
    if len(modules) != 1:
        return [f'expected one module named entente, found {len(modules)}']
    module = modules[0]
    if module.get('buildsystem') != 'meson':
        problems.append('the entente module is not built with meson')
    for opt in module.get('config-opts', []):
        match = re.fullmatch(r'-D([A-Za-z0-9_.-]+)=(.*)', opt)
        if match is None:
            problems.append(f'config-opt {opt} is not of the form -Dname=value')
            continue
        name, value = match.groups()
        if name in MESON_BUILTIN_OPTIONS:
            continue
        if name not in options:
            problems.append(f'config-opt {opt}: meson_options.txt has no option {name}')
        elif options[name] == 'boolean' and value not in ('true', 'false'):
            problems.append(f'config-opt {opt}: {name} is a boolean, so true or false')
    return problems


def check_runtime(manifest, root):
    problems = []
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append(f'runtime is {manifest.get("runtime")}, not org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'sdk is {manifest.get("sdk")}, not org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'\d+', version):
        problems.append(f'runtime-version {version!r} is not a released GNOME version')
    elif int(version) < MINIMUM_GNOME_RUNTIME:
        problems.append(f'runtime-version {version} is older than GNOME {MINIMUM_GNOME_RUNTIME}')
    if manifest.get('command') != 'entente':
        problems.append(f'command is {manifest.get("command")}, not entente')
    return problems


def check_igraph(manifest, root):
    problems = []
    modules = [m for m in modules_of(manifest, os.path.dirname(MANIFEST_PATH)) if m.get('name') == 'igraph']
    if len(modules) != 1:
        return [f'expected one module named igraph, found {len(modules)}']
    module = modules[0]
    names = [m.get('name') for m in modules_of(manifest, os.path.dirname(MANIFEST_PATH))]
    if names.index('igraph') > names.index('entente'):
        problems.append('igraph is built after entente, which needs it')
    if module.get('buildsystem') != 'cmake-ninja':
        problems.append('igraph is not built with cmake-ninja')
    urls = [s.get('url', '') for s in module.get('sources', []) if isinstance(s, dict)]
    # A release tarball ships the generated parsers; the 0.10 series keeps the API we use.
    if not any(re.search(r'/igraph-0\.10\.\d+\.tar\.gz$', url) for url in urls):
        problems.append(f'igraph is not built from a 0.10.x release tarball: {urls}')
    for path in ('/include', '/lib/cmake', '/lib/pkgconfig', '*.a'):
        if path not in module.get('cleanup', []):
            problems.append(f'igraph\'s cleanup lacks {path}')
    return problems


CHECKS = [
    ('the manifest is valid JSON', check_json),
    ('the app id matches the desktop file and the metainfo', check_app_id),
    ('every downloaded source is pinned', check_sources),
    ('finish-args are exactly the minimal set', check_finish_args),
    ('the entente module only sets options that exist', check_config_opts),
    ('the runtime is GNOME 47 or newer', check_runtime),
    ('igraph is a pinned 0.10.x release built with cmake', check_igraph),
]


def main(argv):
    global MANIFEST_PATH
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    MANIFEST_PATH, root = argv[1], argv[2]
    print(f'1..{len(CHECKS)}')
    failed = 0
    manifest = None
    for number, (title, check) in enumerate(CHECKS, start=1):
        if check is check_json:
            problems = check(MANIFEST_PATH, root)
            if not problems:
                manifest = load_manifest(MANIFEST_PATH)
        elif manifest is None:
            problems = ['the manifest could not be read']
        else:
            try:
                problems = check(manifest, root)
            except (OSError, ValueError, ET.ParseError, AttributeError, TypeError) as error:
                problems = [f'{type(error).__name__}: {error}']
        print(f'{"not ok" if problems else "ok"} {number} - {title}')
        for problem in problems:
            print(f'# {problem}')
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
