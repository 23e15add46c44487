#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"

// The eu-west-2 education assessment platform: 100,000+ concurrent students, FERPA (encryption
// everywhere, least privilege, audit), 99.99% availability. docs/assessment-stack.md maps each
// requirement to the resources that meet it.
namespace edustack::stacks {

struct AssessmentConfig {
  // Appended to every AWS name ("edu-api-dev"). Lowercase letters, digits and "-", at most 12
  // characters, so that the longest name (a 32-character load balancer) stays valid. The CLI
  // fills it from --env or ENVIRONMENT_SUFFIX; the stack itself reads no environment variables.
  std::string environment = "dev";
  std::string region = "eu-west-2";
  std::vector<std::string> availability_zones = {"eu-west-2a", "eu-west-2c"};
  std::string vpc_cidr = "10.0.0.0/16";
  // Terraform state: an S3 backend with encryption and native locking.
  std::string state_bucket = "edu-assessment-terraform-state";
  std::string state_key;  // default "assessment/<environment>/terraform.tfstate"
  // HTTPS listener certificate (ACM ARN). Empty: the ALB serves HTTP and the stack says so with a
  // warning annotation.
  std::string certificate_arn;
  // The API container image; default: the "assessment-api" ECR repository of the account.
  std::string container_image;
  int container_port = 8080;
};

// Builds the whole platform into one stack. Throws edustack::ConfigError for invalid input
// (an environment suffix that would make an invalid AWS name, a bad CIDR, an AZ outside the
// region) before anything is synthesized.
class AssessmentStack : public core::Stack {
 public:
  AssessmentStack(core::App& app, std::string_view id, AssessmentConfig config = {});
  ~AssessmentStack() override;

  const AssessmentConfig& config() const noexcept { return config_; }
  // "edu-<component>-<environment>"
  std::string name(std::string_view component) const;

  struct Parts;  // the constructs, shared by the translation units that build them

 private:
  AssessmentConfig config_;
  std::unique_ptr<Parts> parts_;
};

// Rejects an environment suffix that cannot appear in AWS names; returns the problem or "".
std::string environment_suffix_problem(std::string_view suffix);

}  // namespace edustack::stacks
