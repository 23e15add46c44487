#include "edustack/compliance/ferpa.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "edustack/compliance/inspect.hpp"
#include "edustack/compliance/policy.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/core/secret_names.hpp"
#include "resource_tags.hpp"
#include "rule_support.hpp"

namespace edustack::compliance {

namespace {

using namespace detail;  // rule_support.hpp: helpers shared with the baseline pack

// How many instances a resource stands for: count or for_each when literal; an expression is
// taken to mean "more than one" (it cannot be evaluated at synthesis).
int multiplicity(const ResourceView& r) {
  if (const Value* count = r.get("count"); count && !count->is_null()) {
    auto n = number(count);
    return n ? static_cast<int>(*n) : 2;
  }
  if (const Value* each = r.get("for_each"); each && !each->is_null()) {
    if (each->is_list()) return static_cast<int>(each->as_list().size());
    if (each->is_object()) return static_cast<int>(each->as_object().size());
    return 2;
  }
  return 1;
}

// --- secrets -------------------------------------------------------------------------------

bool is_secret_argument(std::string_view key) {
  // Every name below contains one of these; most argument names contain none (a quick reject:
  // the rule asks this of every string argument of every resource at synthesis).
  if (key.find("pass") == std::string_view::npos && key.find("secret") == std::string_view::npos &&
      key.find("token") == std::string_view::npos && key.find("key") == std::string_view::npos) {
    return false;
  }
  static const std::set<std::string_view> exact = {
      "password",    "master_password", "auth_token",    "secret_string", "secret_binary",
      "access_key",  "secret_key",      "private_key",   "client_secret", "api_key",
      "token",       "passphrase",      "shared_secret", "secret",        "master_user_password",
      "secret_token"};
  static const std::set<std::string_view> excluded = {"client_token", "idempotency_token",
                                                      "password_length", "secret_id"};
  // A write-only argument (master_password_wo) holds what its plain form would.
  if (ends_with(key, "_wo")) key.remove_suffix(3);
  if (excluded.count(key)) return false;
  if (exact.count(key)) return true;
  for (std::string_view suffix : {"_password", "_secret", "_token", "_api_key", "_private_key",
                                  "_secret_key", "_passphrase"}) {
    if (ends_with(key, suffix)) return true;
  }
  return false;
}

bool is_secret_variable(std::string_view name) {
  return is_secret_name(name);  // the one policy (edustack/core/secret_names.hpp)
}

// path is a buffer extended and cut back around each step, so walking an argument tree
// allocates nothing until a secret is found (this rule runs on every resource at synthesis).
void find_literal_secrets(const Value& value, std::string& path, std::vector<std::string>& out) {
  const std::size_t length = path.size();
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (key == "tags" || key == "tags_all" || key == "//" || key == "lifecycle") continue;
      if (!item.is_string() && !item.is_object() && !item.is_list() && !item.is_expression())
        continue;  // a number, boolean or null: neither a secret nor a container of one
      if (length > 0) path += '.';
      path += key;
      if (item.is_string()) {
        if (!item.as_string().empty() && is_secret_argument(key)) {
          out.push_back(path + " is a literal");
        }
      } else {
        find_literal_secrets(item, path, out);
      }
      path.resize(length);
    }
  } else if (value.is_list()) {
    const auto& list = value.as_list();
    for (std::size_t i = 0; i < list.size(); ++i) {
      path += '.';
      path += std::to_string(i);
      find_literal_secrets(list[i], path, out);
      path.resize(length);
    }
  } else if (value.is_expression()) {
    if (const Value* document = json_encoded(&value)) find_literal_secrets(*document, path, out);
  }
}

// The container definitions of a task definition; nullopt when they cannot be read.
std::optional<std::vector<Value>> containers(const ResourceView& r) {
  auto document = json_document(r.get("container_definitions"));
  if (!document) return std::nullopt;
  std::vector<Value> out;
  if (document->is_list()) {
    for (const auto& item : document->as_list()) {
      if (item.is_object()) out.push_back(item);
    }
  } else if (document->is_object()) {
    out.push_back(*document);
  }
  return out;
}

std::string container_name(const Value& container, std::size_t index) {
  std::string name = text(container.find("name"));
  return name.empty() ? "container " + std::to_string(index) : "container \"" + name + "\"";
}

// --- network -------------------------------------------------------------------------------

// True when an internet-facing load balancer uses the security group.
bool on_public_load_balancer(const StackView& stack, const Element* group) {
  if (!group) return false;
  for (const auto* type : {"aws_lb", "aws_alb"}) {
    for (const ResourceView* lb : stack.of_type(type)) {
      if (is_true(lb->get("internal"))) continue;
      if (refers_to(lb->get("security_groups"), *group)) return true;
    }
  }
  return false;
}

// Open ingress is allowed only on TCP 80/443 of a group an internet-facing load balancer uses.
std::string check_ingress(const Ingress& rule, const StackView& stack) {
  auto open = open_ingress(rule);
  if (!open) return {};
  if (!open->web) return open->what;
  if (!on_public_load_balancer(stack, rule.group)) {
    return open->what + " on a security group no internet-facing load balancer uses";
  }
  return {};
}

// --- tagging -------------------------------------------------------------------------------

