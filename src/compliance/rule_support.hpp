#pragma once

// Helpers the built-in packs share (ferpa.cpp, baseline.cpp): how a violation is worded, the
// common argument checks, identity policies and security group ingress. Internal to the
// compliance layer.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/compliance/policy.hpp"
#include "edustack/compliance/rule.hpp"
#include "edustack/compliance/rule_pack.hpp"

namespace edustack::compliance::detail {

using Types = std::vector<std::string>;

std::string lower(std::string_view text);
std::string upper(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// All problems of one resource as one violation ("a; b"), or none.
Violations one(const std::vector<std::string>& problems);
// How a value reads in a violation: "not set", "\"AES256\"", "false", "var.x (cannot be ...)".
std::string shown(const Value* value);

// "enabled is not set" unless the argument is literally true.
void require_true(const ResourceView& r, std::string_view argument,
                  std::vector<std::string>& problems);
Violations require_true(const ResourceView& r, std::string_view argument);
// The argument names a customer-managed KMS key (is_customer_managed_key).
void require_cmk(const ResourceView& r, std::string_view argument,
                 std::vector<std::string>& problems);
Violations require_cmk(const ResourceView& r, std::string_view argument);

// Adds each rule to the pack: add({.id = ...}, [](const ResourceView& r) { ... }).
struct Builder {
  RulePack& pack;
  void operator()(RuleInfo info, CheckFunction check) {
    pack.add(make_rule(std::move(info), std::move(check)));
  }
};

// --- policies ------------------------------------------------------------------------------

struct PolicySource {
  std::string where;  // "policy", "inline_policy \"name\""
  const Value* policy;
};

// The identity policies of an aws_iam_policy / *_policy (policy) or aws_iam_role
// (inline_policy blocks).
std::vector<PolicySource> identity_policies(const ResourceView& r);
std::string statement_name(const PolicyStatement& statement, std::size_t index);
bool has(const std::vector<std::string>& items, std::string_view value);
bool is_full_wildcard(std::string_view action);     // "*", "*:*"
bool is_service_wildcard(std::string_view action);  // "s3:*"
// Actions without resource-level permissions ("Resource": "*" is the only option).
bool is_unrestrictable(std::string_view action);

// Runs check on every Allow statement of every readable identity policy of r; an unreadable
// policy is a violation.
template <class F>
Violations each_policy(const ResourceView& r, F check) {
  std::vector<std::string> problems;
  for (const auto& source : identity_policies(r)) {
    auto statements = read_policy(source.policy, r.stack());
    if (!statements) {
      problems.push_back(source.where + " cannot be read at synthesis (use jsonencode(), a JSON " +
                         "literal or an aws_iam_policy_document)");
      continue;
    }
    for (std::size_t i = 0; i < statements->size(); ++i) {
      const auto& statement = (*statements)[i];
      if (!statement.allow) continue;
      std::string problem = check(statement);
      if (!problem.empty()) {
        problems.push_back(source.where + " " + statement_name(statement, i) + " " + problem);
      }
    }
  }
  return problems;
}

extern const Types identity_policy_types;
// The policy types and attachments the "every action on every resource" check reads.
extern const Types administrator_policy_types;

// The problems of "every action on every resource": Allow statements with Action "*" on
// Resource "*", and attachments of the AdministratorAccess managed policy.
std::vector<std::string> administrator_grants(const ResourceView& r);

// --- network -------------------------------------------------------------------------------

bool is_open_cidr(std::string_view cidr);  // 0.0.0.0/0, ::/0
// The first element of type `type` an expression inside value references; nullptr if none.
const Element* first_reference_of_type(const Value* value, std::string_view type);

// One ingress rule of a security group, wherever it is declared.
struct Ingress {
  std::vector<std::string> cidrs;
  const Value* from_port;
  const Value* to_port;
  std::string protocol;
  const Element* group;  // the aws_security_group it belongs to, when known
};
// The ingress rules of an aws_security_group (inline ingress blocks),
// aws_vpc_security_group_ingress_rule or aws_security_group_rule of type "ingress".
std::vector<Ingress> ingress_rules(const ResourceView& r);

// Ingress open to the whole internet: what it allows ("ingress from 0.0.0.0/0 on port 22") and
// whether it is web traffic only (TCP 80 or 443). nullopt when no source is 0.0.0.0/0 or ::/0.
struct OpenIngress {
  std::string what;
  bool web = false;
};
std::optional<OpenIngress> open_ingress(const Ingress& rule);

// --- storage -------------------------------------------------------------------------------

// The default-encryption rules of an aws_s3_bucket: those of every
// aws_s3_bucket_server_side_encryption_configuration that refers to it, then those of its
// deprecated inline server_side_encryption_configuration block.
std::vector<const Value*> bucket_encryption_rules(const ResourceView& bucket);

// --- what a baseline rule and the FERPA rule covering it say alike ---------------------------

// The texts and external ids a baseline rule shares with the FERPA rule that covers it
// (baseline.cpp, coverage()), each defined once so that the two cannot drift. An empty field is
// each pack's own (the rules differ there: severity, a stricter FERPA threshold).
struct SharedRuleText {
  std::string_view message;
  std::string_view fix;
  std::string_view checkov;
  std::string_view trivy;
};

namespace shared_rules {
// AWS-ENC-005 and FERPA-SQS-001
inline constexpr SharedRuleText aws_enc_005{.checkov = "CKV_AWS_27"};
// AWS-ENC-007 and FERPA-LOG-001
inline constexpr SharedRuleText aws_enc_007{.checkov = "CKV_AWS_158", .trivy = "AVD-AWS-0017"};
// AWS-ENC-009 and FERPA-ELC-001
inline constexpr SharedRuleText aws_enc_009{.trivy = "AVD-AWS-0045"};
// AWS-TLS-001 and FERPA-S3-002
inline constexpr SharedRuleText aws_tls_001{
    .message = "S3 bucket policy does not deny requests without TLS",
    .fix =
        "attach an aws_s3_bucket_policy with a Deny statement for all principals when "
        "aws:SecureTransport is \"false\""};
// AWS-TLS-002 and FERPA-ALB-001
inline constexpr SharedRuleText aws_tls_002{
    .message = "load balancer listener serves plain HTTP",
    .fix =
        "use protocol = \"HTTPS\" with a certificate, or make every default_action a "
        "redirect to HTTPS",
    .checkov = "CKV_AWS_2",
    .trivy = "AVD-AWS-0054"};
// AWS-TLS-003 and FERPA-ALB-002
inline constexpr SharedRuleText aws_tls_003{
    .message = "HTTPS/TLS listener allows TLS versions older than 1.2",
    .fix =
        "set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (or another TLS 1.2+ "
        "policy)",
    .checkov = "CKV_AWS_103",
    .trivy = "AVD-AWS-0047"};
// AWS-TLS-004 and FERPA-ELC-002
inline constexpr SharedRuleText aws_tls_004{
    .message = "ElastiCache replication group does not encrypt data in transit",
    .fix = "set transit_encryption_enabled = true",
    .checkov = "CKV_AWS_30",
    .trivy = "AVD-AWS-0051"};
// AWS-PUB-001 and FERPA-S3-003
inline constexpr SharedRuleText aws_pub_001{
    .message = "S3 bucket does not block public access",
    .fix =
        "add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, "
        "block_public_policy, ignore_public_acls and restrict_public_buckets = true",
    .checkov = "CKV2_AWS_6"};
// AWS-PUB-002 and FERPA-NET-001
inline constexpr SharedRuleText aws_pub_002{.checkov = "CKV_AWS_24, CKV_AWS_25, CKV_AWS_260",
                                            .trivy = "AVD-AWS-0107"};
// AWS-PUB-003 and FERPA-RDS-005
inline constexpr SharedRuleText aws_pub_003{
    .message = "database instance is publicly accessible",
    .fix = "set publicly_accessible = false (the default) and reach it from private subnets",
    .checkov = "CKV_AWS_17",
    .trivy = "AVD-AWS-0082"};
// AWS-LOG-002 and FERPA-ALB-003
inline constexpr SharedRuleText aws_log_002{
    .message = "application load balancer writes no access logs",
    .fix = "set access_logs { enabled = true, bucket = <log bucket> }",
    .checkov = "CKV_AWS_91"};
// AWS-LOG-003 and FERPA-VPC-001
inline constexpr SharedRuleText aws_log_003{
    .message = "VPC has no flow log",
    .fix = "add an aws_flow_log with vpc_id = the VPC's id and traffic_type = \"ALL\"",
    .checkov = "CKV2_AWS_11",
    .trivy = "AVD-AWS-0178"};
// AWS-IAM-001 and FERPA-IAM-001
inline constexpr SharedRuleText aws_iam_001{
    .message = "IAM policy grants every action on every resource",
    .fix =
        "list the actions and resources the principal needs; never attach "
        "AdministratorAccess to a workload",
    .checkov = "CKV_AWS_62, CKV_AWS_1",
    .trivy = "AVD-AWS-0057"};
// AWS-BAK-001 and FERPA-RDS-004
inline constexpr SharedRuleText aws_bak_001{
    .message = "database keeps automated backups for less than 7 days",
    .fix = "set backup_retention_period to 7 or more",
    .checkov = "CKV_AWS_133",
    .trivy = "AVD-AWS-0077"};
}  // namespace shared_rules

// info with the fields text defines (info itself leaves them empty).
RuleInfo shared(RuleInfo info, const SharedRuleText& text);

}  // namespace edustack::compliance::detail
