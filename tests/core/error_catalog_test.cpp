// The error-id catalog (edustack/error.hpp): every id the sources throw is in it, every id in it
// is thrown, and docs/errors.md and docs/design.md list each one.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <edustack/error_catalog.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace edustack;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Ids thrown in src/ and include/: Error("id", ...) and its subclasses (the id may start on the
// next line), constants that hold ids (kMalformed = "schema.malformed"), default id arguments.
std::map<std::string, std::string> thrown_ids() {
  static const std::regex patterns[] = {
      std::regex(R"re(\b(?:[A-Z]\w*)?Error\(\s*"([a-z]+\.[a-z_]+)")re"),
      std::regex(R"re(constexpr std::string_view k\w+ = "([a-z]+\.[a-z_]+)")re"),
      std::regex(R"re(const std::string& id = "([a-z]+\.[a-z_]+)")re")};
  std::map<std::string, std::string> out;  // id -> first file
  const fs::path root = EDUSTACK_SOURCE_DIR;
  for (const char* dir : {"src", "include"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const auto extension = entry.path().extension();
      if (extension != ".cpp" && extension != ".hpp") continue;
      const std::string text = read(entry.path());
      if (entry.path().filename() == "error_catalog.hpp") continue;  // the catalog itself
      for (const auto& pattern : patterns) {
        for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
          out.emplace((*it)[1].str(), fs::relative(entry.path(), root).string());
        }
      }
    }
  }
  return out;
}

}  // namespace

TEST(ErrorCatalog, EveryThrownIdIsInTheCatalog) {
  auto thrown = thrown_ids();
  // The scan finds what it should: guards against a pattern that silently matches nothing.
  ASSERT_GE(thrown.size(), 20u);
  EXPECT_TRUE(thrown.contains("config.invalid"));
  EXPECT_TRUE(thrown.contains("schema.malformed"));  // through a constant
  EXPECT_TRUE(thrown.contains("io.write_failed"));   // through a default argument
  for (const auto& [id, file] : thrown) {
    EXPECT_NE(find_error_id(id), nullptr)
        << id << " (thrown in " << file << ") is not in edustack::error_catalog";
  }
}

TEST(ErrorCatalog, EveryCatalogIdIsThrownAndDocumented) {
  auto thrown = thrown_ids();
  const fs::path root = EDUSTACK_SOURCE_DIR;
  const std::string errors_md = read(root / "docs" / "errors.md");
  const std::string design_md = read(root / "docs" / "design.md");
  std::set<std::string_view> seen;
  for (const auto& entry : error_catalog) {
    EXPECT_TRUE(seen.insert(entry.id).second) << entry.id << " is in the catalog twice";
    EXPECT_TRUE(thrown.contains(std::string(entry.id))) << entry.id << " is never thrown";
    EXPECT_FALSE(entry.meaning.empty()) << entry.id;
    const std::string row = "| `" + std::string(entry.id) + "` | `" + std::string(entry.thrown_as) +
                            "` | " + std::string(entry.meaning) + " |";
    EXPECT_NE(errors_md.find(row), std::string::npos) << "docs/errors.md lacks the row: " << row;
    EXPECT_NE(design_md.find("`" + std::string(entry.id) + "`"), std::string::npos)
        << "docs/design.md does not list " << entry.id;
  }
}

TEST(ErrorCatalog, ThrownErrorsCarryCatalogIds) {
  App app;
  Stack stack(app, "stack");
  GenericResource vpc(stack, "vpc", "aws_vpc");
  try {
    GenericResource again(stack, "vpc", "aws_vpc");
    FAIL() << "a duplicate id was accepted";
  } catch (const Error& error) {
    ASSERT_NE(find_error_id(error.id()), nullptr) << error.id();
    EXPECT_EQ(find_error_id(error.id())->thrown_as, "ConstructError");
  }
  try {
    app.synth_in_memory({.stacks = {"nope"}});
    FAIL() << "an unknown stack was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "synth.unknown_stack");
    EXPECT_NE(find_error_id(error.id()), nullptr);
  }
  // At run time: under -fsanitize=address the lookup is not a constant expression.
  EXPECT_NE(find_error_id("config.invalid"), nullptr);
  EXPECT_EQ(find_error_id("no.such_id"), nullptr);
}