// Whether a resource takes tags: a typed (generated) resource says so itself (tags_argument());
// a resource that sets tags takes them; an untyped one is looked up in the provider schema loaded
// at run time, if any, then in the registry of the bindings' schema (resource_tags.hpp).
// nullopt: unknown (an untyped resource of a type neither schema has).
std::optional<bool> takes_tags(const ResourceView& r, const TagLookup& schema) {
  // tags_argument() is non-const in the core; calling it reads nothing and changes nothing.
  if (const_cast<ResourceBase&>(r.element()).tags_argument() != nullptr) return true;
  if (r.get("tags")) return true;
  if (!dynamic_cast<const GenericResource*>(&r.element())) return false;  // typed, no tags
  if (schema) {
    if (auto known = schema(r.type())) return known;
  }
  return schema_has_tags(r.type());
}

class TagRule : public Rule {
 public:
  TagRule(RuleInfo info, std::vector<std::string> required, TagLookup schema)
      : Rule(std::move(info)), required_(std::move(required)), schema_(std::move(schema)) {}

  bool applies_to(const ResourceView& r) const override {
    return !r.is_data_source() && takes_tags(r, schema_) != false;
  }

  std::string skip_reason(const ResourceView& r) const override {
    if (takes_tags(r, schema_)) return {};
    const std::string bindings =
        "the provider schema of the bindings (" + std::string(kTagRegistrySchema) + ")";
    return (schema_
                ? "untyped resource whose type is in neither the loaded provider schema nor " +
                      bindings
                : "untyped resource whose type is not in " + bindings +
                      ", and no provider schema was loaded (edustack check --provider-schema)") +
           ": whether it takes tags is unknown; use a typed resource, or set its tags";
  }

  Violations check(const ResourceView& r) const override {
    auto tags = effective_tags(r);
    if (!tags) return {"tags are set by an expression that cannot be read at synthesis"};
    std::vector<std::string> missing;
    for (const auto& tag : required_) {
      auto it = tags->find(tag);
      if (it == tags->end() || !is_set(&it->second)) missing.push_back(tag);
    }
    if (missing.empty()) return {};
    return {"missing " + join(missing)};
  }

 private:
  std::vector<std::string> required_;
  TagLookup schema_;
};

// --- the pack ------------------------------------------------------------------------------

