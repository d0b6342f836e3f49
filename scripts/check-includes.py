#!/usr/bin/env python3
"""Checks the house rules of docs/architecture.md against every #include in core/, ui/, app/.

Fails (exit 1), naming file:line, on:
  - a Qt or QCustomPlot header, or a ui/ or app/ header, included from core/;
  - core/probe/ including core/engine/;
  - a folder-level include cycle among core's folders;
  - a "/proc string literal in ui/ (the window sees samples, not /proc).

Usage: check-includes.py [ROOT]   (ROOT: the source tree, default: this script's repository)
"""

import re
import sys
from pathlib import Path

SOURCE_DIRS = ("core", "ui", "app")
# the build's include folders, in the order a quoted include falls back to them
INCLUDE_DIRS = ("core", "ui", "app")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
# QString, QtWidgets/QWidget, qglobal.h, qcustomplot.h
QT_HEADER = re.compile(r"^(Qt[A-Za-z]*/|Q[A-Z]\w*$|q[a-z0-9_]+\.h$)")


def sources(root):
    for top in SOURCE_DIRS:
        base = root / top
        if base.is_dir():
            yield from sorted(p for p in base.rglob("*") if p.suffix in (".h", ".cpp"))


def resolve(root, including, name):
    """The file a quoted include names: beside the includer first, then the include folders."""
    for base in (including.parent, *(root / d for d in INCLUDE_DIRS)):
        candidate = base / name
        if candidate.is_file():
            return candidate.resolve().relative_to(root.resolve())
    return None


def core_folder(rel):
    """core/spec/X.h -> "spec"; core/Log.h -> "." (the utilities at core's top)."""
    parts = rel.parts
    if parts[0] != "core":
        return None
    return parts[1] if len(parts) > 2 else "."


def code_part(line):
    """The line without its // comment, so that a comment quoting "/proc is not code."""
    in_string = False
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and in_string:
            i += 2
            continue
        if c == '"':
            in_string = not in_string
        elif not in_string and line.startswith("//", i):
            return line[:i]
        i += 1
    return line


def strongly_connected(graph):
    """Tarjan's algorithm; returns the components with more than one folder."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def check(root):
    problems = []
    edges = {}  # (from folder, to folder) -> first "file:line" that makes the arrow
    for path in sources(root):
        rel = path.relative_to(root)
        top = rel.parts[0]
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, start=1):
            where = f"{rel}:{number}"
            if top == "ui" and '"/proc' in code_part(line):
                problems.append(f'{where}: ui/ holds a "/proc literal; the window sees samples')
            m = INCLUDE.match(line)
            if not m or top != "core":
                continue
            bracket, name = m.groups()
            if QT_HEADER.match(name):
                problems.append(f"{where}: core/ includes the Qt header <{name}>")
                continue
            target = resolve(root, path, name) if bracket == '"' else None
            if target is None:
                continue
            if target.parts[0] in ("ui", "app"):
                problems.append(f"{where}: core/ includes {target}, a {target.parts[0]}/ header")
                continue
            source_folder, target_folder = core_folder(rel), core_folder(target)
            if source_folder == "probe" and target_folder == "engine":
                problems.append(f"{where}: probe/ includes {target} (probe never knows engine)")
            if target_folder and target_folder != source_folder:
                edges.setdefault((source_folder, target_folder), where)

    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    for component in strongly_connected(graph):
        members = set(component)
        arrows = sorted((a, b, w) for (a, b), w in edges.items() if a in members and b in members)
        problems.append(
            "core/ folders include each other in a cycle: "
            + ", ".join(component)
            + "".join(f"\n    {a} -> {b} first at {w}" for a, b, w in arrows)
        )
    return problems


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    if not (root / "core").is_dir():
        print(f"check-includes: {root} has no core/ folder", file=sys.stderr)
        return 2
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"check-includes: {len(problems)} broken rule(s), see docs/architecture.md")
        return 1
    print("check-includes: core/, ui/ and app/ keep the include rules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
