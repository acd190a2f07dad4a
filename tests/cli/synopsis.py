#!/usr/bin/env python3
"""synopsis.py - the command table against --help and the man page.

    python3 tests/cli/synopsis.py --roleaudit build/roleaudit \\
        --table build/cli/table --man man/roleaudit.1

The table comes from TABLE (tests/cli/table.c, linked with the cli's own
files), so this compares the rows roleaudit runs on with:

  - the usage lines of `roleaudit --help`, one per command, in order, and
    the last one for the options used alone (--help | --version);
  - the SYNOPSIS of the man page (mdoc): the same commands in the same
    order, each with exactly the options its rows take, its --fail-on
    values and formats where the synopsis lists them with Cm (Ar means
    every format), and its operands; then -h | -V.

Then the same comparison runs on doctored copies (a command, an option or
a format added to the table but not to the man page, an option dropped
from the man page, a usage line missing) and each must fail: the check
cannot pass by comparing nothing.  Ends with "N passed, N failed".
"""
import argparse
import re
import subprocess
import sys


def read_table(text):
    """The facts tests/cli/table.c prints, grouped by command."""
    t = {'letters': {}, 'alone': [], 'commands': [], 'operands': {},
         'takes': {}, 'fail': {}, 'formats': {}}
    for line in text.splitlines():
        f = line.split('\t')
        if f[0] == 'option':
            if f[2] != '-':
                t['letters'][f[2]] = f[1]
            if f[4] == 'alone':
                t['alone'].append(f[1])
        elif f[0] == 'command':
            t['commands'].append(f[1])
            t['operands'][f[1]] = f[2]
            for k in ('takes', 'fail', 'formats'):
                t[k][f[1]] = set()
        elif f[0] == 'takes':
            t['takes'][f[1]].add(f[2])
        elif f[0] == 'fail-on':
            t['fail'][f[1]].add(f[2])
        elif f[0] == 'format':
            t['formats'][f[1]].add(f[2])
    return t


MACROS = {'Op', 'Oo', 'Oc', 'Fl', 'Ar', 'Cm', 'Ns', 'Pf', 'Xo', 'Xc'}


def read_synopsis(man, letters):
    """The man page's SYNOPSIS as blocks, one per .Nm: the command (None
    for the block of options used alone), its options by long name, the
    --fail-on values and formats listed with Cm (None when not listed)
    and its operands ("[input ...]" for an optional one)."""
    lines = man.splitlines()
    start = lines.index('.Sh SYNOPSIS')
    end = next(i for i in range(start + 1, len(lines))
               if lines[i].startswith('.Sh '))
    blocks, problems, cur = [], [], None
    for line in lines[start + 1:end]:
        if line == '.Nm':
            cur = {'command': None, 'options': set(), 'fail': None,
                   'formats': None, 'any_format': False, 'operands': ''}
            blocks.append(cur)
            continue
        if cur is None or not line.startswith('.'):
            continue
        toks = line[1:].split()
        if toks[0] == 'Cm' and cur['command'] is None and \
                not cur['options']:
            cur['command'] = toks[1]
            continue
        i, last, operand = 0, None, []
        optional = toks[0] == 'Op'
        while i < len(toks):
            tok = toks[i]
            if tok == 'Fl' and i + 1 < len(toks):
                name = toks[i + 1]
                if name.startswith('\\-'):
                    last = name[2:]
                elif name in letters:
                    last = letters[name]
                else:
                    problems.append('SYNOPSIS: unknown option -%s' % name)
                    last = '-' + name
                cur['options'].add(last)
                i += 2
                continue
            if tok == 'Cm':
                words = []
                i += 1
                while i < len(toks) and toks[i] not in MACROS:
                    if toks[i] != '|':
                        words.append(toks[i])
                    i += 1
                key = {'fail-on': 'fail', 'format': 'formats'}.get(last)
                if key:
                    cur[key] = (cur[key] or set()) | set(words)
                continue
            if tok == 'Ar':
                i += 1
                while i < len(toks) and toks[i] not in MACROS:
                    if last is None:
                        operand.append(toks[i])
                    elif last == 'format' and toks[i] == 'format':
                        cur['any_format'] = True
                    i += 1
                continue
            i += 1
        if operand:
            words = ' '.join(operand)
            cur['operands'] = '[%s]' % words if optional else words
    return blocks, problems


def operands_of(s):
    """A row's operands as the man page writes them: "INPUT..." is
    "input ...", and what comes on standard input is no operand."""
    s = re.sub(r'\s*<.*$', '', s).replace('...', ' ...').lower()
    return ' '.join(s.split())


def usage_lines(help_text):
    """The usage lines of --help: up to the first empty line."""
    out = []
    for line in help_text.splitlines():
        if not line.strip():
            break
        out.append(re.sub(r'^(usage:)?\s*', '', line))
    return out


