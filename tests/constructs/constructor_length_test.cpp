// Constructs are readable compositions: no constructor of src/constructs is longer than 120
// lines (from its first line to the closing brace at column 0); a longer one is split into named
// parts (issue 11).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

struct Constructor {
  std::string where;  // file:line
  std::string name;
  std::size_t lines;
};

std::vector<Constructor> constructors_in(const std::filesystem::path& file) {
  static const std::regex definition(R"(^([A-Za-z_][A-Za-z0-9_]*)::([A-Za-z_][A-Za-z0-9_]*)\()");
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<Constructor> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    if (!std::regex_search(lines[i], match, definition) || match[1] != match[2]) continue;
    std::size_t end = i;
    while (end < lines.size() && lines[end] != "}") ++end;
    out.push_back(
        {file.filename().string() + ":" + std::to_string(i + 1), match[1].str(), end - i + 1});
  }
  return out;
}

TEST(ConstructLibrary, NoConstructorIsLongerThan120Lines) {
  std::filesystem::path dir = std::filesystem::path(EDUSTACK_SOURCE_DIR) / "src" / "constructs";
  std::vector<Constructor> all;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".cpp") continue;
    for (auto& constructor : constructors_in(entry.path())) all.push_back(std::move(constructor));
  }
  // Every construct class of the library has its constructor in src/constructs.
  EXPECT_GE(all.size(), 17u);
  for (const auto& constructor : all) {
    EXPECT_LE(constructor.lines, 120u) << constructor.name << " (" << constructor.where << ") is "
                                       << constructor.lines << " lines: split it into named parts";
  }
}

}  // namespace
