#!/usr/bin/env python3
"""scripts/check-includes.py must fail, naming file:line, on each rule it guards: a check that
cannot fail guards nothing. Each case builds a small source tree in a temporary folder."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check-includes.py"

# A tree that keeps every rule: core folders point one way, ui includes core and Qt, and a
# comment may name /proc files.
CLEAN = {
    "core/Log.h": "#pragma once\n",
    "core/record/RunRecord.h": '#pragma once\n#include "Log.h"\n#include <string>\n',
    "core/spec/Spec.h": '#pragma once\n#include "record/RunRecord.h"\n',
    "core/probe/Parsers.cpp": '#include "Parsers.h"\n#include "record/RunRecord.h"\n',
    "core/probe/Parsers.h": "#pragma once\n",
    "core/engine/Engine.cpp": '#include "probe/Parsers.h"\n#include "spec/Spec.h"\n',
    "ui/Window.cpp": '#include <QWidget>\n#include "spec/Spec.h"\n// reads "/proc/stat" via the engine\n',
    "app/main.cpp": '#include "Window.h"\n',
}


def run(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        done = subprocess.run([sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


class CheckIncludes(unittest.TestCase):
    def assertFails(self, changes, *where):
        code, output = run({**CLEAN, **changes})
        self.assertEqual(code, 1, output)
        for w in where:
            self.assertIn(w, output)

    def test_clean_tree_passes(self):
        code, output = run(CLEAN)
        self.assertEqual(code, 0, output)

    def test_qt_header_in_core(self):
        self.assertFails({"core/spec/Spec.cpp": '#include "Spec.h"\n#include <QString>\n'},
                         "core/spec/Spec.cpp:2", "QString")

    def test_qt_module_header_in_core(self):
        self.assertFails({"core/record/X.cpp": "#include <QtCore/QObject>\n"}, "core/record/X.cpp:1")

    def test_qcustomplot_in_core(self):
        self.assertFails({"core/record/X.cpp": "\n\n#include <qcustomplot.h>\n"},
                         "core/record/X.cpp:3", "qcustomplot.h")

    def test_ui_header_in_core(self):
        self.assertFails({"ui/Window.h": "#pragma once\n",
                          "core/engine/X.cpp": '#include "Window.h"\n'},
                         "core/engine/X.cpp:1", "ui/Window.h")

    def test_probe_includes_engine(self):
        self.assertFails({"core/engine/Engine.h": "#pragma once\n",
                          "core/probe/Reader.cpp": '#include "Parsers.h"\n#include "engine/Engine.h"\n'},
                         "core/probe/Reader.cpp:2")

    def test_folder_cycle_in_core(self):
        # record -> spec closes the circle spec -> record
        self.assertFails({"core/record/Save.cpp": '#include "RunRecord.h"\n#include "spec/Spec.h"\n'},
                         "record", "spec", "core/record/Save.cpp:2", "core/spec/Spec.h:2")

    def test_longer_cycle_in_core(self):
        # engine -> probe -> record -> engine
        self.assertFails({"core/engine/Engine.h": "#pragma once\n",
                          "core/record/Save.cpp": '#include "engine/Engine.h"\n'},
                         "core/record/Save.cpp:1", "core/probe/Parsers.cpp:2")

    def test_proc_literal_in_ui(self):
        self.assertFails({"ui/timeline/Panel.cpp": 'int f();\nconst char* root = "/proc";\n'},
                         "ui/timeline/Panel.cpp:2")

    def test_proc_literal_in_core_is_fine(self):
        code, output = run({**CLEAN, "core/probe/Root.h": 'const char* root = "/proc";\n'})
        self.assertEqual(code, 0, output)


if __name__ == "__main__":
    unittest.main()