def compare(t, man, help_text):
    """Every way the table, --help and the SYNOPSIS disagree."""
    blocks, problems = read_synopsis(man, t['letters'])
    every_format = set().union(*t['formats'].values())
    want = ['roleaudit %s [options]%s' % (c, ' ' + t['operands'][c]
            if t['operands'][c] else '') for c in t['commands']]
    want.append('roleaudit ' + ' | '.join('--' + a for a in t['alone']))
    got = usage_lines(help_text)
    if got != want:
        problems.append('--help: usage lines %r, the table gives %r'
                        % (got, want))
    cmds = [b['command'] for b in blocks if b['command']]
    if cmds != t['commands']:
        problems.append('SYNOPSIS: commands %s, the table has %s'
                        % (' '.join(cmds), ' '.join(t['commands'])))
    by_name = {b['command']: b for b in blocks if b['command']}
    for c in t['commands']:
        b = by_name.get(c)
        if b is None:
            problems.append('%s: in the table, not in the SYNOPSIS' % c)
            continue
        for o in sorted(t['takes'][c] - b['options']):
            problems.append('%s: --%s in the table, not in the SYNOPSIS'
                            % (c, o))
        for o in sorted(b['options'] - t['takes'][c]):
            problems.append('%s: --%s in the SYNOPSIS, not in the table'
                            % (c, o))
        if b['fail'] is not None and b['fail'] != t['fail'][c]:
            problems.append('%s: --fail-on %s in the SYNOPSIS, %s in the '
                            'table' % (c, sorted(b['fail']),
                                       sorted(t['fail'][c])))
        formats = every_format if b['any_format'] else b['formats']
        if formats is not None and formats != t['formats'][c]:
            problems.append('%s: formats %s in the SYNOPSIS, %s in the '
                            'table' % (c, sorted(formats),
                                       sorted(t['formats'][c])))
        if b['operands'] != operands_of(t['operands'][c]):
            problems.append('%s: operands "%s" in the SYNOPSIS, "%s" in '
                            'the table' % (c, b['operands'],
                                           t['operands'][c]))
    alone = [b for b in blocks if b['command'] is None]
    want_alone = set(t['alone'])
    if len(alone) != 1 or alone[0]['options'] != want_alone:
        problems.append('SYNOPSIS: the options used alone are not %s'
                        % ', '.join('--' + a for a in sorted(want_alone)))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--roleaudit', required=True)
    ap.add_argument('--table', required=True)
    ap.add_argument('--man', required=True)
    a = ap.parse_args()
    table_text = subprocess.run([a.table], check=True, capture_output=True,
                                text=True).stdout
    help_text = subprocess.run([a.roleaudit, '--help'], check=True,
                               capture_output=True, text=True).stdout
    with open(a.man, encoding='utf-8') as f:
        man = f.read()
    t = read_table(table_text)
    passed = failed = 0

    def expect(name, problems, should_fail):
        nonlocal passed, failed
        if bool(problems) == should_fail:
            passed += 1
            print('ok   %s' % name)
        else:
            failed += 1
            print('FAIL %s' % name)
            for p in problems or ['the comparison found nothing wrong']:
                print('    ' + p)

    expect('the table, --help and the SYNOPSIS agree',
           compare(t, man, help_text), False)
    if not t['commands'] or not t['takes'].get('roles'):
        failed += 1
        print('FAIL the table is empty: %s printed nothing usable' % a.table)

    # A newcomer's command and option, added to the table only.
    doctored = read_table(table_text + 'command\tapps\tINPUT...\n'
                          'takes\tapps\tformat\nformat\tapps\ttext\n')
    expect('a command only in the table fails',
           compare(doctored, man, help_text), True)
    doctored = read_table(table_text + 'takes\tcheck\ttext\n')
    expect('an option only in the table fails',
           compare(doctored, man, help_text), True)
    doctored = read_table(table_text + 'fail-on\tlint\tchange\n')
    expect('a --fail-on value only in the table fails',
           compare(doctored, man, help_text), True)
    doctored = read_table(table_text + 'format\tlint\thtml\n')
    expect('a format only in the table fails',
           compare(doctored, man, help_text), True)
    # The man page falling behind, or running ahead.
    line = '.Op Fl \\-redact\n'
    at = man.index(line, man.index('.Cm roles\n'))
    expect('an option dropped from the SYNOPSIS fails',
           compare(t, man[:at] + man[at + len(line):], help_text), True)
    expect('an option only in the SYNOPSIS fails',
           compare(t, man.replace('.Cm profiles\n', '.Cm profiles\n'
                                  '.Op Fl \\-redact\n'), help_text), True)
    expect('a usage line missing from --help fails',
           compare(t, man, '\n'.join(l for l in help_text.split('\n')
                                     if 'roleaudit lint ' not in l)), True)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
