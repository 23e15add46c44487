#include "edustack/compliance/baseline.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "edustack/compliance/ferpa.hpp"
#include "edustack/compliance/inspect.hpp"
#include "edustack/compliance/profile.hpp"
#include "edustack/error.hpp"
#include "rule_support.hpp"

namespace edustack::compliance {

namespace {

using namespace detail;

// A baseline rule that tests exactly what a FERPA rule tests (the same property, the same
// threshold): the FERPA rule's check, so the two cannot drift apart. The FERPA profile then
// keeps the FERPA rule only (covering_rules).
CheckFunction same_as(const char* ferpa_id) {
  std::shared_ptr<const Rule> rule;
  for (const auto& candidate : ferpa_catalogue().rules()) {
    if (candidate->info().id == ferpa_id) rule = candidate;
  }
  if (!rule) {
    throw ConfigError("aws-baseline", "rule", std::string("no FERPA rule ") + ferpa_id);
  }
  return [rule](const ResourceView& r) { return rule->check(r); };
}

// Buckets that receive logs: S3 server access logs, CloudTrail, load balancer access logs and
// flow logs write there. A log bucket that logged its own access would log forever.
bool is_log_destination(const ResourceView& bucket) {
  const StackView& stack = bucket.stack();
  if (!stack.referring_to(bucket, "aws_s3_bucket_logging", "target_bucket", "bucket").empty() ||
      !stack.referring_to(bucket, "aws_cloudtrail", "s3_bucket_name", "bucket").empty() ||
      !stack.referring_to(bucket, "aws_flow_log", "log_destination").empty()) {
    return true;
  }
  for (const char* type : {"aws_lb", "aws_alb"}) {
    if (!stack.referring_to(bucket, type, "access_logs.bucket", "bucket").empty()) return true;
  }
  return false;
}

bool ebs_encrypted_by_default(const StackView& stack) {
  for (const ResourceView* setting : stack.of_type("aws_ebs_encryption_by_default")) {
    if (boolean(setting->get("enabled")) != false) return true;  // enabled defaults to true
  }
  return false;
}

// The parameter named `name` in the parameter blocks of a parameter group, as text.
std::string parameter(const ResourceView& group, std::string_view name) {
  for (const Value* block : blocks(group.get("parameter"))) {
    if (lower(text(block->find("name"))) == name) return lower(text(block->find("value")));
  }
  return {};
}

void add_encryption_rules(Builder& add) {
  add({.id = "AWS-ENC-001",
       .severity = Severity::warning,
       .message = "S3 bucket declares no default encryption",
       .fix = "add an aws_s3_bucket_server_side_encryption_configuration for the bucket "
              "(sse_algorithm \"aws:kms\" with a KMS key, or \"AES256\")",
       .checkov = "CKV_AWS_19",
       .trivy = "AVD-AWS-0088",
       .resource_types = {"aws_s3_bucket"}},
      [](const ResourceView& bucket) -> Violations {
        const std::vector<const Value*> rules = bucket_encryption_rules(bucket);
        if (rules.empty()) {
          return {
              "no aws_s3_bucket_server_side_encryption_configuration refers to it (S3 "
              "falls back to SSE-S3, which no configuration records)"};
        }
        std::vector<std::string> seen;
        for (const Value* rule : rules) {
          const Value* algorithm =
              at(*rule, "apply_server_side_encryption_by_default.sse_algorithm");
          const std::string name = text(algorithm);
          if (name == "AES256" || name == "aws:kms" || name == "aws:kms:dsse") return {};
          seen.push_back("sse_algorithm " + shown(algorithm));
        }
        return {join(seen, " / ")};
      });

  add({.id = "AWS-ENC-002",
       .severity = Severity::error,
       .message = "EBS volume is not encrypted",
       .fix = "set encrypted = true on the volume (root_block_device / ebs_block_device of an "
              "instance, block_device_mappings.ebs of a launch template), or enable "
              "aws_ebs_encryption_by_default",
       .checkov = "CKV_AWS_3, CKV_AWS_8",
       .trivy = "AVD-AWS-0026, AVD-AWS-0131",
       .resource_types = {"aws_ebs_volume", "aws_instance", "aws_launch_template"}},
      [](const ResourceView& r) -> Violations {
        if (ebs_encrypted_by_default(r.stack())) return {};
        std::vector<std::string> problems;
        auto check_blocks = [&problems](const Value* list, const std::string& where) {
          for (const Value* block : blocks(list)) {
            if (!is_true(block->find("encrypted"))) {
              problems.push_back(where + ".encrypted is " + shown(block->find("encrypted")));
            }
          }
        };
        if (r.type() == "aws_ebs_volume") {
          require_true(r, "encrypted", problems);
        } else if (r.type() == "aws_instance") {
          if (blocks(r.get("root_block_device")).empty()) {
            problems.push_back("root_block_device is not set (the root volume is unencrypted)");
          }
          check_blocks(r.get("root_block_device"), "root_block_device");
          check_blocks(r.get("ebs_block_device"), "ebs_block_device");
        } else {
          for (const Value* mapping : blocks(r.get("block_device_mappings"))) {
            check_blocks(mapping->find("ebs"), "block_device_mappings \"" +
                                                   text(mapping->find("device_name")) + "\" ebs");
          }
        }
        return one(problems);
      });

  add({.id = "AWS-ENC-003",
       .severity = Severity::error,
       .message = "database storage is not encrypted",
       .fix = "set storage_encrypted = true (with kms_key_id for a key of yours)",
       .checkov = "CKV_AWS_16, CKV_AWS_96",
       .trivy = "AVD-AWS-0079, AVD-AWS-0080",
       .resource_types = {"aws_rds_cluster", "aws_db_instance"}},
      [](const ResourceView& r) -> Violations {
        if (text(r.get("engine_mode")) == "serverless") return {};  // always encrypted
        if (is_set(r.get("replicate_source_db"))) return {};        // the source's encryption
        return require_true(r, "storage_encrypted");
      });

  add({.id = "AWS-ENC-004",
       .severity = Severity::warning,
       .message = "DynamoDB table is encrypted with an AWS-owned key, not a KMS key",
       .fix = "set server_side_encryption { enabled = true } (kms_key_arn for a key of yours)",
       .checkov = "CKV_AWS_119",
       .trivy = "AVD-AWS-0025",
       .resource_types = {"aws_dynamodb_table"}},
      [](const ResourceView& r) { return require_true(r, "server_side_encryption.enabled"); });

  add(shared({.id = "AWS-ENC-005",
              .severity = Severity::error,
              .message = "SQS queue has server-side encryption turned off",
              .fix = "remove sqs_managed_sse_enabled = false, or set kms_master_key_id",
              .trivy = "AVD-AWS-0096",
              .resource_types = {"aws_sqs_queue"}},
             shared_rules::aws_enc_005),
      [](const ResourceView& r) -> Violations {
        if (is_set(r.get("kms_master_key_id"))) return {};
        if (boolean(r.get("sqs_managed_sse_enabled")) != false) return {};  // SSE-SQS default
        return {"sqs_managed_sse_enabled is false and kms_master_key_id is not set"};
      });

  add({.id = "AWS-ENC-006",
       .severity = Severity::error,
       .message = "SNS topic is not encrypted",
       .fix = "set kms_master_key_id to a KMS key (alias/aws/sns, or a key of yours)",
       .checkov = "CKV_AWS_26",
       .trivy = "AVD-AWS-0095",
       .resource_types = {"aws_sns_topic"}},
      [](const ResourceView& r) -> Violations {
        if (is_set(r.get("kms_master_key_id"))) return {};
        return {"kms_master_key_id is not set"};
      });

  add(shared({.id = "AWS-ENC-007",
              .severity = Severity::warning,
              .message = "CloudWatch log group is not encrypted with a KMS key",
              .fix = "set kms_key_id to a KMS key ARN whose policy lets "
                     "logs.<region>.amazonaws.com use it",
              .resource_types = {"aws_cloudwatch_log_group"}},
             shared_rules::aws_enc_007),
      [](const ResourceView& r) -> Violations {
        if (is_set(r.get("kms_key_id"))) return {};
        return {"kms_key_id is not set"};
      });

  add({.id = "AWS-ENC-008",
       .severity = Severity::error,
       .message = "EFS file system is not encrypted",
       .fix = "set encrypted = true (with kms_key_id for a key of yours)",
       .checkov = "CKV_AWS_42",
       .trivy = "AVD-AWS-0037",
       .resource_types = {"aws_efs_file_system"}},
      [](const ResourceView& r) { return require_true(r, "encrypted"); });

  add(shared({.id = "AWS-ENC-009",
              .severity = Severity::error,
              .message = "ElastiCache replication group is not encrypted at rest",
              .fix = "set at_rest_encryption_enabled = true",
              .checkov = "CKV_AWS_29",
              .resource_types = {"aws_elasticache_replication_group"}},
             shared_rules::aws_enc_009),
      [](const ResourceView& r) { return require_true(r, "at_rest_encryption_enabled"); });
}

void add_transit_rules(Builder& add) {
  add(shared(
          {.id = "AWS-TLS-001", .severity = Severity::error, .resource_types = {"aws_s3_bucket"}},
          shared_rules::aws_tls_001),
      same_as("FERPA-S3-002"));

  add(shared({.id = "AWS-TLS-002",
              .severity = Severity::error,
              .resource_types = {"aws_lb_listener", "aws_alb_listener"}},
             shared_rules::aws_tls_002),
      same_as("FERPA-ALB-001"));

  add(shared({.id = "AWS-TLS-003",
              .severity = Severity::error,
              .resource_types = {"aws_lb_listener", "aws_alb_listener"}},
             shared_rules::aws_tls_003),
      same_as("FERPA-ALB-002"));

  add(shared({.id = "AWS-TLS-004",
              .severity = Severity::error,
              .resource_types = {"aws_elasticache_replication_group"}},
             shared_rules::aws_tls_004),
      same_as("FERPA-ELC-002"));

  add({.id = "AWS-TLS-005",
       .severity = Severity::warning,
       .message = "database accepts connections without TLS",
       .fix = "give it a parameter group (aws_rds_cluster_parameter_group for Aurora, "
              "aws_db_parameter_group for an instance) with rds.force_ssl = 1 (PostgreSQL, SQL "
              "Server) or require_secure_transport = 1 (MySQL, MariaDB)",
       .checkov = "CKV2_AWS_69",
       .resource_types = {"aws_rds_cluster", "aws_db_instance"}},
      [](const ResourceView& r) -> Violations {
        const std::string engine = lower(text(r.get("engine")));
        const bool cluster = r.type() == "aws_rds_cluster";
        std::string setting;
        if (engine.find("postgres") != std::string::npos || starts_with(engine, "sqlserver")) {
          setting = "rds.force_ssl";
        } else if (engine.find("mysql") != std::string::npos || engine == "mariadb" ||
                   (cluster && engine.empty()) || engine == "aurora") {
          setting = "require_secure_transport";  // an unset cluster engine is Aurora MySQL
        } else {
          return {};  // Oracle and Db2 use option groups and listener settings
        }
        const char* argument = cluster ? "db_cluster_parameter_group_name" : "parameter_group_name";
        const char* group_type =
            cluster ? "aws_rds_cluster_parameter_group" : "aws_db_parameter_group";
        const Value* name = r.get(argument);
        std::vector<const ResourceView*> groups;
        for (const ResourceView* group : r.stack().of_type(group_type)) {
          const Value* own = group->get("name");
          if (refers_to(name, group->element()) ||
              (name && name->is_string() && own && own->is_string() &&
               own->as_string() == name->as_string())) {
            groups.push_back(group);
          }
        }
        for (const ResourceView* group : groups) {
          const std::string value = parameter(*group, setting);
          if (value == "1" || value == "on" || value == "true") return {};
        }
        // RDS for PostgreSQL 15 and later forces TLS unless a parameter group turns it off; an
        // unset engine_version is the current default version, 15 or later too.
        if (engine == "postgres" && groups.empty()) {
          const std::string version = text(r.get("engine_version"));
          if (version.empty()) return {};
          const Value major_text = version.substr(0, version.find('.'));
          const auto major = number(&major_text);
          if (major && *major >= 15) return {};
        }
        if (!is_set(name)) return {std::string(argument) + " is not set (the default group)"};
        if (groups.empty()) {
          return {std::string(argument) + " is " + shown(name) + ", not a " + group_type +
                  " of this stack that sets " + setting};
        }
        return {groups.front()->path() + " does not set " + setting + " = 1"};
      });
}

void add_public_access_rules(Builder& add) {
  add(shared({.id = "AWS-PUB-001",
              .severity = Severity::error,
              .trivy = "AVD-AWS-0094",
              .resource_types = {"aws_s3_bucket"}},
             shared_rules::aws_pub_001),
      same_as("FERPA-S3-003"));

  add(shared(
          {.id = "AWS-PUB-002",
           .severity = Severity::error,
           .message = "security group allows ingress from the whole internet on a port other than "
                      "80 and 443",
           .fix =
               "restrict the source to known CIDRs or security groups (SSH and RDP through SSM "
               "Session Manager); only web traffic (TCP 80, 443) may come from 0.0.0.0/0 or ::/0",
           .resource_types = {"aws_security_group", "aws_vpc_security_group_ingress_rule",
                              "aws_security_group_rule"}},
          shared_rules::aws_pub_002),
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        for (const Ingress& rule : ingress_rules(r)) {
          auto open = open_ingress(rule);
          if (open && !open->web) problems.push_back(open->what);
        }
        return one(problems);
      });