void add_encryption_rules(Builder& add) {
  add({.id = "FERPA-S3-001",
       .severity = Severity::error,
       .message = "S3 bucket has no default encryption with a customer-managed KMS key",
       .fix = "add an aws_s3_bucket_server_side_encryption_configuration for the bucket with "
              "sse_algorithm \"aws:kms\" and kms_master_key_id set to an aws_kms_key",
       .checkov = "CKV_AWS_145",
       .trivy = "AVD-AWS-0088, AVD-AWS-0132",
       .resource_types = {"aws_s3_bucket"},
       .suppressible = false},
      [](const ResourceView& bucket) -> Violations {
        const std::vector<const Value*> rules = bucket_encryption_rules(bucket);
        if (rules.empty()) {
          return {"no aws_s3_bucket_server_side_encryption_configuration refers to it"};
        }
        std::vector<std::string> seen;
        for (const Value* rule : rules) {
          const Value* defaults = at(*rule, "apply_server_side_encryption_by_default");
          if (!defaults) continue;
          std::string algorithm = text(at(*defaults, "sse_algorithm"));
          const Value* key = at(*defaults, "kms_master_key_id");
          if ((algorithm == "aws:kms" || algorithm == "aws:kms:dsse") &&
              is_customer_managed_key(key)) {
            return {};
          }
          seen.push_back("sse_algorithm " + shown(at(*defaults, "sse_algorithm")) +
                         ", kms_master_key_id " + shown(key));
        }
        if (seen.empty()) return {"no rule sets apply_server_side_encryption_by_default"};
        return {"default encryption is " + join(seen, " / ")};
      });

  add({.id = "FERPA-RDS-001",
       .severity = Severity::error,
       .message = "database storage is not encrypted with a customer-managed KMS key",
       .fix = "set storage_encrypted = true and kms_key_id to an aws_kms_key ARN",
       .checkov = "CKV_AWS_96, CKV_AWS_327",
       .trivy = "AVD-AWS-0079",
       .resource_types = {"aws_rds_cluster", "aws_db_instance"},
       .suppressible = false},
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        require_true(r, "storage_encrypted", problems);
        require_cmk(r, "kms_key_id", problems);
        return one(problems);
      });

  add(shared({.id = "FERPA-ELC-001",
              .severity = Severity::error,
              .message =
                  "ElastiCache replication group is not encrypted at rest with a customer-managed "
                  "KMS key",
              .fix = "set at_rest_encryption_enabled = true and kms_key_id to an aws_kms_key ARN",
              .checkov = "CKV_AWS_29, CKV_AWS_191",
              .resource_types = {"aws_elasticache_replication_group"}},
             shared_rules::aws_enc_009),
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        require_true(r, "at_rest_encryption_enabled", problems);
        require_cmk(r, "kms_key_id", problems);
        return one(problems);
      });

  add({.id = "FERPA-KIN-001",
       .severity = Severity::error,
       .message = "Kinesis stream is not encrypted with a customer-managed KMS key",
       .fix = "set encryption_type = \"KMS\" and kms_key_id to an aws_kms_key ARN (not "
              "alias/aws/kinesis)",
       .checkov = "CKV_AWS_43, CKV_AWS_185",
       .trivy = "AVD-AWS-0064",
       .resource_types = {"aws_kinesis_stream"}},
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        if (text(r.get("encryption_type")) != "KMS") {
          problems.push_back("encryption_type is " + shown(r.get("encryption_type")));
        }
        require_cmk(r, "kms_key_id", problems);
        return one(problems);
      });

  add({.id = "FERPA-FH-001",
       .severity = Severity::error,
       .message = "Firehose delivery stream is not encrypted with a customer-managed KMS key",
       .fix = "add server_side_encryption { enabled = true, key_type = \"CUSTOMER_MANAGED_CMK\", "
              "key_arn = <aws_kms_key ARN> } (streams reading from Kinesis inherit its "
              "encryption)",
       .checkov = "CKV_AWS_240, CKV_AWS_241",
       .resource_types = {"aws_kinesis_firehose_delivery_stream"}},
      [](const ResourceView& r) -> Violations {
        if (is_set(r.get("kinesis_source_configuration"))) return {};
        std::vector<std::string> problems;
        require_true(r, "server_side_encryption.enabled", problems);
        if (text(r.get("server_side_encryption.key_type")) != "CUSTOMER_MANAGED_CMK") {
          problems.push_back("server_side_encryption.key_type is " +
                             shown(r.get("server_side_encryption.key_type")));
        }
        require_cmk(r, "server_side_encryption.key_arn", problems);
        return one(problems);
      });

  add(shared({.id = "FERPA-SQS-001",
              .severity = Severity::error,
              .message = "SQS queue is not encrypted with a customer-managed KMS key",
              .fix = "set kms_master_key_id to an aws_kms_key (SSE-SQS uses an AWS-owned key)",
              .trivy = "AVD-AWS-0096, AVD-AWS-0135",
              .resource_types = {"aws_sqs_queue"}},
             shared_rules::aws_enc_005),
      [](const ResourceView& r) { return require_cmk(r, "kms_master_key_id"); });

  add(shared(
          {.id = "FERPA-LOG-001",
           .severity = Severity::error,
           .message = "CloudWatch log group is not encrypted with a customer-managed KMS key",
           .fix =
               "set kms_key_id to an aws_kms_key ARN whose policy lets logs.<region>.amazonaws.com "
               "use it",
           .resource_types = {"aws_cloudwatch_log_group"}},
          shared_rules::aws_enc_007),
      [](const ResourceView& r) { return require_cmk(r, "kms_key_id"); });

  add({.id = "FERPA-SM-001",
       .severity = Severity::error,
       .message = "Secrets Manager secret is not encrypted with a customer-managed KMS key",
       .fix = "set kms_key_id to an aws_kms_key",
       .checkov = "CKV_AWS_149",
       .trivy = "AVD-AWS-0098",
       .resource_types = {"aws_secretsmanager_secret"}},
      [](const ResourceView& r) { return require_cmk(r, "kms_key_id"); });

  add({.id = "FERPA-CT-001",
       .severity = Severity::error,
       .message = "CloudTrail logs are not encrypted with a customer-managed KMS key",
       .fix = "set kms_key_id to an aws_kms_key ARN whose policy lets cloudtrail.amazonaws.com "
              "use it",
       .checkov = "CKV_AWS_35",
       .trivy = "AVD-AWS-0015",
       .resource_types = {"aws_cloudtrail"}},
      [](const ResourceView& r) { return require_cmk(r, "kms_key_id"); });
}

