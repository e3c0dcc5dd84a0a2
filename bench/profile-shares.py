#!/usr/bin/env python3
"""Where a profile's samples go, by component: a stack of an async-profiler .collapsed
file counts for the transaction when it is in TransactionTemplate's begin or commit
(Spring's and Hibernate's transaction work, the COMMIT, closing the EntityManager,
returning the connection); otherwise for the component of its deepest frame that names
one (so time in a JDK method counts for the component that called it).

usage: profile-shares.py [--requests] PROFILE.collapsed [MORE.collapsed ...]   -> a Markdown table

bench/request-cost.sh writes the .collapsed files (PROFILE=...); for a saved HTML flame
graph, bench/flamegraph-stacks.py makes one. --requests leaves out the JIT compiler's and
the GC's threads, which a short run on a busy machine inflates, so that the shares are of
the requests' own work.
"""
import re
import sys

TRANSACTION = "Transaction begin, commit, clean-up"
# (component, pattern on a frame), matched from the leaf towards the root; first hit wins
COMPONENTS = [
    ("Micrometer observations and metrics", r"^io/micrometer/|ObservationFilterChainDecorator|ServerHttpObservationFilter|Observation"),
    ("SQLite driver and pool", r"^org/sqlite/|^com/zaxxer/hikari/|^org/postgresql/"),
    ("Bean validation", r"^org/hibernate/validator/|^jakarta/validation/"),
    ("Hibernate", r"^org/hibernate/"),
    ("Jackson (JSON read and write)", r"^tools/jackson/"),
    ("Flarekit security (key, rules)", r"^io/flarekit/security/"),
    ("Flarekit web (controller, filters)", r"^io/flarekit/core/web/|^io/flarekit/core/error/|^io/flarekit/system/"),
    ("Flarekit service and queries", r"^io/flarekit/"),
    ("Spring Security filter chain", r"^org/springframework/security/"),
    ("Spring transactions and data", r"^org/springframework/(transaction|orm|data|jdbc|dao)/"),
    ("Spring MVC (dispatch, mapping, arguments, converters)", r"^org/springframework/(web|http)/"),
    ("Spring core (AOP, beans, util)", r"^org/springframework/"),
    ("Logging (MDC, Logback)", r"^org/slf4j/|^ch/qos/logback/"),
    ("Tomcat (HTTP parsing, I/O)", r"^org/apache/(catalina|coyote|tomcat)/|^jakarta/servlet/"),
    ("JIT compiler", r"^(C2Compiler|C1Compiler|CompileBroker|Compile::|JavaThread::thread_main_inner.*Compile)"),
    ("GC", r"^(G1|GC|ParallelGC|SerialGC|ConcurrentGC|WorkerThread|GangWorker)"),
]
PATTERNS = [(name, re.compile(pattern)) for name, pattern in COMPONENTS]


def component(frames):
    for frame, child in zip(frames, frames[1:]):
        if "TransactionTemplate/execute" in frame and re.search(r"getTransaction|[cC]ommit|[rR]ollback", child):
            return TRANSACTION
    for frame in reversed(frames):
        for name, pattern in PATTERNS:
            if pattern.search(frame):
                return name
    joined = ";".join(frames)
    if "Thread/run" in joined or "java/" in joined:
        return "Other Java (JDK, threads)"
    return "Other native (kernel, JVM)"


def shares(path):
    totals = {}
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        # HTML flame graphs may name a method Class.method: one separator for all
        name = component(stack.replace(".", "/").split(";"))
        totals[name] = totals.get(name, 0) + int(count)
    return totals


def main(paths):
    requests_only = paths[0] == "--requests"
    if requests_only:
        paths = paths[1:]
    tables = [shares(p) for p in paths]
    if requests_only:
        tables = [{n: v for n, v in t.items() if n not in ("JIT compiler", "GC")} for t in tables]
    names = sorted({n for t in tables for n in t}, key=lambda n: -sum(t.get(n, 0) / max(sum(t.values()), 1) for t in tables))
    print("| component | " + " | ".join(paths) + " |")
    print("|---|" + "---|" * len(paths))
    for n in names:
        print(f"| {n} | " + " | ".join(f"{100 * t.get(n, 0) / max(sum(t.values()), 1):.1f} %" for t in tables) + " |")
    print("| samples | " + " | ".join(str(sum(t.values())) for t in tables) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