  add(shared({.id = "AWS-PUB-003",
              .severity = Severity::error,
              .resource_types = {"aws_rds_cluster_instance", "aws_db_instance"}},
             shared_rules::aws_pub_003),
      same_as("FERPA-RDS-005"));
}

void add_logging_rules(Builder& add) {
  add({.id = "AWS-LOG-001",
       .severity = Severity::warning,
       .message = "S3 bucket has no server access logging",
       .fix = "add an aws_s3_bucket_logging for the bucket with target_bucket = a log bucket "
              "(log buckets themselves are exempt)",
       .checkov = "CKV_AWS_18",
       .trivy = "AVD-AWS-0089",
       .resource_types = {"aws_s3_bucket"}},
      [](const ResourceView& bucket) -> Violations {
        if (is_set(bucket.get("logging.target_bucket"))) return {};  // the deprecated inline block
        if (!bucket.stack()
                 .referring_to(bucket, "aws_s3_bucket_logging", "bucket", "bucket")
                 .empty()) {
          return {};
        }
        if (is_log_destination(bucket)) return {};
        return {"no aws_s3_bucket_logging refers to it"};
      });

  add(shared({.id = "AWS-LOG-002",
              .severity = Severity::warning,
              .resource_types = {"aws_lb", "aws_alb"}},
             shared_rules::aws_log_002),
      same_as("FERPA-ALB-003"));

  add(shared({.id = "AWS-LOG-003", .severity = Severity::warning, .resource_types = {"aws_vpc"}},
             shared_rules::aws_log_003),
      same_as("FERPA-VPC-001"));

  add({.id = "AWS-LOG-004",
       .severity = Severity::warning,
       .message = "CloudTrail trail does not cover every region or does not validate its log files",
       .fix = "set is_multi_region_trail = true and enable_log_file_validation = true",
       .checkov = "CKV_AWS_67, CKV_AWS_36",
       .trivy = "AVD-AWS-0014, AVD-AWS-0016",
       .resource_types = {"aws_cloudtrail"}},
      [](const ResourceView& r) -> Violations {
        std::vector<std::string> problems;
        require_true(r, "is_multi_region_trail", problems);
        require_true(r, "enable_log_file_validation", problems);
        return one(problems);
      });
}

void add_iam_and_backup_rules(Builder& add) {
  add(shared({.id = "AWS-IAM-001",
              .severity = Severity::error,
              .resource_types = administrator_policy_types},
             shared_rules::aws_iam_001),
      [](const ResourceView& r) { return one(administrator_grants(r)); });

  add(shared({.id = "AWS-BAK-001",
              .severity = Severity::warning,
              .resource_types = {"aws_rds_cluster", "aws_db_instance"}},
             shared_rules::aws_bak_001),
      same_as("FERPA-RDS-004"));

  add({.id = "AWS-BAK-002",
       .severity = Severity::warning,
       .message = "DynamoDB table has no point-in-time recovery",
       .fix = "set point_in_time_recovery { enabled = true }",
       .checkov = "CKV_AWS_28",
       .trivy = "AVD-AWS-0024",
       .resource_types = {"aws_dynamodb_table"}},
      [](const ResourceView& r) { return require_true(r, "point_in_time_recovery.enabled"); });
}

// Baseline rules and the FERPA rules that report every resource they would. The FERPA rule
// tests the same property with the same threshold or a stricter one (a customer-managed key
// where the baseline accepts any key), so the FERPA profile leaves the baseline rule out.
const std::map<std::string, std::vector<std::string>, std::less<>>& coverage() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> table = {
      {"AWS-ENC-001", {"FERPA-S3-001"}},
      {"AWS-ENC-003", {"FERPA-RDS-001"}},
      {"AWS-ENC-005", {"FERPA-SQS-001"}},
      {"AWS-ENC-007", {"FERPA-LOG-001"}},
      {"AWS-ENC-009", {"FERPA-ELC-001"}},
      {"AWS-TLS-001", {"FERPA-S3-002"}},
      {"AWS-TLS-002", {"FERPA-ALB-001"}},
      {"AWS-TLS-003", {"FERPA-ALB-002"}},
      {"AWS-TLS-004", {"FERPA-ELC-002"}},
      {"AWS-PUB-001", {"FERPA-S3-003"}},
      {"AWS-PUB-002", {"FERPA-NET-001"}},
      {"AWS-PUB-003", {"FERPA-RDS-005"}},
      {"AWS-LOG-002", {"FERPA-ALB-003"}},
      {"AWS-LOG-003", {"FERPA-VPC-001"}},
      {"AWS-LOG-004", {"FERPA-CT-002", "FERPA-CT-003"}},
      {"AWS-IAM-001", {"FERPA-IAM-001"}},
      {"AWS-BAK-001", {"FERPA-RDS-004"}}};
  return table;
}

}  // namespace