void add_transit_rules(Builder& add) {
  add(shared({.id = "FERPA-ELC-002",
              .severity = Severity::error,
              .resource_types = {"aws_elasticache_replication_group"}},
             shared_rules::aws_tls_004),
      [](const ResourceView& r) { return require_true(r, "transit_encryption_enabled"); });

  add({.id = "FERPA-ELC-003",
       .severity = Severity::error,
       .message = "ElastiCache replication group does not require authentication",
       .fix = "set auth_token from a secret (or user_group_ids for RBAC) together with "
              "transit_encryption_enabled = true",
       .checkov = "CKV_AWS_31",
       .resource_types = {"aws_elasticache_replication_group"}},
      [](const ResourceView& r) -> Violations {
        if (is_set(r.get("auth_token")) || is_set(r.get("user_group_ids"))) return {};
        return {"neither auth_token nor user_group_ids is set"};
      });

  add(shared({.id = "FERPA-ALB-001",
              .severity = Severity::error,
              .resource_types = {"aws_lb_listener", "aws_alb_listener"}},
             shared_rules::aws_tls_002),
      [](const ResourceView& r) -> Violations {
        std::string protocol = upper(text(r.get("protocol")));
        if (protocol.empty()) protocol = "HTTP";
        if (protocol != "HTTP") return {};
        auto actions = blocks(r.get("default_action"));
        bool redirects = !actions.empty();
        for (const Value* action : actions) {
          redirects = redirects && text(action->find("type")) == "redirect" &&
                      upper(text(at(*action, "redirect.protocol"))) == "HTTPS";
        }
        if (redirects) return {};
        return {"HTTP listener on port " + text(r.get("port")) + " does not redirect to HTTPS"};
      });

  add(shared({.id = "FERPA-ALB-002",
              .severity = Severity::error,
              .resource_types = {"aws_lb_listener", "aws_alb_listener"}},
             shared_rules::aws_tls_003),
      [](const ResourceView& r) -> Violations {
        const std::string protocol = upper(text(r.get("protocol")));
        if (protocol != "HTTPS" && protocol != "TLS") return {};
        const Value* policy = r.get("ssl_policy");
        if (!is_set(policy)) {
          return {"ssl_policy is not set (the default ELBSecurityPolicy-2016-08 allows TLS 1.0)"};
        }
        const std::string name = text(policy);
        if (!policy->is_expression() &&
            (name.find("TLS13") != std::string::npos || name.find("TLS-1-2") != std::string::npos ||
             name.find("FS-1-2") != std::string::npos)) {
          return {};
        }
        return {"ssl_policy is " + shown(policy)};
      });

  add(shared(
          {.id = "FERPA-S3-002", .severity = Severity::error, .resource_types = {"aws_s3_bucket"}},
          shared_rules::aws_tls_001),
      [](const ResourceView& bucket) -> Violations {
        auto policies =
            bucket.stack().referring_to(bucket, "aws_s3_bucket_policy", "bucket", "bucket");
        if (policies.empty()) return {"no aws_s3_bucket_policy refers to it"};
        for (const ResourceView* policy : policies) {
          auto statements = read_policy(policy->get("policy"), bucket.stack());
          if (!statements) return {"the policy of " + policy->path() + " cannot be read"};
          for (const auto& statement : *statements) {
            if (statement.allow) continue;
            for (const auto& condition : statement.conditions) {
              const std::string variable = lower(condition.variable);
              if (variable == "aws:securetransport" && has(condition.values, "false")) return {};
              if (variable == "s3:tlsversion" &&
                  lower(condition.test).find("numericlessthan") != std::string::npos) {
                return {};
              }
            }
          }
        }
        return {"no Deny statement on aws:SecureTransport = false"};
      });
}

void add_key_and_secret_rules(Builder& add) {
  add({.id = "FERPA-KMS-001",
       .severity = Severity::error,
       .message = "KMS key does not rotate automatically",
       .fix = "set enable_key_rotation = true",
       .checkov = "CKV_AWS_7",
       .trivy = "AVD-AWS-0065",
       .resource_types = {"aws_kms_key"}},
      [](const ResourceView& r) -> Violations {
        const std::string spec = text(r.get("customer_master_key_spec"));
        if (!spec.empty() && spec != "SYMMETRIC_DEFAULT") return {};  // cannot rotate
        return require_true(r, "enable_key_rotation");
      });

  add({.id = "FERPA-KMS-002",
       .severity = Severity::error,
       .message = "KMS key policy allows any principal (\"*\")",
       .fix = "name the account root, roles or services in Principal, or restrict a \"*\" "
              "principal with a kms:CallerAccount / aws:PrincipalOrgID condition",
       .checkov = "CKV_AWS_33",
       .resource_types = {"aws_kms_key", "aws_kms_key_policy"}},
      [](const ResourceView& r) -> Violations {
        const Value* policy = r.get("policy");
        if (!is_set(policy)) return {};  // the default key policy: the account root
        auto statements = read_policy(policy, r.stack());
        if (!statements) return {"the key policy cannot be read at synthesis"};
        static const std::set<std::string, std::less<>> limiting = {
            "kms:calleraccount", "aws:principalaccount", "aws:principalorgid",   "aws:principalarn",
            "aws:sourceaccount", "aws:sourcearn",        "aws:principalorgpaths"};
        std::vector<std::string> problems;
        for (std::size_t i = 0; i < statements->size(); ++i) {
          const auto& statement = (*statements)[i];
          if (!statement.allow || !has(statement.principals, "*")) continue;
          bool limited = std::any_of(
              statement.conditions.begin(), statement.conditions.end(),
              [&](const PolicyCondition& c) { return limiting.count(lower(c.variable)) > 0; });
          if (!limited)
            problems.push_back(statement_name(statement, i) + " allows Principal \"*\"");
        }
        return one(problems);
      });

  add({.id = "FERPA-SM-002",
       .severity = Severity::error,
       .message = "Secrets Manager secret is not rotated automatically",
       .fix = "add an aws_secretsmanager_secret_rotation for the secret (a rotation Lambda or a "
              "managed rotation)",
       .checkov = "CKV2_AWS_57",
       .resource_types = {"aws_secretsmanager_secret"}},
      [](const ResourceView& secret) -> Violations {
        if (!secret.stack()
                 .referring_to(secret, "aws_secretsmanager_secret_rotation", "secret_id", "name")
                 .empty()) {
          return {};
        }
        return {"no aws_secretsmanager_secret_rotation refers to it"};
      });

  add({.id = "FERPA-SM-003",
       .severity = Severity::error,
       .message = "secret rotation interval is longer than 90 days",
       .fix = "set rotation_rules.automatically_after_days <= 90 (or a schedule_expression of at "
              "most rate(90 days))",
       .checkov = "CKV_AWS_304",
       .resource_types = {"aws_secretsmanager_secret_rotation"}},
      [](const ResourceView& r) -> Violations {
        const Value* rules = r.get("rotation_rules");
        if (!is_set(rules)) return {"rotation_rules is not set"};
        if (const Value* days = r.get("rotation_rules.automatically_after_days"); is_set(days)) {
          auto n = number(days);
          if (n && *n <= 90) return {};
          return {"automatically_after_days is " + shown(days)};
        }
        const Value* schedule = r.get("rotation_rules.schedule_expression");
        const std::string expression = lower(text(schedule));
        if (starts_with(expression, "cron(")) return {};
        if (starts_with(expression, "rate(")) {
          std::size_t end = 5;
          while (end < expression.size() &&
                 std::isdigit(static_cast<unsigned char>(expression[end])))
            ++end;
          const int amount = end > 5 ? std::stoi(expression.substr(5, end - 5)) : 0;
          const std::string unit = expression.substr(end);
          if (unit.find("hour") != std::string::npos) return {};
          if (unit.find("day") != std::string::npos && amount > 0 && amount <= 90) return {};
        }
        return {"schedule_expression is " + shown(schedule)};
      });

  add({.id = "FERPA-SEC-001",
       .severity = Severity::error,
       .message = "a secret is written as a literal in the configuration",
       .fix = "generate it (random_password, manage_master_user_password = true) or read it from "
              "Secrets Manager; never put secrets in code or state as literals",
       .suppressible = false},
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> found;
        std::string path;
        find_literal_secrets(r.arguments(), path, found);
        return one(found);
      });

  add({.id = "FERPA-SEC-002",
       .severity = Severity::error,
       .message = "a secret is passed in a plain environment variable",
       .fix = "use the container's secrets (valueFrom a Secrets Manager ARN) or have the function "
              "read the secret at run time; keep only non-secret settings in environment",
       .checkov = "CKV_AWS_45",
       .trivy = "AVD-AWS-0036",
       .resource_types = {"aws_ecs_task_definition", "aws_lambda_function"}},
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        if (r.type() == "aws_lambda_function") {
          const Value* variables = r.get("environment.variables");
          if (variables && variables->is_object()) {
            for (const auto& [name, value] : variables->as_object()) {
              if (is_secret_variable(name)) problems.push_back("environment variable " + name);
            }
          }
          return one(problems);
        }
        auto list = containers(r);
        if (!list) return {"container_definitions cannot be read at synthesis"};
        for (std::size_t i = 0; i < list->size(); ++i) {
          for (const Value* entry : blocks((*list)[i].find("environment"))) {
            const std::string name = text(entry->find("name"));
            if (is_secret_variable(name)) {
              problems.push_back(container_name((*list)[i], i) + " sets " + name +
                                 " in environment");
            }
          }
        }
        return one(problems);
      });
}

