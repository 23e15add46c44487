// docs/constructs/foundation.md is a reference users rely on for construct ids
// (`resource_at("archive/policy")`) and config fields: this test builds each construct it
// documents and checks that the "Children:" ids of its section are exactly the ids the
// construct creates, and that every field of its table is a field the construct accepts
// (the table lists them; a field missing from the table fails the test below too).

#include <gtest/gtest.h>

#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/iam.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/constructs/security_group.hpp>
#include <edustack/edustack.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

using namespace edustack;
namespace c = edustack::constructs;

std::string section(const std::string& name) {
  std::ifstream in(EDUSTACK_SOURCE_DIR "/docs/constructs/foundation.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  std::string heading = "## `" + name + "`\n";
  auto begin = text.find(heading);
  if (begin == std::string::npos) return "";
  auto end = text.find("\n## ", begin + heading.size());
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// The ids named in the "Children:" paragraph (up to the next blank line): every `name` in
// backticks that is not a Terraform type (`aws_...`) or a fragment of one (`_egress_rule`).
std::set<std::string> documented_children(const std::string& text) {
  std::set<std::string> ids;
  auto at = text.find("Children:");
  if (at == std::string::npos) return ids;
  std::string rest = text.substr(at, text.find("\n\n", at) - at);
  std::regex quoted("`([a-z][a-z_]*[0-9]*)`");
  for (std::sregex_iterator it(rest.begin(), rest.end(), quoted), end; it != end; ++it) {
    std::string id = (*it)[1];
    if (id.rfind("aws_", 0) != 0) ids.insert(id);
  }
  return ids;
}

// The fields of the section's table: the first column of rows under "| field |".
std::set<std::string> documented_fields(const std::string& text) {
  std::set<std::string> fields;
  std::regex row("\\n\\| `([a-z_]+)` \\|");
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) {
    fields.insert((*it)[1]);
  }
  return fields;
}

std::set<std::string> child_ids(const Construct& construct) {
  std::set<std::string> ids;
  for (const Construct* child : construct.node().children()) {
    if (child != nullptr) ids.insert(child->node().id());
  }
  return ids;
}

class ReferenceDoc : public ::testing::Test {
 protected:
  App app;
  Stack stack{app, "s"};
};

TEST_F(ReferenceDoc, KmsKey) {
  c::KmsKey key(stack, "key", {.alias = "k"});
  std::string text = section("KmsKey");
  ASSERT_FALSE(text.empty()) << "no KmsKey section";
  EXPECT_EQ(documented_children(text), child_ids(key));
  c::KmsKeyConfig all{.alias = "a",
                      .description = "",
                      .service_principals = {},
                      .deletion_window_in_days = 30,
                      .rotation_period_in_days = 365,
                      .extra_statements = {}};
  (void)all;  // compiles only while each documented field exists, in this order
  EXPECT_EQ(documented_fields(text),
            (std::set<std::string>{"alias", "description", "service_principals",
                                   "deletion_window_in_days", "rotation_period_in_days",
                                   "extra_statements"}));
}

TEST_F(ReferenceDoc, EncryptedBucket) {
  c::KmsKey key(stack, "key", {.alias = "k"});
  c::EncryptedBucket logs(stack, "logs", {.name = "orders-logs", .kms_key_arn = key.arn()});
  c::EncryptedBucket bucket(stack, "archive",
                            {.name = "orders-archive",
                             .kms_key_arn = key.arn(),
                             .lifecycle = {{.id = "r", .expire_days = 30}},
                             .access_log_bucket = &logs});
  std::string text = section("EncryptedBucket");
  ASSERT_FALSE(text.empty()) << "no EncryptedBucket section";
  EXPECT_EQ(documented_children(text), child_ids(bucket));
  c::EncryptedBucketConfig all{.name = "n",
                               .kms_key_arn = "arn",
                               .versioned = true,
                               .force_destroy = false,
                               .lifecycle = {},
                               .policy_statements = {},
                               .access_log_bucket = nullptr,
                               .access_log_prefix = {}};
  (void)all;
  EXPECT_EQ(documented_fields(text),
            (std::set<std::string>{"name", "kms_key_arn", "versioned", "force_destroy", "lifecycle",
                                   "policy_statements", "access_log_bucket", "access_log_prefix"}));
}

TEST_F(ReferenceDoc, Role) {
  c::Role role(stack, "role",
               {.name = "r",
                .assumed_by = {"lambda.amazonaws.com"},
                .statements = {{.actions = {"sqs:ReceiveMessage"}, .resources = {"arn:q"}}},
                .managed_policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"}});
  std::string text = section("Role");
  ASSERT_FALSE(text.empty()) << "no Role section";
  std::set<std::string> documented = documented_children(text);
  documented.erase("managed1");  // the doc shows the numbering pattern
  EXPECT_EQ(documented, child_ids(role));
  c::RoleConfig all{.name = "n",
                    .assumed_by = {},
                    .trust_conditions = {},
                    .statements = {},
                    .managed_policy_arns = {},
                    .description = "",
                    .allow_full_wildcard = false};
  (void)all;
  EXPECT_EQ(documented_fields(text),
            (std::set<std::string>{"name", "assumed_by", "trust_conditions", "statements",
                                   "managed_policy_arns", "description", "allow_full_wildcard"}));
}

TEST_F(ReferenceDoc, SecurityGroup) {
  c::SecurityGroup group(stack, "sg", {.name = "api", .vpc_id = "vpc-1"});
  c::SecurityGroup other(stack, "other", {.name = "alb", .vpc_id = "vpc-1"});
  group.allow_from_cidr("10.0.0.0/16", 443, "in");
  group.allow_to_cidr("10.0.0.0/16", 443, "out");
  std::string text = section("SecurityGroup");
  ASSERT_FALSE(text.empty()) << "no SecurityGroup section";
  EXPECT_EQ(documented_children(text), child_ids(group));
  c::SecurityGroupConfig all{.name = "n", .description = "", .vpc_id = "v"};
  (void)all;
  EXPECT_EQ(documented_fields(text), (std::set<std::string>{"name", "description", "vpc_id"}));
}

}  // namespace
