#pragma once

// Every window test is one QtTest class in one tst_*.cpp, and all of them are linked into
// one executable, corelab_ui_tests: Qt's headers are then compiled, moc'd and linked once
// instead of once per test. ctest still runs each class on its own, in its own process:
//     corelab_ui_tests tst_name [QtTest options]
// A file ends with CORELAB_UI_TEST(Class) where it used to say QTEST_MAIN(Class).

namespace corelab::uitest {

using RunTest = int (*)(int argc, char** argv);

// Registers a test under its file's name; `platform`, when set, is the QT_QPA_PLATFORM
// the test needs (a screen of a given size) in place of ctest's plain offscreen one.
bool registerTest(const char* file, RunTest run, const char* platform = nullptr);

} // namespace corelab::uitest

#define CORELAB_UI_TEST_ON(Class, platform)                                                        \
    namespace {                                                                                    \
    const bool registered##Class = ::corelab::uitest::registerTest(                                \
        __FILE__,                                                                                  \
        [](int argc, char** argv) {                                                                \
            Class test;                                                                            \
            return QTest::qExec(&test, argc, argv);                                                \
        },                                                                                         \
        platform);                                                                                 \
    }

#define CORELAB_UI_TEST(Class) CORELAB_UI_TEST_ON(Class, nullptr)
