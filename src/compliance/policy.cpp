#include "edustack/compliance/policy.hpp"

#include "edustack/compliance/inspect.hpp"
#include "edustack/compliance/rule.hpp"

namespace edustack::compliance {

namespace {

void add_principals(const Value& principal, std::vector<std::string>& out) {
  if (principal.is_string() || principal.is_expression()) {
    std::string value = text(&principal);
    out.push_back(value == "*" ? "*" : "AWS:" + value);
    return;
  }
  if (!principal.is_object()) return;
  for (const auto& [type, identifiers] : principal.as_object()) {
    for (const auto& identifier : strings(&identifiers)) {
      out.push_back(identifier == "*" ? "*" : type + ":" + identifier);
    }
  }
}

PolicyStatement from_json_statement(const Value& statement) {
  PolicyStatement out;
  out.sid = text(statement.find("Sid"));
  out.allow = text(statement.find("Effect")) != "Deny";
  out.actions = strings(statement.find("Action"));
  out.not_actions = strings(statement.find("NotAction"));
  out.resources = strings(statement.find("Resource"));
  out.not_resources = strings(statement.find("NotResource"));
  if (const Value* principal = statement.find("Principal"))
    add_principals(*principal, out.principals);
  if (const Value* condition = statement.find("Condition"); condition && condition->is_object()) {
    for (const auto& [test, variables] : condition->as_object()) {
      if (!variables.is_object()) continue;
      for (const auto& [variable, values] : variables.as_object()) {
        out.conditions.push_back({test, variable, strings(&values)});
      }
    }
  }
  return out;
}

std::vector<PolicyStatement> from_json_document(const Value& document) {
  std::vector<PolicyStatement> out;
  const Value* statements = document.find("Statement");
  if (!statements) return out;
  if (statements->is_object()) {
    out.push_back(from_json_statement(*statements));
  } else if (statements->is_list()) {
    for (const auto& statement : statements->as_list()) {
      if (statement.is_object()) out.push_back(from_json_statement(statement));
    }
  }
  return out;
}

// An aws_iam_policy_document data source: statement blocks in Terraform's own shape.
std::vector<PolicyStatement> from_policy_document(const ResourceView& document) {
  std::vector<PolicyStatement> out;
  for (const Value* block : blocks(document.get("statement"))) {
    PolicyStatement statement;
    statement.sid = text(block->find("sid"));
    statement.allow = text(block->find("effect")) != "Deny";
    statement.actions = strings(block->find("actions"));
    statement.not_actions = strings(block->find("not_actions"));
    statement.resources = strings(block->find("resources"));
    statement.not_resources = strings(block->find("not_resources"));
    for (const Value* principal : blocks(block->find("principals"))) {
      std::string type = text(principal->find("type"));
      for (const auto& identifier : strings(principal->find("identifiers"))) {
        statement.principals.push_back(identifier == "*" || type == "*" ? "*"
                                                                        : type + ":" + identifier);
      }
    }
    for (const Value* condition : blocks(block->find("condition"))) {
      statement.conditions.push_back({text(condition->find("test")),
                                      text(condition->find("variable")),
                                      strings(condition->find("values"))});
    }
    out.push_back(std::move(statement));
  }
  return out;
}

}  // namespace

std::optional<std::vector<PolicyStatement>> read_policy(const Value* policy,
                                                        const StackView& stack) {
  if (!policy || policy->is_null()) return std::nullopt;
  if (policy->is_expression()) {
    const Expression& expression = policy->as_expression();
    if (expression.target() &&
        (expression.name() == "json" || expression.name() == "minified_json")) {
      const ResourceView* document = stack.find(*expression.target());
      if (document && document->type() == "aws_iam_policy_document") {
        return from_policy_document(*document);
      }
      return std::nullopt;
    }
  }
  auto document = json_document(policy);
  if (!document || !document->is_object()) return std::nullopt;
  return from_json_document(*document);
}

}  // namespace edustack::compliance
