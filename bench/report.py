#!/usr/bin/env python3
"""Turns bench/work/results.tsv into the markdown tables of docs/benchmarks.md."""
import json
import statistics
import sys
from collections import defaultdict

work = sys.argv[1]


def startup_table():
    """The start-up part (bench/startup.sh): medians per variant, beside the floor's."""
    try:
        lines = open(f"{work}/startup-runs.tsv").read().splitlines()
    except FileNotFoundError:
        return
    runs = defaultdict(list)
    for line in lines:
        variant, whole, jvm, cpu, rss, load = line.split("\t")
        runs[variant].append((float(whole), float(jvm), float(cpu), int(rss), float(load)))
    med = lambda values: statistics.median(values)
    jvm_median = {v: med([r[1] for r in rs]) for v, rs in runs.items()}
    cpu_median = {v: med([r[2] for r in rs]) for v, rs in runs.items()}
    print("Start-up to the first answered request and RSS one second later, median of "
          f"{max(len(r) for r in runs.values())} starts (bench/startup.sh; ratio: to the floor started the same way):\n")
    print("| variant | JVM start to first answer s (min–max) | whole command s | ratio | CPU s | CPU ratio | RSS MB | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|")
    for variant, rs in runs.items():
        floor = variant.replace("service-new-db", "service-archive").replace("service", "floor")
        compared = variant != floor and floor in jvm_median
        ratio = f"{jvm_median[variant] / jvm_median[floor]:.2f}" if compared else ""
        cpu_ratio = f"{cpu_median[variant] / cpu_median[floor]:.2f}" if compared else ""
        loads = [r[4] for r in rs]
        print(f"| {variant} | {jvm_median[variant]:.2f} ({min(r[1] for r in rs):.2f}–{max(r[1] for r in rs):.2f}) | "
              f"{med([r[0] for r in rs]):.2f} | {ratio} | {cpu_median[variant]:.2f} | {cpu_ratio} | {med([r[3] for r in rs]):.0f} | "
              f"{min(loads):.2f}–{max(loads):.2f} |")
    print()


startup_table()
try:
    results = open(f"{work}/results.tsv").read().splitlines()
except FileNotFoundError:
    sys.exit(0)  # STARTUP_ONLY
rows = []
for line in results:
    label, target, scenario, connections, result, cpu, rss = line.rstrip("\n").split("\t")
    rows.append(dict(label=label, target=target, scenario=scenario, connections=int(connections),
                     cpu=float(cpu or 0), rss=int(rss or 0), **json.loads(result)))
by_key = {(r["label"], r["target"], r["scenario"], r["connections"]): r for r in rows}

startup = open(f"{work}/startup.tsv").read().split()
print(f"Start-up to the first answered request: {float(startup[1]):.2f} s on an empty database, "
      f"{float(startup[2]):.2f} s on the seeded one.\n")
try:
    key_kind = open(f"{work}/key-kind.txt").read().strip()
except FileNotFoundError:
    key_kind = None
try:
    database = open(f"{work}/database.txt").read().strip()
except FileNotFoundError:
    database = "sqlite"
print("Both on " + ("one PostgreSQL database (Debian's server, bench/postgres.sh)" if database == "postgresql"
                    else "one SQLite file") + ".\n")
if key_kind == "role":
    print("Every request to the service carries a key with the role `bench`, to which the rules open users "
          "and storage reads (a rule check per request); the floor gets no key.\n")
elif key_kind == "admin":
    print("Every request to the service carries the admin key (the admin role passes every rule); "
          "the floor gets no key.\n")
print("| scenario | conns | service req/s | floor req/s | ratio | service p50 / p99 ms | floor p50 / p99 ms | service CPU (cores) | service RSS MB | errors |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    if r["label"] != "main" or r["target"] != "service":
        continue
    f = by_key.get(("main", "floor", r["scenario"], r["connections"]))
    ratio = r["rps"] / f["rps"] if f and f["rps"] else float("nan")
    print(f"| {r['scenario']} | {r['connections']} | {r['rps']:.0f} | {f['rps']:.0f} | {ratio:.2f} | "
          f"{r['p50']:.1f} / {r['p99']:.1f} | {f['p50']:.1f} / {f['p99']:.1f} | {r['cpu']:.2f} | {r['rss']} | "
          f"{r['errors']} / {f['errors']} |")

sizes = sorted({int(r["label"].split("-")[1]) for r in rows if r["label"].startswith("grow-")})
if not sizes:
    sys.exit(0)
print("\nCost growth, 8 connections, requests/s (service / floor):\n")
print("| scenario | " + " | ".join(f"{s:,} rows" for s in sizes) + " | largest / smallest (service) |")
print("|---|" + "---|" * (len(sizes) + 1))
for scenario in ["list", "filter-email", "count", "deep-page", "deep-keyset"]:
    cells = []
    for s in sizes:
        sv = by_key.get((f"grow-{s}", "service", scenario, 8))
        fl = by_key.get((f"grow-{s}", "floor", scenario, 8))
        cells.append(f"{sv['rps']:.0f} / {fl['rps']:.0f}" if sv and fl else "-")
    first = by_key.get((f"grow-{sizes[0]}", "service", scenario, 8))
    last = by_key.get((f"grow-{sizes[-1]}", "service", scenario, 8))
    growth = last["rps"] / first["rps"] if first and last and first["rps"] else float("nan")
    print(f"| {scenario} | " + " | ".join(cells) + f" | {growth:.2f} |")