void add_availability_rules(Builder& add) {
  add({.id = "FERPA-RDS-002",
       .severity = Severity::warning,
       .message = "Aurora cluster has fewer than 2 instances in different availability zones",
       .fix = "create at least two aws_rds_cluster_instance for the cluster and leave "
              "availability_zone unset (or set different zones)",
       .resource_types = {"aws_rds_cluster"}},
      [](const ResourceView& cluster) -> Violations {
        const std::string engine = text(cluster.get("engine"));
        if (!engine.empty() && !starts_with(engine, "aurora")) return {};
        if (text(cluster.get("engine_mode")) == "serverless") return {};
        int instances = 0;
        std::set<std::string> zones;
        bool all_zoned = true;
        for (const ResourceView* instance : cluster.stack().referring_to(
                 cluster, "aws_rds_cluster_instance", "cluster_identifier", "cluster_identifier")) {
          instances += multiplicity(*instance);
          const Value* zone = instance->get("availability_zone");
          if (zone && zone->is_string()) {
            zones.insert(zone->as_string());
          } else {
            all_zoned = false;
          }
        }
        if (instances < 2) return {"it has " + std::to_string(instances) + " instance(s)"};
        if (all_zoned && zones.size() < 2) {
          return {"every instance is in " +
                  (zones.empty() ? std::string("one zone") : *zones.begin())};
        }
        return {};
      });

  add({.id = "FERPA-RDS-003",
       .severity = Severity::error,
       .message = "database has no deletion protection",
       .fix = "set deletion_protection = true",
       .checkov = "CKV_AWS_139",
       .trivy = "AVD-AWS-0177",
       .resource_types = {"aws_rds_cluster", "aws_db_instance"}},
      [](const ResourceView& r) { return require_true(r, "deletion_protection"); });

  add(shared({.id = "FERPA-RDS-004",
              .severity = Severity::error,
              .resource_types = {"aws_rds_cluster", "aws_db_instance"}},
             shared_rules::aws_bak_001),
      [](const ResourceView& r) -> Violations {
        const Value* days = r.get("backup_retention_period");
        if (!days || days->is_null()) return {"backup_retention_period is not set (1 day)"};
        auto n = number(days);
        if (n && *n >= 7) return {};
        return {"backup_retention_period is " + shown(days)};
      });

  add({.id = "FERPA-ELC-004",
       .severity = Severity::warning,
       .message = "Redis replication group has no Multi-AZ automatic failover",
       .fix = "set automatic_failover_enabled = true, multi_az_enabled = true and "
              "num_cache_clusters >= 2",
       .checkov = "CKV2_AWS_50",
       .resource_types = {"aws_elasticache_replication_group"}},
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        require_true(r, "automatic_failover_enabled", problems);
        require_true(r, "multi_az_enabled", problems);
        if (auto n = number(r.get("num_cache_clusters")); n && *n < 2) {
          problems.push_back("num_cache_clusters is " + text(r.get("num_cache_clusters")));
        }
        return one(problems);
      });
}

