#include "rule_support.hpp"

#include <algorithm>
#include <set>

#include "edustack/compliance/inspect.hpp"
#include "edustack/core/inspect.hpp"
#include "edustack/core/resource.hpp"

namespace edustack::compliance::detail {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// All problems of one resource as one violation ("a; b"), or none.
Violations one(const std::vector<std::string>& problems) {
  if (problems.empty()) return {};
  return {join(problems, "; ")};
}

std::string shown(const Value* value) {
  if (!value || value->is_null()) return "not set";
  if (value->is_expression()) return text(value) + " (cannot be evaluated at synthesis)";
  if (value->is_string()) return "\"" + value->as_string() + "\"";
  std::string out = text(value);
  return out.empty() ? "set to a list or object" : out;
}

// "enabled is not set" unless the argument is literally true.
void require_true(const ResourceView& r, std::string_view argument,
                  std::vector<std::string>& problems) {
  const Value* value = r.get(argument);
  if (!is_true(value)) problems.push_back(std::string(argument) + " is " + shown(value));
}

Violations require_true(const ResourceView& r, std::string_view argument) {
  std::vector<std::string> problems;
  require_true(r, argument, problems);
  return one(problems);
}

void require_cmk(const ResourceView& r, std::string_view argument,
                 std::vector<std::string>& problems) {
  const Value* value = r.get(argument);
  if (is_customer_managed_key(value)) return;
  if (!is_set(value)) {
    problems.push_back(std::string(argument) + " is not set (an AWS-managed key is used)");
  } else {
    problems.push_back(std::string(argument) + " is " + shown(value) +
                       ", not a customer-managed KMS key");
  }
}

Violations require_cmk(const ResourceView& r, std::string_view argument) {
  std::vector<std::string> problems;
  require_cmk(r, argument, problems);
  return one(problems);
}

std::vector<PolicySource> identity_policies(const ResourceView& r) {
  std::vector<PolicySource> out;
  if (r.type() == "aws_iam_role") {
    for (const Value* block : blocks(r.get("inline_policy"))) {
      if (const Value* policy = block->find("policy"); is_set(policy)) {
        out.push_back({"inline_policy \"" + text(block->find("name")) + "\"", policy});
      }
    }
  } else if (const Value* policy = r.get("policy"); is_set(policy)) {
    out.push_back({"policy", policy});
  }
  return out;
}

std::string statement_name(const PolicyStatement& statement, std::size_t index) {
  return statement.sid.empty() ? "statement " + std::to_string(index)
                               : "statement \"" + statement.sid + "\"";
}

bool has(const std::vector<std::string>& items, std::string_view value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

bool is_full_wildcard(std::string_view action) { return action == "*" || action == "*:*"; }

bool is_service_wildcard(std::string_view action) {
  auto colon = action.find(':');
  return colon != std::string_view::npos && colon > 0 && action.substr(colon + 1) == "*" &&
         action.substr(0, colon) != "*";
}

bool is_unrestrictable(std::string_view action) {
  static const std::set<std::string_view> known = {"ecr:GetAuthorizationToken",
                                                   "xray:PutTraceSegments",
                                                   "xray:PutTelemetryRecords",
                                                   "xray:GetSamplingRules",
                                                   "xray:GetSamplingTargets",
                                                   "xray:GetSamplingStatisticSummaries",
                                                   "cloudwatch:PutMetricData",
                                                   "cloudwatch:GetMetricData",
                                                   "cloudwatch:GetMetricStatistics",
                                                   "sts:GetCallerIdentity",
                                                   "kms:CreateKey",
                                                   "secretsmanager:GetRandomPassword",
                                                   "logs:CreateLogDelivery",
                                                   "logs:GetLogDelivery",
                                                   "logs:UpdateLogDelivery",
                                                   "logs:DeleteLogDelivery",
                                                   "logs:PutResourcePolicy",
                                                   "ec2:CreateNetworkInterface",
                                                   "ec2:DeleteNetworkInterface",
                                                   "ec2:AssignPrivateIpAddresses",
                                                   "ec2:UnassignPrivateIpAddresses",
                                                   "ssmmessages:CreateControlChannel",
                                                   "ssmmessages:CreateDataChannel",
                                                   "ssmmessages:OpenControlChannel",
                                                   "ssmmessages:OpenDataChannel"};
  if (known.count(action)) return true;
  auto colon = action.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view name = action.substr(colon + 1);
  return starts_with(name, "Describe") || starts_with(name, "List");
}

const Types identity_policy_types = {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
                                     "aws_iam_group_policy", "aws_iam_role"};

bool is_open_cidr(std::string_view cidr) { return cidr == "0.0.0.0/0" || cidr == "::/0"; }

const Element* first_reference_of_type(const Value* value, std::string_view type) {
  if (!value) return nullptr;
  for (const Element* element : referenced_elements(*value)) {
    if (const auto* resource = dynamic_cast<const ResourceBase*>(element);
        resource && resource->terraform_type() == type) {
      return element;
    }
  }
  return nullptr;
}

const Types administrator_policy_types = {"aws_iam_policy",
                                          "aws_iam_role_policy",
                                          "aws_iam_user_policy",
                                          "aws_iam_group_policy",
                                          "aws_iam_role",
                                          "aws_iam_role_policy_attachment",
                                          "aws_iam_user_policy_attachment",
                                          "aws_iam_group_policy_attachment",
                                          "aws_iam_policy_attachment"};

std::vector<std::string> administrator_grants(const ResourceView& r) {
  std::vector<std::string> problems;
  std::vector<std::string> arns = strings(r.get("policy_arn"));
  auto managed = strings(r.get("managed_policy_arns"));
  arns.insert(arns.end(), managed.begin(), managed.end());
  for (const auto& arn : arns) {
    if (ends_with(arn, ":policy/AdministratorAccess")) problems.push_back("attaches " + arn);
  }
  if (r.type().find("attachment") != std::string::npos) return problems;
  auto found = each_policy(r, [](const PolicyStatement& s) -> std::string {
    bool any_action = std::any_of(s.actions.begin(), s.actions.end(),
                                  [](const std::string& a) { return is_full_wildcard(a); });
    if (any_action && has(s.resources, "*")) return "allows Action \"*\" on Resource \"*\"";
    return {};
  });
  problems.insert(problems.end(), found.begin(), found.end());
  return problems;
}

std::vector<Ingress> ingress_rules(const ResourceView& r) {
  std::vector<Ingress> out;
  if (r.type() == "aws_security_group") {
    for (const Value* block : blocks(r.get("ingress"))) {
      auto cidrs = strings(block->find("cidr_blocks"));
      auto v6 = strings(block->find("ipv6_cidr_blocks"));
      cidrs.insert(cidrs.end(), v6.begin(), v6.end());
      out.push_back({cidrs, block->find("from_port"), block->find("to_port"),
                     text(block->find("protocol")), &r.element()});
    }
  } else if (r.type() == "aws_vpc_security_group_ingress_rule") {
    std::vector<std::string> cidrs;
    for (const char* key : {"cidr_ipv4", "cidr_ipv6"}) {
      if (const Value* cidr = r.get(key); is_set(cidr)) cidrs.push_back(text(cidr));
    }
    out.push_back({cidrs, r.get("from_port"), r.get("to_port"), text(r.get("ip_protocol")),
                   first_reference_of_type(r.get("security_group_id"), "aws_security_group")});
  } else if (r.type() == "aws_security_group_rule" && text(r.get("type")) == "ingress") {
    auto cidrs = strings(r.get("cidr_blocks"));
    auto v6 = strings(r.get("ipv6_cidr_blocks"));
    cidrs.insert(cidrs.end(), v6.begin(), v6.end());
    out.push_back({cidrs, r.get("from_port"), r.get("to_port"), text(r.get("protocol")),
                   first_reference_of_type(r.get("security_group_id"), "aws_security_group")});
  }
  return out;
}

std::optional<OpenIngress> open_ingress(const Ingress& rule) {
  std::vector<std::string> open;
  for (const auto& cidr : rule.cidrs) {
    if (is_open_cidr(cidr)) open.push_back(cidr);
  }
  if (open.empty()) return std::nullopt;
  auto from = number(rule.from_port);
  auto to = number(rule.to_port);
  const std::string protocol = lower(rule.protocol);
  const bool all = protocol == "-1" || protocol == "all";
  std::string ports = all || !from || !to ? "all ports"
                      : *from == *to      ? "port " + text(rule.from_port)
                                     : "ports " + text(rule.from_port) + "-" + text(rule.to_port);
  const bool web = !all && (protocol == "tcp" || protocol == "6") && from && to && *from == *to &&
                   (*from == 80 || *from == 443);
  return OpenIngress{"ingress from " + join(open) + " on " + ports, web};
}

std::vector<const Value*> bucket_encryption_rules(const ResourceView& bucket) {
  std::vector<const Value*> rules;
  for (const auto* config : bucket.stack().referring_to(
           bucket, "aws_s3_bucket_server_side_encryption_configuration", "bucket", "bucket")) {
    for (const Value* rule : blocks(config->get("rule"))) rules.push_back(rule);
  }
  for (const Value* rule : blocks(bucket.get("server_side_encryption_configuration.0.rule"))) {
    rules.push_back(rule);
  }
  return rules;
}

RuleInfo shared(RuleInfo info, const SharedRuleText& text) {
  auto fill = [](std::string& field, std::string_view value) {
    if (!value.empty()) field = std::string(value);
  };
  fill(info.message, text.message);
  fill(info.fix, text.fix);
  fill(info.checkov, text.checkov);
  fill(info.trivy, text.trivy);
  return info;
}

}  // namespace edustack::compliance::detail
