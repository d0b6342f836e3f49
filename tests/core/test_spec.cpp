#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "spec/ExperimentSpec.h"

using namespace corelab;

namespace {

// Validation result for a spec changed by `edit`: empty when valid, else the field.
template <typename Edit> std::string failingField(Edit edit)
{
    ExperimentSpec s;
    edit(s);
    auto err = validate(s);
    return err ? err->field : std::string();
}

} // namespace

TEST(Spec, DefaultsAreValidAndGetWorkloadParameters)
{
    ExperimentSpec s;
    EXPECT_FALSE(validate(s).has_value());
    EXPECT_EQ(s.params.count("rounds"), 1u);
}

TEST(Spec, EveryFieldRejectsOutOfRange)
{
    EXPECT_EQ(failingField([](auto& s) { s.workload = "nope"; }), "workload");
    EXPECT_EQ(failingField([](auto& s) { s.workers = 0; }), "workers");
    EXPECT_EQ(failingField([](auto& s) { s.workers = 4097; }), "workers");
    EXPECT_EQ(failingField([](auto& s) { s.workers = -3; }), "workers");
    EXPECT_EQ(failingField([](auto& s) { s.durationS = 0.05; }), "duration");
    EXPECT_EQ(failingField([](auto& s) { s.durationS = 3601; }), "duration");
    EXPECT_EQ(failingField([](auto& s) { s.durationS = std::nan(""); }), "duration");
    EXPECT_EQ(failingField([](auto& s) { s.rateHz = 0; }), "rate");
    EXPECT_EQ(failingField([](auto& s) { s.rateHz = 101; }), "rate");
    EXPECT_EQ(failingField([](auto& s) { s.threadsPerProcess = 2; }), "threads-per-process");
    EXPECT_EQ(failingField([](auto& s) {
                  s.model = Model::Hybrid;
                  s.threadsPerProcess = 0;
              }),
              "threads-per-process");
    EXPECT_EQ(failingField([](auto& s) {
                  s.model = Model::Hybrid;
                  s.workers = 100;
                  s.threadsPerProcess = 100;
              }),
              "threads-per-process");
    EXPECT_EQ(failingField([](auto& s) { s.params["rounds"] = 0; }), "rounds");
    EXPECT_EQ(failingField([](auto& s) { s.params["bogus"] = 1; }), "bogus");
}

TEST(Spec, BoundariesAreAccepted)
{
    EXPECT_EQ(failingField([](auto& s) { s.workers = 4096; }), "");
    EXPECT_EQ(failingField([](auto& s) { s.durationS = 0.1; }), "");
    EXPECT_EQ(failingField([](auto& s) { s.rateHz = 100; }), "");
    EXPECT_EQ(failingField([](auto& s) {
                  s.model = Model::Hybrid;
                  s.workers = 16;
                  s.threadsPerProcess = 256;
              }),
              "");
}

TEST(Spec, ErrorMessageNamesTheRange)
{
    ExperimentSpec s;
    s.rateHz = 500;
    auto err = validate(s);
    ASSERT_TRUE(err);
    EXPECT_NE(err->message.find("1 … 100 Hz"), std::string::npos) << err->message;
}

TEST(Spec, DurationText)
{
    EXPECT_DOUBLE_EQ(*parseDuration("3s"), 3.0);
    EXPECT_DOUBLE_EQ(*parseDuration("500ms"), 0.5);
    EXPECT_DOUBLE_EQ(*parseDuration("2m"), 120.0);
    EXPECT_DOUBLE_EQ(*parseDuration("1.5"), 1.5);
    EXPECT_FALSE(parseDuration("fast"));
    EXPECT_FALSE(parseDuration("3 parsecs"));
    EXPECT_FALSE(parseDuration(""));
}

TEST(Spec, JsonRoundTrip)
{
    ExperimentSpec s;
    s.model = Model::Hybrid;
    s.workers = 3;
    s.threadsPerProcess = 4;
    s.spawn = SpawnMethod::Exec;
    s.durationS = 1.25;
    s.rateHz = 20;
    s.params["rounds"] = 128;
    const auto back = nlohmann::json(s).get<ExperimentSpec>();
    EXPECT_EQ(back, s);
    EXPECT_THROW((nlohmann::json{{"model", "fibers"}}.get<ExperimentSpec>()),
                 std::invalid_argument);
}
