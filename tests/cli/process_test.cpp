// Durations and signal names of src/cli/process.cpp (the process handling itself is tested
// through the CLI, with a stand-in terraform: cli_terraform_test.cpp).

#include "process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace edustack::cli::detail {
namespace {

using std::chrono::milliseconds;

TEST(Duration, Parses) {
  EXPECT_EQ(parse_duration("90s"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("10m"), milliseconds(600'000));
  EXPECT_EQ(parse_duration("1h"), milliseconds(3'600'000));
  EXPECT_EQ(parse_duration("1h30m"), milliseconds(5'400'000));
  EXPECT_EQ(parse_duration("2m30s"), milliseconds(150'000));
  EXPECT_EQ(parse_duration("500ms"), milliseconds(500));
  EXPECT_EQ(parse_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_duration("30"), milliseconds(30'000));  // bare seconds
  EXPECT_EQ(parse_duration("0.25"), milliseconds(250));
}

TEST(Duration, RejectsWhatIsNotAPositiveDuration) {
  for (const char* bad : {"", "0", "0s", "0ms", "s", "-1s", "5x", "abc", "1.2.3s", "10m5", "1 s",
                          "1d", ".", "1e3", "9999999h", "0.4ms"}) {
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
  }
}

TEST(Duration, Formats) {
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(milliseconds(1000)), "1s");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1.5s");
  EXPECT_EQ(format_duration(milliseconds(90'000)), "1m30s");
  EXPECT_EQ(format_duration(milliseconds(600'000)), "10m");
  EXPECT_EQ(format_duration(milliseconds(5'400'000)), "1h30m");
  EXPECT_EQ(format_duration(milliseconds(3'600'000)), "1h");
  for (const char* text : {"90s", "10m", "1h30m", "500ms", "1.25s"}) {
    EXPECT_EQ(parse_duration(format_duration(*parse_duration(text))), parse_duration(text));
  }
}

TEST(SignalName, NamesTheCommonSignals) {
  EXPECT_EQ(signal_name(SIGSEGV), "SIGSEGV");
  EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(signal_name(SIGINT), "SIGINT");
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(SIGABRT), "SIGABRT");
  EXPECT_EQ(signal_name(SIGBUS), "SIGBUS");
  EXPECT_EQ(signal_name(200), "signal 200");
}

TEST(TerraformLeftovers, LockErroredStateAndPartialPlan) {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "edustack-leftovers-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  fs::path dir = pattern;
  EXPECT_TRUE(terraform_leftovers(dir, "edustack.tfplan").empty());  // nothing there

  std::ofstream(dir / ".terraform.tfstate.lock.info") << "{\"ID\": \"1234-abcd\"}";
  std::ofstream(dir / "errored.tfstate") << "{}";
  std::ofstream(dir / "edustack.tfplan") << "partial";
  std::vector<std::string> left = terraform_leftovers(dir, "edustack.tfplan");
  ASSERT_EQ(left.size(), 3u);
  EXPECT_THAT(left[0], ::testing::HasSubstr("(lock ID 1234-abcd)"));
  EXPECT_THAT(left[0], ::testing::HasSubstr("`terraform force-unlock 1234-abcd`"));
  EXPECT_THAT(left[1], ::testing::HasSubstr("`terraform state push errored.tfstate`"));
  EXPECT_THAT(left[2], ::testing::HasSubstr("edustack.tfplan: terraform plan did not finish"));
  EXPECT_FALSE(fs::exists(dir / "edustack.tfplan"));
  EXPECT_TRUE(fs::exists(dir / "errored.tfstate"));  // reported, never touched

  std::ofstream(dir / ".terraform.tfstate.lock.info", std::ios::trunc) << "garbage";
  left = terraform_leftovers(dir, "");
  ASSERT_EQ(left.size(), 2u);
  EXPECT_THAT(left[0], ::testing::HasSubstr("(lock ID unknown)"));
  EXPECT_THAT(left[0], ::testing::HasSubstr("`terraform force-unlock LOCK_ID`"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace edustack::cli::detail
