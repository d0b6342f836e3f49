#include <gtest/gtest.h>

#include "spec/CommandLine.h"

using namespace corelab;
using Words = std::vector<std::string>;

TEST(CommandLine, BlanksSeparateWordsAndRunsOfThemCountOnce)
{
    EXPECT_EQ(splitCommandLine("python3  script.py\t-v "), (Words{"python3", "script.py", "-v"}));
    EXPECT_EQ(splitCommandLine(" \t "), Words{});
    EXPECT_EQ(splitCommandLine(""), Words{});
}

TEST(CommandLine, QuotesGroupWordsAndHoldTheOtherQuote)
{
    EXPECT_EQ(splitCommandLine("python3 'my script.py' -v"),
              (Words{"python3", "my script.py", "-v"}));
    EXPECT_EQ(splitCommandLine(R"(echo "it's" 'say "hi"')"),
              (Words{"echo", "it's", R"(say "hi")"}));
}

TEST(CommandLine, AdjacentPiecesJoinAndEmptyQuotesAreAWord)
{
    EXPECT_EQ(splitCommandLine(R"(--name='a b'"c d"e)"), Words{"--name=a bc de"});
    EXPECT_EQ(splitCommandLine(R"(prog '' "")"), (Words{"prog", "", ""}));
}

TEST(CommandLine, AnUnclosedQuoteRunsToTheEnd)
{
    EXPECT_EQ(splitCommandLine("echo 'a b"), (Words{"echo", "a b"}));
}

TEST(CommandLine, BackslashIsAnOrdinaryCharacter)
{
    // no escapes: a backslash neither hides a blank nor a quote
    EXPECT_EQ(splitCommandLine(R"(grep \d+ a\ b)"), (Words{"grep", R"(\d+)", R"(a\)", "b"}));
    EXPECT_EQ(splitCommandLine(R"("C:\dir\" x)"), (Words{R"(C:\dir\)", "x"}));
}

TEST(CommandLine, JoinQuotesOnlyWhatNeedsIt)
{
    EXPECT_EQ(joinCommandLine({"python3", "script.py", "-v"}), "python3 script.py -v");
    EXPECT_EQ(joinCommandLine({"python3", "my script.py"}), R"(python3 "my script.py")");
    EXPECT_EQ(joinCommandLine({"echo", R"(say "hi")"}), R"(echo 'say "hi"')");
    EXPECT_EQ(joinCommandLine({"echo", ""}), R"(echo "")");
    EXPECT_EQ(joinCommandLine({}), "");
}

TEST(CommandLine, JoinThenSplitGivesTheWordsBack)
{
    const std::vector<Words> cases = {
        {"python3", "resources/scripts/cpu_threads.py", "2"},
        {"sh", "-c", "echo 'one two' | wc -w"},
        {"printf", R"(%s "%s"\n)", "it's"},
        {"both", R"(it's "quoted")", R"('"'")", "'", "\""},
        {"", "tab\tinside", " lead", "trail ", "back\\slash", "new\nline"},
        {"ünïcode wörds", "日本"},
    };
    for (const Words& words : cases)
        EXPECT_EQ(splitCommandLine(joinCommandLine(words)), words) << joinCommandLine(words);
}
