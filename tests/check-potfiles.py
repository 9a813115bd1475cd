#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in lists every file with translatable strings.

Usage: check-potfiles.py SOURCE_ROOT
In a git checkout the files are those git tracks (work in progress is not
judged until it is committed); otherwise every file under the source folders.
"""
import os
import re
import subprocess
import sys

SOURCE_DIRS = ('app', 'data', 'graph', 'ui')
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|g_dngettext|ngettext)\s*\(')
UI_MARKERS = re.compile(r'translatable="yes"')
# Data files whose text xgettext extracts through its ITS rules.
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.mime.xml.in', '.gschema.xml')


def candidate_files(root):
    try:
        listed = subprocess.run(['git', '-C', root, 'ls-files', '--', *SOURCE_DIRS],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True, check=True).stdout.split()
        if listed:
            return listed
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for folder in SOURCE_DIRS:
        for parent, _dirs, names in os.walk(os.path.join(root, folder)):
            found += [os.path.relpath(os.path.join(parent, name), root) for name in names]
    return found


def has_strings(root, path):
    if path.startswith('data/'):
        return path.endswith(DATA_SUFFIXES)
    if path.endswith(('.c', '.h')):
        marker = C_MARKERS
    elif path.endswith('.ui'):
        marker = UI_MARKERS
    else:
        return False
    with open(os.path.join(root, path), encoding='utf-8', errors='replace') as source:
        return marker.search(source.read()) is not None


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = argv[1]
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as potfiles:
        listed = [line.strip() for line in potfiles if line.strip() and not line.startswith('#')]

    checks = []
    needed = sorted(path for path in candidate_files(root)
                    if os.path.exists(os.path.join(root, path)) and has_strings(root, path))
    checks.append(('every file with translatable strings is listed',
                   [f'po/POTFILES.in lacks {path}' for path in needed if path not in listed]))
    checks.append(('every listed file exists',
                   [f'po/POTFILES.in lists {path}, which does not exist' for path in listed
                    if not os.path.exists(os.path.join(root, path))]))
    duplicates = sorted({path for path in listed if listed.count(path) > 1})
    problems = [f'{path} is listed more than once' for path in duplicates]
    if listed != sorted(listed):
        problems.append('the list is not sorted')
    checks.append(('the list is sorted, without duplicates', problems))

    print(f'1..{len(checks)}')
    for number, (title, problems) in enumerate(checks, start=1):
        print(f'{"not ok" if problems else "ok"} {number} - {title}')
        for problem in problems:
            print(f'# {problem}')
    return 1 if any(problems for _title, problems in checks) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
