#!/usr/bin/env python3
"""Before and after in one run: two builds of folio run the same command
alternately, 150 times each, so a change in the machine's load falls on
both; prints the median wall time of each (with Python's ~0.5 ms to start
a process) as a Markdown row.

    FOLIO_DB=p.db FOLIO_TODAY=2026-12-01 benches/alternate.py OLD NEW list --limit 10
"""
import os
import statistics
import subprocess
import sys
import time

before, after, args = sys.argv[1], sys.argv[2], sys.argv[3:]
times = {before: [], after: []}
for run in range(150):
    order = (before, after) if run % 2 == 0 else (after, before)
    for binary in order:
        start = time.perf_counter()
        subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ)
        times[binary].append(time.perf_counter() - start)
b, a = (statistics.median(times[x]) * 1000 for x in (before, after))
print("| %s | %.2f ms | %.2f ms | %+.0f%% |" % (" ".join(args), b, a, (a / b - 1) * 100))
