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
    fields = line.rstrip("\n").split("\t")
    label, target, scenario, connections, result, cpu, rss = fields[:7]
    round_ = int(fields[7]) if len(fields) > 7 else 1  # runs before rounds had one each
    rows.append(dict(label=label, target=target, scenario=scenario, connections=int(connections),
                     cpu=float(cpu or 0), rss=int(rss or 0), round=round_, **json.loads(result)))
rounds = defaultdict(dict)  # (label, target, scenario, connections) -> {round: row}
for r in rows:
    rounds[(r["label"], r["target"], r["scenario"], r["connections"])][r["round"]] = r


def summary(label, scenario, connections):
    """The service's and the floor's medians over the rounds, and the median and range of
    the rounds' own ratios (the two bursts of a round share the machine's drift)."""
    service = rounds.get((label, "service", scenario, connections), {})
    floor = rounds.get((label, "floor", scenario, connections), {})
    if not service or not floor:
        return None
    med = lambda side, key: statistics.median(r[key] for r in side.values())
    ratios = [service[n]["rps"] / floor[n]["rps"] for n in service if n in floor and floor[n]["rps"]]
    last = service[max(service)]
    return dict(
        rps=med(service, "rps"), floor_rps=med(floor, "rps"),
        ratio=statistics.median(ratios) if ratios else float("nan"),
        spread=f"{min(ratios):.2f}–{max(ratios):.2f}" if len(ratios) > 1 else "",
        p50=med(service, "p50"), p99=med(service, "p99"), floor_p50=med(floor, "p50"), floor_p99=med(floor, "p99"),
        cpu=med(service, "cpu"), rss=last["rss"],
        errors=sum(r["errors"] for r in service.values()), floor_errors=sum(r["errors"] for r in floor.values()))


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
main = [key for key in rounds if key[0] == "main" and key[1] == "service"]
most = max((len(rounds[key]) for key in main), default=1)
if most > 1:
    print(f"Medians of {most} rounds; the ratio is the median of the rounds' own ratios (service / floor, "
          "each round measuring both sides in turn), with their range.\n")
print("| scenario | conns | service req/s | floor req/s | ratio | ratio range | service p50 / p99 ms | floor p50 / p99 ms | service CPU (cores) | service RSS MB | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for _, _, scenario, connections in main:
    m = summary("main", scenario, connections)
    if m is None:
        continue
    print(f"| {scenario} | {connections} | {m['rps']:.0f} | {m['floor_rps']:.0f} | {m['ratio']:.2f} | "
          f"{m['spread']} | {m['p50']:.1f} / {m['p99']:.1f} | {m['floor_p50']:.1f} / {m['floor_p99']:.1f} | "
          f"{m['cpu']:.2f} | {m['rss']} | {m['errors']} / {m['floor_errors']} |")

sizes = sorted({int(r["label"].split("-")[1]) for r in rows if r["label"].startswith("grow-")})
if not sizes:
    sys.exit(0)
print("\nCost growth, 8 connections, requests/s (service / floor):\n")
print("| scenario | " + " | ".join(f"{s:,} rows" for s in sizes) + " | largest / smallest (service) |")
print("|---|" + "---|" * (len(sizes) + 1))
for scenario in ["list", "filter-email", "count", "deep-page", "deep-keyset"]:
    cells = []
    for s in sizes:
        m = summary(f"grow-{s}", scenario, 8)
        cells.append(f"{m['rps']:.0f} / {m['floor_rps']:.0f}" if m else "-")
    first = summary(f"grow-{sizes[0]}", scenario, 8)
    last = summary(f"grow-{sizes[-1]}", scenario, 8)
    growth = last["rps"] / first["rps"] if first and last and first["rps"] else float("nan")
    print(f"| {scenario} | " + " | ".join(cells) + f" | {growth:.2f} |")