void add_logging_rules(Builder& add, const FerpaOptions& options) {
  add({.id = "FERPA-CT-002",
       .severity = Severity::error,
       .message = "CloudTrail trail does not cover every region",
       .fix = "set is_multi_region_trail = true",
       .checkov = "CKV_AWS_67",
       .trivy = "AVD-AWS-0014",
       .resource_types = {"aws_cloudtrail"}},
      [](const ResourceView& r) { return require_true(r, "is_multi_region_trail"); });

  add({.id = "FERPA-CT-003",
       .severity = Severity::error,
       .message = "CloudTrail log file validation is off",
       .fix = "set enable_log_file_validation = true",
       .checkov = "CKV_AWS_36",
       .trivy = "AVD-AWS-0016",
       .resource_types = {"aws_cloudtrail"}},
      [](const ResourceView& r) { return require_true(r, "enable_log_file_validation"); });

  add({.id = "FERPA-LOG-002",
       .severity = Severity::error,
       .message = "CloudWatch log group has no retention period (logs are kept forever)",
       .fix = "set retention_in_days to the period the data classification requires",
       .checkov = "CKV_AWS_66",
       .resource_types = {"aws_cloudwatch_log_group"}},
      [](const ResourceView& r) -> Violations {
        const Value* days = r.get("retention_in_days");
        if (!days || days->is_null()) return {"retention_in_days is not set"};
        if (auto n = number(days); n && *n == 0) return {"retention_in_days is 0 (never expire)"};
        return {};
      });

  const std::map<std::string, int> minimums = [&] {
    std::map<std::string, int> out;
    for (const auto& [name, days] : options.retention_days) out[lower(name)] = days;
    return out;
  }();
  const int fallback = options.default_retention_days;
  add({.id = "FERPA-LOG-003",
       .severity = Severity::error,
       .message = "CloudWatch log retention is shorter than the data classification requires",
       .fix = "raise retention_in_days to the minimum for the log group's DataClassification "
              "(docs/compliance.md)",
       .checkov = "CKV_AWS_338",
       .resource_types = {"aws_cloudwatch_log_group"}},
      [minimums, fallback](const ResourceView& r) -> Violations {
        const Value* days = r.get("retention_in_days");
        if (!days || days->is_null()) return {};  // FERPA-LOG-002
        auto n = number(days);
        if (!n) return {"retention_in_days is " + shown(days)};
        if (*n == 0) return {};  // never expires: long enough (FERPA-LOG-002 flags it)
        std::string classification;
        if (auto tags = effective_tags(r)) {
          if (auto it = tags->find("DataClassification"); it != tags->end()) {
            classification = text(&it->second);
          }
        }
        int minimum = fallback;
        if (auto it = minimums.find(lower(classification)); it != minimums.end()) {
          minimum = it->second;
        }
        if (*n >= minimum) return {};
        return {"retention_in_days is " + text(days) + ", " +
                (classification.empty() ? std::string("an unclassified log group")
                                        : "DataClassification \"" + classification + "\"") +
                " needs at least " + std::to_string(minimum)};
      });

  add({.id = "FERPA-API-001",
       .severity = Severity::error,
       .message = "API Gateway stage writes no access logs",
       .fix = "set access_log_settings { destination_arn = <log group ARN>, format = ... }",
       .checkov = "CKV_AWS_76",
       .trivy = "AVD-AWS-0001",
       .resource_types = {"aws_api_gateway_stage", "aws_apigatewayv2_stage"}},
      [](const ResourceView& r) -> Violations {
        if (is_set(r.get("access_log_settings.destination_arn"))) return {};
        return {"access_log_settings.destination_arn is not set"};
      });

  add({.id = "FERPA-API-002",
       .severity = Severity::warning,
       .message = "API Gateway stage has X-Ray tracing off",
       .fix = "set xray_tracing_enabled = true",
       .checkov = "CKV_AWS_73",
       .trivy = "AVD-AWS-0003",
       .resource_types = {"aws_api_gateway_stage"}},
      [](const ResourceView& r) { return require_true(r, "xray_tracing_enabled"); });

  add(shared({.id = "FERPA-ALB-003",
              .severity = Severity::error,
              .resource_types = {"aws_lb", "aws_alb"}},
             shared_rules::aws_log_002),
      [](const ResourceView& r) -> Violations {
        const std::string type = text(r.get("load_balancer_type"));
        if (!type.empty() && type != "application") return {};
        std::vector<std::string> problems;
        require_true(r, "access_logs.enabled", problems);
        if (!is_set(r.get("access_logs.bucket")))
          problems.push_back("access_logs.bucket is not set");
        return one(problems);
      });

  add({.id = "FERPA-ALB-004",
       .severity = Severity::error,
       .message = "application load balancer passes invalid HTTP headers on",
       .fix = "set drop_invalid_header_fields = true",
       .checkov = "CKV_AWS_131",
       .trivy = "AVD-AWS-0052",
       .resource_types = {"aws_lb", "aws_alb"}},
      [](const ResourceView& r) -> Violations {
        const std::string type = text(r.get("load_balancer_type"));
        if (!type.empty() && type != "application") return {};
        return require_true(r, "drop_invalid_header_fields");
      });

  add({.id = "FERPA-ECS-001",
       .severity = Severity::warning,
       .message = "ECS cluster has Container Insights off",
       .fix = "add setting { name = \"containerInsights\", value = \"enabled\" } (or "
              "\"enhanced\")",
       .checkov = "CKV_AWS_65",
       .trivy = "AVD-AWS-0034",
       .resource_types = {"aws_ecs_cluster"}},
      [](const ResourceView& r) -> Violations {
        for (const Value* setting : blocks(r.get("setting"))) {
          const std::string value = text(setting->find("value"));
          if (text(setting->find("name")) == "containerInsights" &&
              (value == "enabled" || value == "enhanced")) {
            return {};
          }
        }
        return {"no containerInsights setting is enabled"};
      });

  add(shared({.id = "FERPA-VPC-001", .severity = Severity::error, .resource_types = {"aws_vpc"}},
             shared_rules::aws_log_003),
      [](const ResourceView& vpc) -> Violations {
        if (!vpc.stack().referring_to(vpc, "aws_flow_log", "vpc_id").empty()) return {};
        return {"no aws_flow_log refers to it"};
      });
}

