#!/usr/bin/env python3
"""bench/request-cost.sh's arithmetic.

  request-cost.py row REPEAT JAR SCENARIO CONNECTIONS RESULT SERVICE_TICKS BUSY_TICKS WRK_SECONDS CLK_TCK SECONDS LOAD1
      one row of cost.tsv: RESULT is wrk's JSON summary (bench/lua/common.lua), the ticks the
      service's and the whole machine's CPU time during the run, WRK_SECONDS wrk's own CPU
  request-cost.py table COST_TSV
      the medians per jar and scenario, as a Markdown table
  request-cost.py pairs COST_TSV
      for two jars measured in alternating bursts (bench/ab.sh): per scenario, the median
      of the second jar's CPU per request and requests per second over the first's, each
      burst paired with the first jar's burst of the same round
"""
import csv
import json
import statistics
import sys


def row(repeat, jar, scenario, connections, result, service, busy, wrk, tck, seconds, load):
    r = json.loads(result)
    service, busy, wrk, tck, seconds = int(service), int(busy), float(wrk), int(tck), float(seconds)
    us = service / tck * 1e6 / max(r["requests"], 1)
    # the machine's busy time that was neither the service's nor wrk's, in cores
    foreign = max((busy - service) / tck - wrk, 0) / seconds
    print(f"{repeat}\t{jar}\t{scenario}\t{connections}\t{r['rps']:.0f}\t{r['p50']:.2f}\t{r['p99']:.1f}\t"
          f"{r['requests']}\t{r['errors']}\t{us:.0f}\t{load}\t{foreign:.2f}")


def table(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    cells = {}
    for r in rows:
        cells.setdefault((r["scenario"], r["jar"]), []).append(r)
    print("| scenario | jar | CPU µs/request (median) | each run | req/s (median) | p50 ms (median) | p99 ms (median) "
          "| errors | load1 | other cores busy |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (scenario, jar), runs in sorted(cells.items()):
        med = lambda k: statistics.median(float(r[k]) for r in runs)
        each = lambda k: " ".join(r[k] for r in runs)
        print(f"| {scenario} | {jar} | {med('cpu_us_per_request'):.0f} | {each('cpu_us_per_request')} | {med('rps'):.0f} | "
              f"{med('p50_ms'):.2f} | {med('p99_ms'):.1f} | {sum(int(r['errors']) for r in runs)} | {each('load1')} | {each('foreign_cores')} |")


def pairs(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    jars = list(dict.fromkeys(r["jar"] for r in rows))
    if len(jars) != 2:
        sys.exit(f"pairs needs two jars, not {jars}")
    first, second = jars
    by = {(r["scenario"], r["repeat"], r["jar"]): r for r in rows}
    print(f"| scenario | rounds | CPU µs/request {first} → {second} (medians) | CPU ratio (median, min–max) "
          f"| req/s ratio (median, min–max) |")
    print("|---|---|---|---|---|")
    for scenario in dict.fromkeys(r["scenario"] for r in rows):
        rounds = [(by[(scenario, rep, first)], by[(scenario, rep, second)])
                  for (s, rep, jar) in by if s == scenario and jar == first and (scenario, rep, second) in by]
        cpu = [float(b["cpu_us_per_request"]) / float(a["cpu_us_per_request"]) for a, b in rounds]
        rps = [float(b["rps"]) / float(a["rps"]) for a, b in rounds]
        a, b = (statistics.median(float(pair[i]["cpu_us_per_request"]) for pair in rounds) for i in (0, 1))
        print(f"| {scenario} | {len(rounds)} | {a:.0f} → {b:.0f} | {statistics.median(cpu):.3f} "
              f"({min(cpu):.2f}–{max(cpu):.2f}) | {statistics.median(rps):.3f} ({min(rps):.2f}–{max(rps):.2f}) |")


if __name__ == "__main__":
    {"row": lambda: row(*sys.argv[2:]), "table": lambda: table(sys.argv[2]),
     "pairs": lambda: pairs(sys.argv[2])}[sys.argv[1]]()
