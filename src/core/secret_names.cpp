#include "edustack/core/secret_names.hpp"

#include <cctype>
#include <string>

namespace edustack::inline core {

bool is_secret_name(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto ends_with = [&](std::string_view suffix) {
    return upper.size() >= suffix.size() &&
           std::string_view(upper).substr(upper.size() - suffix.size()) == suffix;
  };
  for (std::string_view suffix :
       {"_ARN", "_ID", "_NAME", "_PATH", "_FILE", "_URL", "_ENDPOINT", "_REGION", "_HEADER",
        "_LENGTH", "_POLICY", "_TTL", "_DAYS", "_ENABLED", "_VERSION", "_STAGE", "_TYPE"}) {
    if (ends_with(suffix)) return false;
  }
  for (std::string_view word : {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY",
                                "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"}) {
    if (upper.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace edustack::inline core
