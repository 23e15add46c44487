// The output layout (edustack/core/manifest.hpp): locations inside a synthesized stack file.

#include "edustack/core/manifest.hpp"

#include <vector>

namespace edustack::inline core::layout {

// Reads the JSON structure (objects, their keys, the line each key is on) rather than the
// writer's indentation, so a change of formatting cannot move a finding to a wrong line.
std::map<std::string, int> element_lines(std::string_view json) {
  std::map<std::string, int> out;
  struct Frame {
    bool object = false;
    std::string key;  // the key whose value is being read (objects)
  };
  std::vector<Frame> frames;
  int line = 1;
  std::string text;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '\n') {
      ++line;
    } else if (c == '{' || c == '[') {
      frames.push_back({c == '{', {}});
    } else if (c == '}' || c == ']') {
      if (!frames.empty()) frames.pop_back();
    } else if (c == '"') {
      const int at = line;
      text.clear();
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\' && i + 1 < json.size()) text += json[i++];
        text += json[i];
      }
      std::size_t next = i + 1;
      while (next < json.size() && (json[next] == ' ' || json[next] == '\n' || json[next] == '\t' ||
                                    json[next] == '\r')) {
        if (json[next] == '\n') ++line;
        ++next;
      }
      if (next >= json.size() || json[next] != ':' || frames.empty() || !frames.back().object) {
        i = next - 1;
        continue;
      }
      i = next;
      frames.back().key = text;
      // root {"resource": {type: {name: ...}}}: a name key three objects deep.
      if (frames.size() == 3 && frames[0].object && frames[1].object) {
        const std::string& block = frames[0].key;
        if (block == "resource") out.emplace(frames[1].key + "." + text, at);
        if (block == "data") out.emplace("data." + frames[1].key + "." + text, at);
      }
    }
  }
  return out;
}

}  // namespace edustack::inline core::layout