void add_exposure_rules(Builder& add) {
  add(shared({.id = "FERPA-S3-003",
              .severity = Severity::error,
              .trivy = "AVD-AWS-0094, AVD-AWS-0086, AVD-AWS-0087, AVD-AWS-0091, AVD-AWS-0093",
              .resource_types = {"aws_s3_bucket"}},
             shared_rules::aws_pub_001),
      [](const ResourceView& bucket) -> Violations {
        auto blocks_found = bucket.stack().referring_to(bucket, "aws_s3_bucket_public_access_block",
                                                        "bucket", "bucket");
        if (blocks_found.empty()) return {"no aws_s3_bucket_public_access_block refers to it"};
        std::vector<std::string> problems;
        for (const ResourceView* block : blocks_found) {
          problems.clear();
          for (const char* flag : {"block_public_acls", "block_public_policy", "ignore_public_acls",
                                   "restrict_public_buckets"}) {
            require_true(*block, flag, problems);
          }
          if (problems.empty()) return {};
        }
        return one(problems);
      });

  add(shared({.id = "FERPA-RDS-005",
              .severity = Severity::error,
              .resource_types = {"aws_rds_cluster_instance", "aws_db_instance"},
              .suppressible = false},
             shared_rules::aws_pub_003),
      [](const ResourceView& r) -> Violations {
        const Value* value = r.get("publicly_accessible");
        if (!value || value->is_null() || boolean(value) == false) return {};
        return {"publicly_accessible is " + shown(value)};
      });

  add(shared(
          {.id = "FERPA-NET-001",
           .severity = Severity::error,
           .message = "security group allows ingress from the whole internet",
           .fix = "restrict the source to known CIDRs or security groups; only an internet-facing "
                  "load balancer's group may accept 0.0.0.0/0 and ::/0, on TCP 80 and 443",
           .resource_types = {"aws_security_group", "aws_vpc_security_group_ingress_rule",
                              "aws_security_group_rule"}},
          shared_rules::aws_pub_002),
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        for (const Ingress& rule : ingress_rules(r)) {
          std::string problem = check_ingress(rule, r.stack());
          if (!problem.empty()) problems.push_back(problem);
        }
        return one(problems);
      });

  add({.id = "FERPA-NET-002",
       .severity = Severity::error,
       .message = "the VPC's default security group does not deny all traffic",
       .fix = "add an aws_default_security_group with vpc_id = the VPC's id and no ingress or "
              "egress blocks",
       .checkov = "CKV2_AWS_12",
       .trivy = "AVD-AWS-0173",
       .resource_types = {"aws_vpc", "aws_default_security_group"}},
      [](const ResourceView& r) -> Violations {
        if (r.type() == "aws_vpc") {
          if (r.stack().referring_to(r, "aws_default_security_group", "vpc_id").empty()) {
            return {
                "no aws_default_security_group manages it (AWS creates one that allows all "
                "traffic between its members and all egress)"};
          }
          return {};
        }
        std::vector<std::string> problems;
        for (const char* direction : {"ingress", "egress"}) {
          if (is_set(r.get(direction)))
            problems.push_back(std::string("it has ") + direction + " rules");
        }
        return one(problems);
      });

  add({.id = "FERPA-ECS-002",
       .severity = Severity::error,
       .message = "ECS service gives its tasks public IP addresses",
       .fix = "set network_configuration.assign_public_ip = false and run tasks in private "
              "subnets behind the load balancer",
       .checkov = "CKV_AWS_333",
       .resource_types = {"aws_ecs_service"}},
      [](const ResourceView& r) -> Violations {
        const Value* value = r.get("network_configuration.assign_public_ip");
        if (!value || value->is_null() || boolean(value) == false) return {};
        return {"assign_public_ip is " + shown(value)};
      });

  add({.id = "FERPA-ECS-003",
       .severity = Severity::error,
       .message = "container root filesystem is writable",
       .fix = "set readonlyRootFilesystem = true in every container definition (mount a volume "
              "for paths that must be written)",
       .checkov = "CKV_AWS_336",
       .resource_types = {"aws_ecs_task_definition"}},
      [](const ResourceView& r) -> Violations {
        auto list = containers(r);
        if (!list) return {"container_definitions cannot be read at synthesis"};
        std::vector<std::string> problems;
        for (std::size_t i = 0; i < list->size(); ++i) {
          if (!is_true((*list)[i].find("readonlyRootFilesystem"))) {
            problems.push_back(container_name((*list)[i], i));
          }
        }
        return one(problems);
      });

  add({.id = "FERPA-ECS-004",
       .severity = Severity::error,
       .message = "container runs privileged",
       .fix = "remove privileged = true from the container definition",
       .resource_types = {"aws_ecs_task_definition"}},
      [](const ResourceView& r) -> Violations {
        auto list = containers(r);
        if (!list) return {"container_definitions cannot be read at synthesis"};
        std::vector<std::string> problems;
        for (std::size_t i = 0; i < list->size(); ++i) {
          const Value* privileged = (*list)[i].find("privileged");
          if (privileged && !privileged->is_null() && boolean(privileged) != false) {
            problems.push_back(container_name((*list)[i], i));
          }
        }
        return one(problems);
      });
}