RulePack baseline_pack() {
  RulePack pack("aws-baseline", "1.0");
  Builder add{pack};
  add_encryption_rules(add);
  add_transit_rules(add);
  add_public_access_rules(add);
  add_logging_rules(add);
  add_iam_and_backup_rules(add);
  return pack;
}

const RulePack& baseline_catalogue() {
  static const RulePack pack = baseline_pack();
  return pack;
}

const char* to_string(Profile profile) noexcept {
  return profile == Profile::ferpa ? "ferpa" : "baseline";
}

std::optional<Profile> parse_profile(std::string_view name) {
  if (name == "baseline") return Profile::baseline;
  if (name == "ferpa") return Profile::ferpa;
  return std::nullopt;
}

const std::vector<std::string>& covering_rules(std::string_view baseline_id) {
  static const std::vector<std::string> none;
  auto it = coverage().find(baseline_id);
  return it == coverage().end() ? none : it->second;
}

RulePack profile_pack(Profile profile, const FerpaOptions& ferpa) {
  if (profile == Profile::baseline) return baseline_pack();
  RulePack pack = ferpa_pack(ferpa);
  for (const auto& rule : baseline_catalogue().rules()) {
    if (covering_rules(rule->info().id).empty()) pack.add(rule);
  }
  return pack;
}

}  // namespace edustack::compliance
