"""An async-profiler 4 HTML flame graph back into collapsed stacks (self samples per path).

    python3 bench/flamegraph-stacks.py docs/benchmarks/get-user-cpu-before.html > before.collapsed
"""
import re, sys, collections
src = open(sys.argv[1]).read()
pool_txt = src[src.index("const cpool = [") + len("const cpool = ["):]
pool_txt = pool_txt[:pool_txt.index("];")]
cpool = [eval(x) for x in re.findall(r"'(?:[^'\\]|\\.)*'", pool_txt)]
for i in range(1, len(cpool)):
    cpool[i] = cpool[i - 1][:ord(cpool[i][0]) - 32] + cpool[i][1:]
calls = re.findall(r"^([fun])\(([^)]*)\)$", src, re.M)
path, widths, selfw = [], [], collections.Counter()
level0, width0 = 0, 0
nodes = []  # (level, name, width)
for kind, args in calls:
    a = [int(x) if x else 0 for x in args.split(",")]
    key = a[0]
    if kind == "f":
        level, width = a[1], (a[3] if len(a) > 3 and a[3] else width0)
    elif kind == "u":
        level, width = level0 + 1, (a[1] if len(a) > 1 and a[1] else width0)
    else:
        level, width = level0, (a[1] if len(a) > 1 and a[1] else width0)
    level0, width0 = level, width
    nodes.append((level, cpool[key >> 3], width))
stack = []  # (name, width, childsum)
out = collections.Counter()
def pop_to(level):
    while len(stack) > level:
        name, w, cs = stack.pop()
        s = w - cs
        if s > 0:
            out[";".join(x[0] for x in stack) + (";" if stack else "") + name] += s
for level, name, width in nodes:
    pop_to(level)
    if stack:
        stack[-1][2] += width
    stack.append([name, width, 0])
pop_to(0)
for k, v in out.items():
    print(k, v)
