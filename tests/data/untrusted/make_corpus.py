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

# The compact layout (schema 2, docs/run-file.md): lengths, counts and sizes of the
# container that must be checked against the file and the head before anything is
# allocated. Edited from the real run saved compact by CoreLab.
COMPACT = open(os.path.join(HERE, "../../ui/fixtures/run-threads-2w-1s.corelab"), "rb").read()


def u32(value):
    return value.to_bytes(4, "little")


def compact(edit):
    data = bytearray(COMPACT)
    edit(data)
    return bytes(data)


def put_u32(at, value):
    def edit(data):
        data[at:at + 4] = u32(value)
    return edit


def with_head(edit_head):
    size = int.from_bytes(COMPACT[12:16], "little")
    head = json.loads(COMPACT[16:16 + size])
    edit_head(head)
    text = json.dumps(head, indent=1).encode() + b"\n"
    return COMPACT[:12] + u32(len(text)) + text + COMPACT[16 + size:]


def write_bytes(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


HEAD_END = 16 + int.from_bytes(COMPACT[12:16], "little")  # the first chunk header
write_bytes("run/compact-version-3.corelab", compact(put_u32(8, 3)))
write_bytes("run/compact-head-huge.corelab", compact(put_u32(12, 0xFFFFFF00)))
write_bytes("run/compact-truncated.corelab", COMPACT[:HEAD_END + 40])
write_bytes("run/compact-chunk-raw-huge.corelab", compact(put_u32(HEAD_END + 4, 0x7FFFFFFF)))
write_bytes("run/compact-chunk-raw-lie.corelab",
            compact(put_u32(HEAD_END + 4,
                            int.from_bytes(COMPACT[HEAD_END + 4:HEAD_END + 8], "little") + 1)))
write_bytes("run/compact-chunk-samples-lie.corelab", compact(put_u32(HEAD_END, 1000)))
write_bytes("run/compact-event-worker-huge.corelab",
            with_head(lambda h: h["events"][1].update(worker=6400845)))
write_bytes("run/compact-head-schema-1.corelab", with_head(lambda h: h.update(schema=1)))