void add_iam_rules(Builder& add) {
  add(shared({.id = "FERPA-IAM-001",
              .severity = Severity::error,
              .resource_types = administrator_policy_types,
              .suppressible = false},
             shared_rules::aws_iam_001),
      [](const ResourceView& r) { return one(administrator_grants(r)); });

  add({.id = "FERPA-IAM-002",
       .severity = Severity::error,
       .message = "IAM policy allows wildcard actions",
       .fix = "replace \"*\", \"service:*\" and NotAction with the specific actions needed",
       .checkov = "CKV_AWS_63",
       .trivy = "AVD-AWS-0057",
       .resource_types = identity_policy_types},
      [](const ResourceView& r) -> Violations {
        return one(each_policy(r, [](const PolicyStatement& s) -> std::string {
          std::vector<std::string> wild;
          for (const auto& action : s.actions) {
            if (is_full_wildcard(action) && has(s.resources, "*")) continue;  // FERPA-IAM-001
            if (is_full_wildcard(action) || is_service_wildcard(action)) {
              wild.push_back("\"" + action + "\"");
            }
          }
          if (!s.not_actions.empty()) wild.push_back("NotAction");
          return wild.empty() ? std::string() : "allows " + join(wild);
        }));
      });

  add({.id = "FERPA-IAM-003",
       .severity = Severity::warning,
       .message = "IAM policy allows actions that support resource-level permissions on "
                  "Resource \"*\"",
       .fix = "name the ARNs (bucket, key, secret, log group...) these actions need instead of "
              "\"*\"",
       .checkov = "CKV_AWS_355",
       .trivy = "AVD-AWS-0057",
       .resource_types = identity_policy_types},
      [](const ResourceView& r) -> Violations {
        return one(each_policy(r, [](const PolicyStatement& s) -> std::string {
          if (!has(s.resources, "*")) return {};
          std::vector<std::string> restrictable;
          for (const auto& action : s.actions) {
            if (is_full_wildcard(action) || is_service_wildcard(action)) continue;  // IAM-001/2
            if (!is_unrestrictable(action)) restrictable.push_back(action);
          }
          if (restrictable.empty()) return {};
          return "allows " + join(restrictable) + " on \"*\"";
        }));
      });

  add({.id = "FERPA-ECS-005",
       .severity = Severity::error,
       .message = "ECS task definition uses the same role for execution and for the task",
       .fix = "give the task its own task_role_arn, separate from execution_role_arn (which pulls "
              "images and reads secrets)",
       .checkov = "CKV_AWS_249",
       .resource_types = {"aws_ecs_task_definition"}},
      [](const ResourceView& r) -> Violations {
        const Value* execution = r.get("execution_role_arn");
        const Value* task = r.get("task_role_arn");
        if (!is_set(execution) || !is_set(task)) return {};
        if (text(execution) == text(task)) return {"both are " + text(task)};
        return {};
      });
}

void add_tagging_rules(Builder& add, const FerpaOptions& options) {
  const std::vector<std::string>& required = options.required_tags;
  add.pack.add(std::make_shared<TagRule>(
      RuleInfo{.id = "FERPA-TAG-001",
               .severity = Severity::error,
               .message = "resource is missing required tags",
               .fix = "tag it (or the whole stack with add_tags, or the provider's default_tags) "
                      "with " +
                      join(required)},
      required, options.schema_tags));
}

}  // namespace

RulePack ferpa_pack(const FerpaOptions& options) {
  RulePack pack("ferpa", "1.0");
  Builder add{pack};
  add_encryption_rules(add);
  add_transit_rules(add);
  add_key_and_secret_rules(add);
  add_availability_rules(add);
  add_logging_rules(add, options);
  add_exposure_rules(add);
  add_iam_rules(add);
  add_tagging_rules(add, options);
  return pack;
}

const RulePack& ferpa_catalogue() {
  static const RulePack pack = ferpa_pack();
  return pack;
}

}  // namespace edustack::compliance
