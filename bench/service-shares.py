"""Shares of a CPU profile by component, as docs/benchmarks.md reports them.

    python3 bench/service-shares.py bench/work/cpu/before-get-user-cpu.collapsed ...

Reads async-profiler's collapsed stacks (bench/cpu-per-request.sh writes them; for an
HTML flame graph, bench/flamegraph-stacks.py makes them). A sample counts for the
transaction when it is in TransactionTemplate's begin or commit; otherwise for the
component of its deepest frame that belongs to one (the SQL's driver before Hibernate,
Hibernate before Spring, and so on).
"""
import sys, collections, re
RULES = [
    ("JDBC driver and pool (the SQL itself)", ("org/sqlite", "org/postgresql", "com/zaxxer/hikari")),
    ("bean validation", ("org/hibernate/validator", "jakarta/validation")),
    ("Hibernate (load, persistence context, flush)", ("org/hibernate/",)),
    ("JSON (Jackson)", ("tools/jackson",)),
    ("security (filter chain, key check)", ("org/springframework/security", "io/flarekit/security")),
    ("observations and metrics (Micrometer)", ("io/micrometer",)),
    ("Spring MVC and the generic controller", ("org/springframework/web", "io/flarekit/core/web")),
    ("Tomcat and HTTP", ("org/apache",)),
]
def category(frames):
    for i, f in enumerate(frames):
        if "TransactionTemplate/execute" in f and i + 1 < len(frames):
            child = frames[i + 1]
            if re.search(r"getTransaction|commit|rollback|Commit|Rollback", child):
                return "transaction begin, commit, clean-up"
    if not any(("/" in f and not f.startswith("[")) for f in frames):
        return "JVM (GC, JIT, native)"
    for f in reversed(frames):
        for name, prefixes in RULES:
            if any(p in f for p in prefixes):
                if name.startswith("Hibernate") and "validator" in f:
                    continue
                return name
    if any("GC" in f or "Compile" in f for f in frames):
        return "JVM (GC, JIT, native)"
    return "other"
for path in sys.argv[1:]:
    totals = collections.Counter()
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        stack = stack.replace(".", "/")
        totals[category(stack.split(";"))] += int(n)
    all_ = sum(totals.values())
    print(path, all_)
    for name, n in totals.most_common():
        print("  %-48s %5.1f %%" % (name, 100.0 * n / all_))
