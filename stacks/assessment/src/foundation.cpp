// Provider, state backend, tags and the customer-managed KMS keys every other part uses.
#include "edustack/aws/provider.hpp"
#include "edustack/compliance/check.hpp"
#include "edustack/constructs/kms_key.hpp"
#include "edustack/core/aspect.hpp"
#include "edustack/core/backend.hpp"
#include "parts.hpp"

namespace edustack::stacks {

void build_foundation(AssessmentStack& stack, AssessmentStack::Parts& parts) {
  const auto& config = stack.config();
  std::map<std::string, std::string> tags{{"Project", "edu-assessment"},
                                          {"Environment", config.environment},
                                          {"DataClassification", "ferpa-confidential"},
                                          {"Compliance", "FERPA"}};
  stack.make<aws::Provider>(
      "aws", aws::ProviderConfig{.default_tags = {{.tags = tags}}, .region = config.region});
  // Provider default tags reach AWS; the tag aspect also writes them into each resource so the
  // synthesized JSON (and the compliance checks) see them.
  core::add_tags(stack, tags);
  // FERPA: the compliance pack runs at every synthesis; an error-level finding fails it.
  compliance::enable(stack);
  stack.make<core::S3Backend>("backend", core::S3BackendConfig{.bucket = config.state_bucket,
                                                               .key = config.state_key,
                                                               .region = config.region,
                                                               .encrypt = true,
                                                               .use_lockfile = true});

  auto& keys = stack.make<core::Construct>("keys");
  auto key = [&](const char* id, std::vector<std::string> services) {
    return &keys.make<constructs::KmsKey>(
        id, constructs::KmsKeyConfig{.alias = stack.name(std::string(id) + "-key"),
                                     .service_principals = std::move(services)});
  };
  std::string logs = "logs." + config.region + ".amazonaws.com";
  parts.rds_key = key("rds", {"rds.amazonaws.com"});
  parts.cache_key = key("cache", {"elasticache.amazonaws.com"});
  parts.storage_key =
      key("storage", {"s3.amazonaws.com", "firehose.amazonaws.com", "cloudtrail.amazonaws.com",
                      "logging.s3.amazonaws.com"});  // S3 access logs into the audit bucket
  parts.logs_key = key("logs", {logs});
  parts.stream_key = key("stream", {"kinesis.amazonaws.com", "firehose.amazonaws.com"});
  parts.secrets_key = key("secrets", {"secretsmanager.amazonaws.com", "lambda.amazonaws.com"});
}

}  // namespace edustack::stacks
