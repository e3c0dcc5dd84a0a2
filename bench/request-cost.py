#!/usr/bin/env python3
"""bench/request-cost.sh's arithmetic.

  request-cost.py row REPEAT JAR SCENARIO CONNECTIONS RESULT SERVICE_TICKS BUSY_TICKS WRK_SECONDS CLK_TCK SECONDS LOAD1
      one row of cost.tsv: RESULT is wrk's JSON summary (bench/lua/common.lua), the ticks the
      service's and the whole machine's CPU time during the run, WRK_SECONDS wrk's own CPU
  request-cost.py table COST_TSV
      the medians per jar and scenario, as a Markdown table
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


if __name__ == "__main__":
    if sys.argv[1] == "row":
        row(*sys.argv[2:])
    else:
        table(sys.argv[2])
