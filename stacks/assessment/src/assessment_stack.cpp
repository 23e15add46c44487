#include "edustack/error.hpp"
#include "parts.hpp"

namespace edustack::stacks {

namespace {
// The longest name is the load balancer's: "edu-alb-" + suffix within its 32 characters.
constexpr std::size_t kMaxSuffixLength = 12;
}  // namespace

std::string environment_suffix_problem(std::string_view suffix) {
  if (suffix.empty() || suffix.size() > kMaxSuffixLength) {
    return "\"" + std::string(suffix) + "\" must be 1 to " + std::to_string(kMaxSuffixLength) +
           " characters";
  }
  for (char c : suffix) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return "\"" + std::string(suffix) +
             "\" may contain only lowercase letters, digits and \"-\" (it ends up in S3 bucket "
             "and load balancer names)";
    }
  }
  if (suffix.front() == '-' || suffix.back() == '-') {
    return "\"" + std::string(suffix) + "\" must not start or end with \"-\"";
  }
  return "";
}

std::string AssessmentStack::name(std::string_view component) const {
  return "edu-" + std::string(component) + "-" + config_.environment;
}

AssessmentStack::AssessmentStack(core::App& app, std::string_view id, AssessmentConfig config)
    : core::Stack(app, id), config_(std::move(config)), parts_(std::make_unique<Parts>()) {
  if (auto problem = environment_suffix_problem(config_.environment); !problem.empty()) {
    throw ConfigError(node().path(), "environment", problem);
  }
  if (config_.environment == "prod" && config_.certificate_arn.empty()) {
    throw ConfigError(node().path(), "certificate_arn",
                      "production serves HTTPS only: give the ACM certificate of the API domain");
  }
  if (config_.state_key.empty()) {
    config_.state_key = "assessment/" + config_.environment + "/terraform.tfstate";
  }
  build_foundation(*this, *parts_);
  build_network(*this, *parts_);
  build_data(*this, *parts_);
  build_compute(*this, *parts_);
  build_observability(*this, *parts_);
}

AssessmentStack::~AssessmentStack() = default;

}  // namespace edustack::stacks
