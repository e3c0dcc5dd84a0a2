#!/usr/bin/env python3
"""Turns bench/auth-cost.sh's TSV into markdown: medians over the repeats per variant,
scenario and connection count, the ratio to the variant "before", and what a credential
adds per request.

Two estimates of the cost per request:
- latency: the median p50 at 1 connection minus before's (a request at a time, so the
  difference is the time the credential adds to one request);
- CPU: the service's CPU time per request (user + system of its process over the run,
  divided by the requests) minus before's, at the highest connection count (saturation).
"""
import json
import statistics
import sys
from collections import defaultdict

rows = []
with open(sys.argv[1]) as tsv:
    next(tsv)
    for line in tsv:
        repeat, variant, scenario, connections, result, cpu, load, foreign = line.rstrip("\n").split("\t")
        r = json.loads(result)
        rows.append(dict(repeat=int(repeat), variant=variant, scenario=scenario, connections=int(connections),
                         cpu=float(cpu), load=float(load), foreign=float(foreign), **r))

variants = list(dict.fromkeys(r["variant"] for r in rows))
if "before" in variants:
    variants.remove("before")
    variants.insert(0, "before")
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
conns = sorted({r["connections"] for r in rows}, reverse=True)
cells = defaultdict(list)
for r in rows:
    cells[(r["variant"], r["scenario"], r["connections"])].append(r)


def med(variant, scenario, c, field):
    values = [r[field] for r in cells.get((variant, scenario, c), [])]
    return statistics.median(values) if values else float("nan")


def cpu_us(variant, scenario, c):
    values = [r["cpu"] / r["rps"] * 1e6 for r in cells.get((variant, scenario, c), []) if r["rps"]]
    return statistics.median(values) if values else float("nan")


print("Medians of %d repeats. ratio: req/s against before. CPU µs/req: the service's CPU time per request."
      % max(r["repeat"] for r in rows))
print()
print("| scenario | conns | variant | req/s | ratio | p50 / p99 ms | CPU µs/req | errors |")
print("|---|---|---|---|---|---|---|---|")
for scenario in scenarios:
    for c in conns:
        base = med("before", scenario, c, "rps")
        for v in variants:
            if (v, scenario, c) not in cells:
                continue
            rps = med(v, scenario, c, "rps")
            errors = sum(r["errors"] for r in cells[(v, scenario, c)])
            print(f"| {scenario} | {c} | {v} | {rps:.0f} | {rps / base:.2f} | {med(v, scenario, c, 'p50'):.2f} / "
                  f"{med(v, scenario, c, 'p99'):.1f} | {cpu_us(v, scenario, c):.0f} | {errors} |")

print()
print("What each credential adds per request, against before (µs; median of the repeats):")
print()
top = conns[0]
header = "| variant | " + " | ".join(f"{s}: Δp50 at 1 conn / ΔCPU at {top}" for s in scenarios) + " |"
print(header)
print("|---|" + "---|" * len(scenarios))
for v in variants:
    if v == "before":
        continue
    parts = []
    for s in scenarios:
        dp50 = (med(v, s, 1, "p50") - med("before", s, 1, "p50")) * 1000
        dcpu = cpu_us(v, s, top) - cpu_us("before", s, top)
        parts.append(f"{dp50:+.0f} / {dcpu:+.0f}")
    print(f"| {v} | " + " | ".join(parts) + " |")

print()
print("Machine load during the cells (1-minute load average before each cell; foreign: "
      "cores busy with neither the service nor wrk during the cell):")
print()
print("| repeat | variant | load min–max | foreign cores median / max |")
print("|---|---|---|---|")
by_run = defaultdict(list)
for r in rows:
    by_run[(r["repeat"], r["variant"])].append(r)
for (repeat, v), rs in sorted(by_run.items()):
    loads = [r["load"] for r in rs]
    foreign = [r["foreign"] for r in rs]
    print(f"| {repeat} | {v} | {min(loads):.2f}–{max(loads):.2f} | {statistics.median(foreign):.2f} / {max(foreign):.2f} |")
