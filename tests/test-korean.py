#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Korean translation: the catalogue, and the command line in Korean.

Usage: test-korean.py SOURCE_ROOT BUILD_ROOT

Needs ENTENTE_BINARY (the built app). Prints TAP.

Korean is picked with LANGUAGE=ko. glibc honours LANGUAGE unless the locale
is "C" or "POSIX", so LC_ALL=C.UTF-8 (built into glibc) is enough and no
ko_KR.UTF-8 locale has to be generated. The build tree's catalogue,
BUILD_ROOT/po/ko/LC_MESSAGES/entente.mo, is used through ENTENTE_LOCALEDIR.

The window in Korean is tested by tests/ui/test-korean.c.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 60
# The summary --help prints, in Korean (po/ko.po).
KOREAN_SUMMARY = '동맹과 외교를 살아 움직이는 지도로 살펴봅니다.'
HANGUL = re.compile('[\uac00-\ud7a3]')
# The keywords meson's i18n module passes to xgettext with preset: 'glib'.
XGETTEXT_KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
                     'g_dpgettext2:2c,3', 'ngettext:1,2']


class Tap:
    def __init__(self):
        self.number = 0
        self.failed = 0

    def check(self, title, problems, todo=None):
        self.number += 1
        directive = f' # TODO {todo}' if todo and problems else ''
        print(f'{"not ok" if problems else "ok"} {self.number} - {title}{directive}', flush=True)
        for problem in problems:
            print(f'# {problem}', flush=True)
        self.failed += bool(problems) and not todo
        return not problems


def statistics(po, env=None):
    """msgfmt --check --statistics: (returncode, output, counts)."""
    result = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=TIMEOUT, env=env)
    counts = {kind: int(number) for number, kind in
              re.findall(r'(\d+) (translated|fuzzy|untranslated)', result.stdout)}
    return result.returncode, result.stdout.strip(), counts


def korean_env(build_root):
    env = dict(os.environ)
    env.update(LC_ALL='C.UTF-8', LANGUAGE='ko', ENTENTE_LOCALEDIR=os.path.join(build_root, 'po'))
    env.pop('LANG', None)
    return env


def check_help(tap, binary, build_root):
    result = subprocess.run([binary, '--help'], env=korean_env(build_root), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
    problems = []
    if result.returncode != 0:
        problems.append(f'entente --help exited with status {result.returncode}')
    if KOREAN_SUMMARY not in result.stdout:
        problems.append(f'the Korean summary “{KOREAN_SUMMARY}” is not in the output:')
        problems += result.stdout.splitlines()[:12]
    # --export's description, from the app's own catalogue rather than GLib's.
    if 'FILE을 OUT에 쓰고 끝냅니다' not in result.stdout:
        problems.append('the --export option is not described in Korean')
    tap.check('entente --help speaks Korean with LANGUAGE=ko and LC_ALL=C.UTF-8', problems)


def check_catalogue(tap, source_root):
    po = os.path.join(source_root, 'po', 'ko.po')
    code, output, counts = statistics(po)
    problems = [] if code == 0 else [f'msgfmt --check failed:'] + output.splitlines()
    for kind in ('fuzzy', 'untranslated'):
        if counts.get(kind):
            problems.append(f'po/ko.po has {counts[kind]} {kind} messages')
    if not counts.get('translated'):
        problems.append(f'po/ko.po has no translated messages ({output})')
    tap.check(f'po/ko.po passes msgfmt --check, with no fuzzy or untranslated messages ({output})', problems)

    # Unwrapped, so that each message is on one line.
    text = subprocess.run(['msgcat', '--no-wrap', po], stdout=subprocess.PIPE, text=True,
                          timeout=TIMEOUT, check=True).stdout
    header = text.split('\n\n', 1)[0]
    problems = []
    if 'Plural-Forms: nplurals=1; plural=0;' not in header:
        problems.append('the header lacks "Plural-Forms: nplurals=1; plural=0;"')
    if 'charset=UTF-8' not in header:
        problems.append('the header does not declare UTF-8')
    keywords = re.search(r'msgid "alliance;diplomacy;[^"]*"\nmsgstr "([^"]*)"', text)
    if keywords is None or not keywords.group(1).endswith(';') or not HANGUL.search(keywords.group(1)):
        problems.append('the desktop Keywords are not a Korean list ending with “;”')
    tap.check('the header and the desktop Keywords are well formed', problems)


def check_coverage(tap, source_root):
    """Merge ko.po with a template made from the sources as they are now."""
    if shutil.which('xgettext') is None or shutil.which('msgmerge') is None:
        tap.check('every message in the sources has a Korean translation # SKIP no xgettext', [])
        return
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'entente.pot')
        merged = os.path.join(tmp, 'ko.po')
        command = ['xgettext', '--package-name=entente', '--from-code=UTF-8', '--add-comments',
                   '--directory', source_root, '--files-from', os.path.join(source_root, 'po', 'POTFILES.in'),
                   '--output', pot]
        command += [f'--keyword={keyword}' for keyword in XGETTEXT_KEYWORDS]
        made = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=TIMEOUT)
        if made.returncode != 0:
            tap.check('a template can be made from the sources', [made.stdout.strip()])
            return
        merge = subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file', merged,
                                os.path.join(source_root, 'po', 'ko.po'), pot],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
        if merge.returncode != 0:
            tap.check('po/ko.po merges with a template made from the sources', [merge.stdout.strip()])
            return
        _code, output, counts = statistics(merged)
    problems = []
    if counts.get('untranslated'):
        problems.append(f'{counts["untranslated"]} messages in the sources are not in po/ko.po ({output})')
        problems.append('to update: ninja -C BUILD entente-pot && msgmerge --update po/ko.po po/entente.pot')
    # New strings arrive before their translation: report them, but do not fail.
    tap.check('every message in the sources has a Korean translation', problems,
              todo='new strings wait for a Korean translation')


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source_root, build_root = argv[1], argv[2]
    binary = os.environ.get('ENTENTE_BINARY')
    tap = Tap()
    print('1..5', flush=True)
    mo = os.path.join(build_root, 'po', 'ko', 'LC_MESSAGES', 'entente.mo')
    tap.check('the build tree has the Korean catalogue',
              [] if os.path.isfile(mo) else [f'{mo} is missing; build the project first'])
    if binary:
        check_help(tap, binary, build_root)
    else:
        tap.check('entente --help speaks Korean # SKIP ENTENTE_BINARY is not set', [])
    check_catalogue(tap, source_root)
    check_coverage(tap, source_root)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
