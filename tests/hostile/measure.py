#!/usr/bin/env python3
"""Run a command under an address-space and a time limit; say what it took.

    python3 tests/hostile/measure.py AS_KIB SECONDS STDIN OUT ERR -- CMD...

AS_KIB is the address-space limit (RLIMIT_AS, what `ulimit -v` sets) in
KiB, or "unlimited"; SECONDS the wall-clock time after which the command
is killed.  Standard input comes from STDIN, standard output goes to OUT
and standard error to ERR (files; /dev/null will do).  Prints one line:
the exit status (124 when killed for time, as timeout(1) has it), the
peak resident set in KiB and the CPU seconds (user and system) the
command took, from its own rusage.
"""
import os
import resource
import signal
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 8 or sys.argv[6] != "--":
        sys.exit(__doc__)
    limit, seconds, stdin, out, err = sys.argv[1:6]
    cmd = sys.argv[7:]

    def limits():
        if limit != "unlimited":
            kib = int(limit) * 1024
            resource.setrlimit(resource.RLIMIT_AS, (kib, kib))

    with open(stdin, "rb") as i, open(out, "wb") as o, open(err, "wb") as e:
        p = subprocess.Popen(cmd, stdin=i, stdout=o, stderr=e,
                             preexec_fn=limits)
    deadline = time.monotonic() + float(seconds)
    killed = False
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            break
        if time.monotonic() > deadline and not killed:
            os.kill(p.pid, signal.SIGKILL)
            killed = True
        time.sleep(0.02)
    if killed:
        rc = 124
    elif os.WIFEXITED(status):
        rc = os.WEXITSTATUS(status)
    else:
        rc = 128 + os.WTERMSIG(status)
    print(rc, ru.ru_maxrss, "%.2f" % (ru.ru_utime + ru.ru_stime))


if __name__ == "__main__":
    main()
