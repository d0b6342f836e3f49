#include <QApplication>
#include <QByteArray>

#include <cstdio>
#include <map>
#include <string>

#include "UiTestMain.h"

namespace corelab::uitest {

namespace {

struct Entry {
    RunTest run;
    const char* platform;
};

std::map<std::string, Entry>& registry()
{
    static std::map<std::string, Entry> tests;
    return tests;
}

// "/src/tests/ui/tst_theme.cpp" -> "tst_theme"
std::string stem(const char* path)
{
    std::string name = path;
    if (const auto slash = name.rfind('/'); slash != std::string::npos) name.erase(0, slash + 1);
    if (const auto dot = name.rfind('.'); dot != std::string::npos) name.erase(dot);
    return name;
}

} // namespace

bool registerTest(const char* file, RunTest run, const char* platform)
{
    registry().emplace(stem(file), Entry{run, platform});
    return true;
}

} // namespace corelab::uitest

// corelab_ui_tests NAME [QtTest options]: runs the one test class NAME, as its own
// executable did (QTEST_MAIN: a QApplication at 96 dpi unless the test brings its screen).
int main(int argc, char** argv)
{
    using namespace corelab::uitest;
    const auto it = argc > 1 ? registry().find(argv[1]) : registry().end();
    if (it == registry().end()) {
        std::fprintf(stderr, "usage: %s TEST [QtTest options]; TEST is one of:\n", argv[0]);
        for (const auto& [name, entry] : registry())
            std::fprintf(stderr, "  %s\n", name.c_str());
        return 2;
    }
    // the test's name is not an option for QtTest
    argv[1] = argv[0];
    ++argv;
    --argc;
    if (it->second.platform) qputenv("QT_QPA_PLATFORM", QByteArray(it->second.platform));
    QApplication app(argc, argv);
    if (!it->second.platform) app.setAttribute(Qt::AA_Use96Dpi, true);
    return it->second.run(argc, argv);
}
