#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fill the <releases/> element of a metainfo template from NEWS.

NEWS lists releases newest first, each as:

    Version 0.1.0
    Released: 2026-11-28

    - One change
    - Another change, which may go on
      over an indented line

Usage: news-to-releases.py NEWS PROJECT_VERSION TEMPLATE OUTPUT
The newest entry must be PROJECT_VERSION, so a release cannot ship with
notes that describe another version.
"""
import datetime
import re
import sys
from xml.sax.saxutils import escape

VERSION_RE = re.compile(r'^Version\s+(\d+(?:\.\d+)*)\s*$')
RELEASED_RE = re.compile(r'^Released:\s*(\d{4}-\d{2}-\d{2})\s*$')


class NewsError(Exception):
    pass


def parse_news(path):
    releases = []
    current = None
    with open(path, encoding='utf-8') as news:
        for number, raw in enumerate(news, start=1):
            line = raw.rstrip()
            where = f'{path}:{number}'
            version = VERSION_RE.match(line)
            if version:
                current = {'version': version.group(1), 'date': None, 'items': [], 'where': where}
                releases.append(current)
                continue
            if not line.strip():
                continue
            if current is None:
                raise NewsError(f'{where}: expected "Version X.Y.Z" before anything else')
            released = RELEASED_RE.match(line)
            if released:
                try:
                    datetime.date.fromisoformat(released.group(1))
                except ValueError:
                    raise NewsError(f'{where}: "{released.group(1)}" is not a date')
                current['date'] = released.group(1)
            elif line.startswith('- '):
                current['items'].append(line[2:].strip())
            elif line.startswith(' ') and current['items']:
                current['items'][-1] += ' ' + line.strip()
            else:
                raise NewsError(f'{where}: expected "Released: YYYY-MM-DD", "- item" or an indented continuation')
    if not releases:
        raise NewsError(f'{path}: no "Version X.Y.Z" entry')
    for release in releases:
        if release['date'] is None:
            raise NewsError(f'{release["where"]}: version {release["version"]} has no "Released: YYYY-MM-DD" line')
        if not release['items']:
            raise NewsError(f'{release["where"]}: version {release["version"]} lists no changes')
    return releases


def releases_xml(releases, indent):
    out = [f'{indent}<releases>']
    for release in releases:
        out.append(f'{indent}  <release version="{release["version"]}" date="{release["date"]}">')
        out.append(f'{indent}    <description>')
        out.append(f'{indent}      <ul>')
        for item in release['items']:
            out.append(f'{indent}        <li>{escape(item)}</li>')
        out.append(f'{indent}      </ul>')
        out.append(f'{indent}    </description>')
        out.append(f'{indent}  </release>')
    out.append(f'{indent}</releases>')
    return '\n'.join(out) + '\n'


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    news_path, project_version, template_path, output_path = argv[1:]
    try:
        releases = parse_news(news_path)
        if releases[0]['version'] != project_version:
            raise NewsError(f'{releases[0]["where"]}: the newest entry is {releases[0]["version"]}, '
                            f'but the project version is {project_version}')
        with open(template_path, encoding='utf-8') as template:
            lines = template.readlines()
        slots = [i for i, line in enumerate(lines) if line.strip() == '<releases/>']
        if len(slots) != 1:
            raise NewsError(f'{template_path}: expected exactly one line "<releases/>", found {len(slots)}')
        slot = slots[0]
        indent = lines[slot][:len(lines[slot]) - len(lines[slot].lstrip())]
        lines[slot] = releases_xml(releases, indent)
    except (NewsError, OSError) as error:
        print(f'news-to-releases: {error}', file=sys.stderr)
        return 1
    with open(output_path, 'w', encoding='utf-8') as output:
        output.writelines(lines)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
