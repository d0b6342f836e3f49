#!/usr/bin/env python3
"""Writes the crafted inputs of docs/reliability.md from one real run file.

Each file is one defect of the reliability review, reduced to its essence; the loaders
must reject every one with an error naming the field (tests/core/test_untrusted_files.cpp)
and the fuzz targets start from them. Run from this folder: python3 make_corpus.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = json.load(open(os.path.join(HERE, "../../ui/fixtures/run-threads-2w-1s.json")))


def write(name, data):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(data if isinstance(data, str) else json.dumps(data))


def run(edit):
    d = copy.deepcopy(BASE)
    edit(d)
    return d


def comparison(a):
    return {"schema": 1, "kind": "comparison", "a": a, "b": BASE, "verdict": []}


def setitem(path, value):
    def edit(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


# D1: indices and counts the window sizes its grids by
write("run/worker-index-6400845.json", run(setitem(["samples", 3, "workers", 0, "worker"], 6400845)))
write("run/worker-index-2-32.json", run(setitem(["samples", 3, "workers", 0, "worker"], 2**32)))
write("run/worker-index-negative.json", run(setitem(["samples", 3, "workers", 0, "worker"], -1)))
write("run/last-cpu-huge.json", run(setitem(["samples", 3, "workers", 0, "last_cpu"], 2**31 - 1)))
write("run/core-cpu-huge.json", run(setitem(["samples", 3, "cores", 0, "cpu"], 10000000)))
write("run/event-worker-huge.json", run(setitem(["events", 1, "worker"], 6400845)))
write("run/spec-workers-huge.json", run(setitem(["spec", "workers"], 10000000)))
write("run/more-workers-than-spec.json",
      run(lambda d: d["samples"][3]["workers"].extend(d["samples"][3]["workers"])))
write("run/per-core-key-huge.json", run(setitem(["summary", "per_core_busy", "99999"], 0.5)))
# D4: nesting deeper than any file CoreLab writes
write("run/deep-nesting.json", '{"schema":1,"spec":' + "[" * 5000 + "]" * 5000 + "}")
write("compare/worker-index-in-a.json",
      comparison(run(setitem(["samples", 3, "workers", 0, "worker"], 6400845))))
# D15
write("compare/schema-2-40.json", dict(comparison(BASE), schema=2**40))
write("preset/deep.json", '{"spec":' + '{"a":' * 5000 + "1" + "}" * 5000 + "}")
write("preset/crash-worker-2-32.json",
      {"spec": {"workload": "cpu", "workers": 2, "crash_worker": 2**32, "duration_s": 0.5}})
write("preset/workers-2-32-plus-2.json", {"spec": {"workload": "cpu", "workers": 2**32 + 2}})
write("preset/workers-float.json", {"spec": {"workload": "cpu", "workers": 2.9}})
write("preset/spec-array.json", {"spec": [1, 2]})
write("preset/spec-null.json", {"spec": None})
write("preset/unknown-key.json", {"spec": {"workload": "cpu", "worker": 8}})
write("preset/patch-not-object.json", {"spec": {"workload": "cpu"}, "a": "threads", "b": {}})
