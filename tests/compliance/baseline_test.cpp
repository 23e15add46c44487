// The AWS security baseline: each rule fires on a bad configuration and stays quiet on a secure
// one; the FERPA profile adds only the baseline rules no FERPA rule covers, and a covered rule's
// bad configuration is reported by the FERPA rule that covers it; untyped resources are looked
// up in the schema's tag registry.

#include <gtest/gtest.h>

#include <edustack/aws/vpc.hpp>
#include <edustack/compliance.hpp>
#include <edustack/constructs/encrypted_bucket.hpp>
#include <edustack/constructs/kms_key.hpp>
#include <edustack/edustack.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "policy_values.hpp"

using namespace edustack;
namespace c = edustack::compliance;

namespace {

class Baseline : public ::testing::Test {
 protected:
  App app;
  Stack stack{app, "s"};

  GenericResource& res(std::string_view id, std::string type, Value::Object arguments = {}) {
    return stack.make<GenericResource>(id, std::move(type), std::move(arguments));
  }

  std::vector<c::Finding> findings(const std::string& rule,
                                   c::Profile profile = c::Profile::baseline) {
    auto report = c::check(stack, profile);
    std::vector<c::Finding> out;
    for (auto& finding : report.findings) {
      if (finding.rule == rule) out.push_back(finding);
    }
    return out;
  }

  static std::size_t at_path(const std::vector<c::Finding>& found, const std::string& id) {
    std::size_t n = 0;
    for (const auto& finding : found) n += finding.path == "app/s/" + id;
    return n;
  }

  // The baseline rule flags every construct in `bad` once and none in `good`. When a FERPA rule
  // covers it, that rule flags every construct in `bad` in the FERPA profile (so leaving the
  // baseline rule out of that profile loses nothing), and the baseline rule does not run there.
  void expect(const std::string& rule, const std::vector<std::string>& bad,
              const std::vector<std::string>& good) {
    ASSERT_NE(c::baseline_catalogue().find(rule), nullptr) << rule << " is not in the baseline";
    auto found = findings(rule);
    for (const auto& id : bad) EXPECT_EQ(at_path(found, id), 1u) << rule << " on " << id;
    for (const auto& id : good) EXPECT_EQ(at_path(found, id), 0u) << rule << " on " << id;
    for (const auto& finding : found) {
      EXPECT_FALSE(finding.message.empty());
      EXPECT_FALSE(finding.fix.empty());
    }
    const auto& covering = c::covering_rules(rule);
    auto ferpa = c::check(stack, c::Profile::ferpa);
    if (covering.empty()) {
      EXPECT_NE(ferpa.rule(rule), nullptr) << rule << " should be in the FERPA profile";
      return;
    }
    EXPECT_EQ(ferpa.rule(rule), nullptr) << rule << " is covered, yet in the FERPA profile";
    for (const auto& id : bad) {
      bool reported = false;
      for (const auto& finding : ferpa.findings) {
        reported = reported ||
                   (finding.path == "app/s/" + id &&
                    std::find(covering.begin(), covering.end(), finding.rule) != covering.end());
      }
      EXPECT_TRUE(reported) << rule << " on " << id << ": no covering FERPA finding";
    }
  }

  GenericResource& bucket(std::string_view id) {
    return res(id, "aws_s3_bucket", {{"bucket", std::string(id) + "-name"}});
  }
};

}  // namespace

TEST_F(Baseline, PackHasUniqueDocumentedIdsInEveryCategory) {
  const auto& pack = c::baseline_catalogue();
  EXPECT_EQ(pack.name(), "aws-baseline");
  std::set<std::string> ids;
  std::set<std::string> categories;
  for (const auto& rule : pack.rules()) {
    const auto& info = rule->info();
    EXPECT_TRUE(ids.insert(info.id).second) << info.id;
    ASSERT_EQ(info.id.rfind("AWS-", 0), 0u) << info.id;
    categories.insert(info.id.substr(4, 3));
    EXPECT_FALSE(info.message.empty()) << info.id;
    EXPECT_FALSE(info.fix.empty()) << info.id;
    EXPECT_FALSE(info.resource_types.empty()) << info.id;
    for (const auto& ferpa : c::covering_rules(info.id)) {
      EXPECT_NE(c::ferpa_catalogue().find(ferpa), nullptr) << info.id << " -> " << ferpa;
    }
  }
  EXPECT_EQ(categories, (std::set<std::string>{"ENC", "TLS", "PUB", "LOG", "IAM", "BAK"}));
  EXPECT_GE(pack.rules().size(), 20u);
}

// docs/compliance.md has a row per baseline rule: id, severity, equivalents, and the FERPA rules
// that cover it in the FERPA profile ("–" for rules the profile keeps).
TEST_F(Baseline, EveryRuleIsDocumented) {
  std::ifstream in(std::string(EDUSTACK_DOCS_DIR) + "/compliance.md");
  ASSERT_TRUE(in) << "docs/compliance.md";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string docs = buffer.str();
  for (const auto& rule : c::baseline_catalogue().rules()) {
    const auto& info = rule->info();
    auto row = docs.find("| " + info.id + " | " + c::to_string(info.severity) + " |");
    ASSERT_NE(row, std::string::npos) << info.id << " is not in the baseline rule table";
    const std::string line = docs.substr(row, docs.find('\n', row) - row);
    EXPECT_NE(line.find(info.checkov.empty() ? "–" : info.checkov), std::string::npos) << line;
    EXPECT_NE(line.find(info.trivy.empty() ? "–" : info.trivy), std::string::npos) << line;
    const auto& covering = c::covering_rules(info.id);
    std::string covered;
    for (const auto& id : covering) covered += (covered.empty() ? "" : ", ") + id;
    EXPECT_NE(line.rfind("| " + (covered.empty() ? std::string("–") : covered) + " |"),
              std::string::npos)
        << line;
  }
}

TEST_F(Baseline, FerpaProfileIsTheFerpaPackPlusTheUncoveredBaselineRules) {
  auto profile = c::profile_pack(c::Profile::ferpa);
  EXPECT_EQ(profile.name(), "ferpa");
  // The FERPA rules first, in their order: today's findings, in today's order.
  const auto& ferpa = c::ferpa_catalogue().rules();
  ASSERT_GT(profile.rules().size(), ferpa.size());
  for (std::size_t i = 0; i < ferpa.size(); ++i) {
    EXPECT_EQ(profile.rules()[i]->info().id, ferpa[i]->info().id);
  }
  std::set<std::string> added;
  for (std::size_t i = ferpa.size(); i < profile.rules().size(); ++i) {
    added.insert(profile.rules()[i]->info().id);
  }
  EXPECT_EQ(added,
            (std::set<std::string>{"AWS-ENC-002", "AWS-ENC-004", "AWS-ENC-006", "AWS-ENC-008",
                                   "AWS-TLS-005", "AWS-LOG-001", "AWS-BAK-002"}));
  EXPECT_EQ(c::profile_pack(c::Profile::baseline).rules().size(),
            c::baseline_catalogue().rules().size());
  EXPECT_EQ(c::parse_profile("ferpa"), c::Profile::ferpa);
  EXPECT_EQ(c::parse_profile("baseline"), c::Profile::baseline);
  EXPECT_FALSE(c::parse_profile("hipaa").has_value());
}

TEST_F(Baseline, Enc001BucketDefaultEncryption) {
  auto& plain = bucket("plain");
  auto& sse = bucket("sse");
  auto& kms = bucket("kms");
  (void)plain;
  res("sse_config", "aws_s3_bucket_server_side_encryption_configuration",
      {{"bucket", sse.attribute("id")},
       {"rule", list({obj({{"apply_server_side_encryption_by_default",
                            list({obj({{"sse_algorithm", "AES256"}})})}})})}});
  res("kms_config", "aws_s3_bucket_server_side_encryption_configuration",
      {{"bucket", "kms-name"},  // by literal name
       {"rule", list({obj({{"apply_server_side_encryption_by_default",
                            list({obj({{"sse_algorithm", "aws:kms"}})})}})})}});
  (void)kms;
  expect("AWS-ENC-001", {"plain"}, {"sse", "kms"});
}

TEST_F(Baseline, Enc002EbsEncryption) {
  res("volume", "aws_ebs_volume", {{"size", 10}});
  res("secure_volume", "aws_ebs_volume", {{"size", 10}, {"encrypted", true}});
  res("instance", "aws_instance", {{"ami", "ami-1"}});
  res("secure_instance", "aws_instance",
      {{"ami", "ami-1"}, {"root_block_device", list({obj({{"encrypted", true}})})}});
  res("template", "aws_launch_template",
      {{"block_device_mappings",
        list({obj({{"device_name", "/dev/xvda"}, {"ebs", list({obj({{"volume_size", 8}})})}})})}});
  res("secure_template", "aws_launch_template",
      {{"block_device_mappings", list({obj({{"device_name", "/dev/xvda"},
                                            {"ebs", list({obj({{"encrypted", "true"}})})}})})}});
  expect("AWS-ENC-002", {"volume", "instance", "template"},
         {"secure_volume", "secure_instance", "secure_template"});
}

TEST_F(Baseline, Enc002AccountDefaultEncryptionCoversEveryVolume) {
  res("volume", "aws_ebs_volume", {{"size", 10}});
  res("default", "aws_ebs_encryption_by_default", {{"enabled", true}});
  EXPECT_TRUE(findings("AWS-ENC-002").empty());
}

TEST_F(Baseline, Enc003DatabaseStorage) {
  res("db", "aws_db_instance", {{"engine", "postgres"}});
  res("cluster", "aws_rds_cluster", {{"engine", "aurora-postgresql"}});
  res("secure_db", "aws_db_instance", {{"engine", "postgres"}, {"storage_encrypted", true}});
  res("replica", "aws_db_instance", {{"replicate_source_db", "source-db"}});
  expect("AWS-ENC-003", {"db", "cluster"}, {"secure_db", "replica"});
}

TEST_F(Baseline, Enc004DynamoDbKmsAndBak002PointInTimeRecovery) {
  res("table", "aws_dynamodb_table", {{"name", "t"}, {"hash_key", "id"}});
  res("secure_table", "aws_dynamodb_table",
      {{"name", "u"},
       {"hash_key", "id"},
       {"server_side_encryption", list({obj({{"enabled", true}})})},
       {"point_in_time_recovery", list({obj({{"enabled", true}})})}});
  expect("AWS-ENC-004", {"table"}, {"secure_table"});
  expect("AWS-BAK-002", {"table"}, {"secure_table"});
}

TEST_F(Baseline, Enc005QueueEncryptionTurnedOff) {
  res("off", "aws_sqs_queue", {{"sqs_managed_sse_enabled", false}});
  res("sse_sqs", "aws_sqs_queue");  // SSE-SQS is the default for new queues
  res("kms", "aws_sqs_queue",
      {{"sqs_managed_sse_enabled", false}, {"kms_master_key_id", "alias/queue-key"}});
  expect("AWS-ENC-005", {"off"}, {"sse_sqs", "kms"});
}

TEST_F(Baseline, Enc006Enc007Enc008Enc009) {
  res("topic", "aws_sns_topic", {{"name", "t"}});
  res("secure_topic", "aws_sns_topic", {{"name", "u"}, {"kms_master_key_id", "alias/aws/sns"}});
  expect("AWS-ENC-006", {"topic"}, {"secure_topic"});
  res("logs", "aws_cloudwatch_log_group", {{"name", "l"}});
  res("secure_logs", "aws_cloudwatch_log_group",
      {{"name", "m"}, {"kms_key_id", "arn:aws:kms:eu-west-2:111122223333:key/x"}});
  expect("AWS-ENC-007", {"logs"}, {"secure_logs"});
  res("efs", "aws_efs_file_system");
  res("secure_efs", "aws_efs_file_system", {{"encrypted", true}});
  expect("AWS-ENC-008", {"efs"}, {"secure_efs"});
  res("redis", "aws_elasticache_replication_group", {{"description", "r"}});
  res("secure_redis", "aws_elasticache_replication_group",
      {{"description", "s"},
       {"at_rest_encryption_enabled", true},
       {"transit_encryption_enabled", true}});
  expect("AWS-ENC-009", {"redis"}, {"secure_redis"});
  expect("AWS-TLS-004", {"redis"}, {"secure_redis"});
}

TEST_F(Baseline, Tls001TlsOnlyBucketPolicyAndPub001PublicAccessBlock) {
  auto& open = bucket("open");
  auto& closed = bucket("closed");
  (void)open;
  res("policy", "aws_s3_bucket_policy",
      {{"bucket", closed.attribute("id")},
       {"policy",
        policy({obj({{"Effect", "Deny"},
                     {"Principal", "*"},
                     {"Action", "s3:*"},
                     {"Resource", "*"},
                     {"Condition", obj({{"Bool", obj({{"aws:SecureTransport", "false"}})}})}})})}});
  res("block", "aws_s3_bucket_public_access_block",
      {{"bucket", closed.attribute("id")},
       {"block_public_acls", true},
       {"block_public_policy", true},
       {"ignore_public_acls", true},
       {"restrict_public_buckets", true}});
  expect("AWS-TLS-001", {"open"}, {"closed"});
  expect("AWS-PUB-001", {"open"}, {"closed"});
}

TEST_F(Baseline, Tls002Tls003LoadBalancerListeners) {
  res("http", "aws_lb_listener", {{"port", 80}, {"protocol", "HTTP"}});
  res("redirect", "aws_lb_listener",
      {{"port", 80},
       {"protocol", "HTTP"},
       {"default_action",
        list({obj({{"type", "redirect"},
                   {"redirect", list({obj({{"protocol", "HTTPS"}, {"port", "443"}})})}})})}});
  res("old_tls", "aws_lb_listener",
      {{"port", 443}, {"protocol", "HTTPS"}, {"ssl_policy", "ELBSecurityPolicy-2016-08"}});
  res("tls13", "aws_lb_listener",
      {{"port", 443},
       {"protocol", "HTTPS"},
       {"ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"}});
  expect("AWS-TLS-002", {"http"}, {"redirect", "old_tls", "tls13"});
  expect("AWS-TLS-003", {"old_tls"}, {"http", "redirect", "tls13"});
}

TEST_F(Baseline, Tls005DatabaseForcesTls) {
  auto& forced = res("forced", "aws_rds_cluster_parameter_group",
                     {{"family", "aurora-postgresql16"},
                      {"parameter", list({obj({{"name", "rds.force_ssl"}, {"value", "1"}})})}});
  res("aurora", "aws_rds_cluster", {{"engine", "aurora-postgresql"}});
  res("aurora_tls", "aws_rds_cluster",
      {{"engine", "aurora-postgresql"},
       {"db_cluster_parameter_group_name", forced.attribute("name")}});
  auto& mysql_group =
      res("mysql_group", "aws_db_parameter_group",
          {{"name", "mysql-tls"},
           {"family", "mysql8.0"},
           {"parameter", list({obj({{"name", "require_secure_transport"}, {"value", "ON"}})})}});
  (void)mysql_group;
  res("mysql", "aws_db_instance", {{"engine", "mysql"}});
  res("mysql_tls", "aws_db_instance", {{"engine", "mysql"}, {"parameter_group_name", "mysql-tls"}});
  res("postgres16", "aws_db_instance", {{"engine", "postgres"}, {"engine_version", "16.3"}});
  res("postgres_default", "aws_db_instance", {{"engine", "postgres"}});
  res("postgres13", "aws_db_instance", {{"engine", "postgres"}, {"engine_version", "13.7"}});
  res("oracle", "aws_db_instance", {{"engine", "oracle-ee"}});
  expect("AWS-TLS-005", {"aurora", "mysql", "postgres13"},
         {"aurora_tls", "mysql_tls", "postgres16", "postgres_default", "oracle"});
}

TEST_F(Baseline, Pub002OpenIngressOutsideWebPorts) {
  res("ssh", "aws_security_group",
      {{"ingress", list({obj({{"from_port", 22},
                              {"to_port", 22},
                              {"protocol", "tcp"},
                              {"cidr_blocks", list({"0.0.0.0/0"})}})})}});
  res("web", "aws_security_group",
      {{"ingress", list({obj({{"from_port", 443},
                              {"to_port", 443},
                              {"protocol", "tcp"},
                              {"cidr_blocks", list({"0.0.0.0/0"})}})})}});
  res("internal", "aws_security_group",
      {{"ingress", list({obj({{"from_port", 5432},
                              {"to_port", 5432},
                              {"protocol", "tcp"},
                              {"cidr_blocks", list({"10.0.0.0/16"})}})})}});
  res("rdp_rule", "aws_vpc_security_group_ingress_rule",
      {{"cidr_ipv6", "::/0"}, {"from_port", 3389}, {"to_port", 3389}, {"ip_protocol", "tcp"}});
  res("all_rule", "aws_security_group_rule",
      {{"type", "ingress"},
       {"protocol", "-1"},
       {"from_port", 0},
       {"to_port", 0},
       {"cidr_blocks", list({"0.0.0.0/0"})}});
  expect("AWS-PUB-002", {"ssh", "rdp_rule", "all_rule"}, {"web", "internal"});
}

TEST_F(Baseline, Pub003PublicDatabase) {
  res("public", "aws_db_instance", {{"engine", "postgres"}, {"publicly_accessible", true}});
  res("private", "aws_db_instance", {{"engine", "postgres"}});
  res("instance", "aws_rds_cluster_instance", {{"publicly_accessible", false}});
  expect("AWS-PUB-003", {"public"}, {"private", "instance"});
}

TEST_F(Baseline, Log001BucketAccessLogsWithLogBucketsExempt) {
  auto& logged = bucket("logged");
  auto& logs = bucket("logs");
  auto& trail_bucket = bucket("trail_bucket");
  auto& silent = bucket("silent");
  (void)silent;
  res("logging", "aws_s3_bucket_logging",
      {{"bucket", logged.attribute("id")}, {"target_bucket", logs.attribute("id")}});
  res("trail", "aws_cloudtrail",
      {{"name", "t"},
       {"s3_bucket_name", trail_bucket.attribute("id")},
       {"is_multi_region_trail", true},
       {"enable_log_file_validation", true}});
  expect("AWS-LOG-001", {"silent"}, {"logged", "logs", "trail_bucket"});
  expect("AWS-LOG-004", {}, {"trail"});
}

TEST_F(Baseline, Log002Log003Log004) {
  res("alb", "aws_lb", {{"load_balancer_type", "application"}});
  res("logged_alb", "aws_lb",
      {{"access_logs", list({obj({{"enabled", true}, {"bucket", "alb-logs"}})})}});
  res("nlb", "aws_lb", {{"load_balancer_type", "network"}});
  expect("AWS-LOG-002", {"alb"}, {"logged_alb", "nlb"});
  auto& vpc = res("vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  auto& watched = res("watched", "aws_vpc", {{"cidr_block", "10.1.0.0/16"}});
  (void)vpc;
  res("flow", "aws_flow_log", {{"vpc_id", watched.attribute("id")}, {"traffic_type", "ALL"}});
  expect("AWS-LOG-003", {"vpc"}, {"watched"});
  res("regional", "aws_cloudtrail", {{"name", "r"}, {"is_multi_region_trail", false}});
  expect("AWS-LOG-004", {"regional"}, {});
}

TEST_F(Baseline, Iam001AdministratorGrants) {
  res("admin", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}})})}});
  res("attached", "aws_iam_role_policy_attachment",
      {{"role", "r"}, {"policy_arn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  res("scoped", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Allow"},
                               {"Action", list({"s3:GetObject"})},
                               {"Resource", "arn:aws:s3:::b/*"}})})}});
  res("deny_all", "aws_iam_policy",
      {{"policy", policy({obj({{"Effect", "Deny"}, {"Action", "*"}, {"Resource", "*"}})})}});
  expect("AWS-IAM-001", {"admin", "attached"}, {"scoped", "deny_all"});
}

TEST_F(Baseline, Bak001DatabaseBackups) {
  res("short", "aws_rds_cluster",
      {{"engine", "aurora-postgresql"}, {"backup_retention_period", 1}});
  res("unset", "aws_db_instance", {{"engine", "postgres"}});
  res("week", "aws_db_instance", {{"engine", "postgres"}, {"backup_retention_period", 7}});
  expect("AWS-BAK-001", {"short", "unset"}, {"week"});
}

TEST_F(Baseline, SecureConstructsAreQuietButForAccessLogging) {
  // KmsKey and EncryptedBucket are secure by default: encrypted with the key, TLS-only policy,
  // public access blocked, versioned. The one baseline finding is the bucket's missing server
  // access logging (AWS-LOG-001, a warning): it is given no access_log_bucket.
  add_tags(stack, {{"DataClassification", "restricted"}, {"Environment", "test"}});
  constructs::KmsKey key(stack, "key", {.alias = "edu-data-test"});
  constructs::EncryptedBucket records(stack, "records",
                                      {.name = "edu-records-test", .kms_key_arn = key.arn()});
  auto report = c::check(stack, c::Profile::baseline);
  std::vector<std::string> found;
  for (const auto& finding : report.findings) found.push_back(finding.rule + " " + finding.path);
  EXPECT_EQ(found, std::vector<std::string>{"AWS-LOG-001 app/s/records/bucket"});
  EXPECT_EQ(report.errors(), 0u);
  EXPECT_TRUE(report.passed());
}

TEST_F(Baseline, SuppressionOfTheCoveringFerpaRuleCoversTheBaselineRule) {
  auto& alb = res("alb", "aws_lb", {{"load_balancer_type", "application"}});
  c::suppress(alb, "FERPA-ALB-003", "every request reaches this ALB through API Gateway's logs");
  auto found = findings("AWS-LOG-002");
  ASSERT_EQ(found.size(), 1u);
  ASSERT_TRUE(found[0].suppressed());
  EXPECT_EQ(found[0].suppressed_by->rule, "FERPA-ALB-003");
  auto report = c::check(stack, c::Profile::baseline);
  ASSERT_EQ(report.suppressions.size(), 1u);
  EXPECT_EQ(report.suppressions[0].findings, 1u);
}

TEST(BaselineApp, EveryStackIsCheckedAndProfilesPick) {
  App app;
  Stack team(app, "team");  // did not opt in: the baseline
  team.make<GenericResource>("topic", "aws_sns_topic", Value::Object{{"name", "t"}});
  Stack records(app, "records");  // opted in: the FERPA profile
  c::enable(records);
  records.make<GenericResource>("topic", "aws_sns_topic", Value::Object{{"name", "u"}});

  auto report = c::check(app);
  EXPECT_EQ(report.stacks, (std::vector<std::string>{"app/team", "app/records"}));
  EXPECT_EQ(report.pack, "aws-baseline+ferpa");
  std::set<std::string> team_rules;
  std::set<std::string> records_rules;
  for (const auto& finding : report.findings) {
    (finding.stack == "team" ? team_rules : records_rules).insert(finding.rule);
  }
  EXPECT_EQ(team_rules, std::set<std::string>{"AWS-ENC-006"});  // no tagging noise
  EXPECT_TRUE(records_rules.count("AWS-ENC-006"));
  EXPECT_TRUE(records_rules.count("FERPA-TAG-001"));

  // --profile baseline: the opted-in stack too, without the FERPA rules.
  auto baseline = c::check(app, {.profile = c::Profile::baseline});
  EXPECT_EQ(baseline.pack, "aws-baseline");
  for (const auto& finding : baseline.findings) EXPECT_EQ(finding.rule.rfind("AWS-", 0), 0u);
  // --all-stacks (as before): the stacks that did not opt in get the FERPA profile.
  auto all = c::check(app, {.all_stacks = true});
  EXPECT_EQ(all.pack, "ferpa");
  bool team_tagged = false;
  for (const auto& finding : all.findings) {
    team_tagged = team_tagged || (finding.stack == "team" && finding.rule == "FERPA-TAG-001");
  }
  EXPECT_TRUE(team_tagged);
}

TEST(TagRegistry, UntypedResourcesAreLookedUpInTheSchemaOrReportedAsSkipped) {
  App app;
  Stack stack(app, "s");
  c::enable(stack);
  // Has tags in the provider schema, but was not in the old hand-kept list of 65 types.
  stack.make<GenericResource>("table", "aws_dynamodb_table", Value::Object{{"name", "t"}});
  // No tags argument in the schema: not checked, not skipped.
  stack.make<GenericResource>("policy", "aws_s3_bucket_policy");
  // Not in the schema at all: skipped, and the report says so.
  stack.make<GenericResource>("future", "aws_made_up_service_thing");
  // Typed, with tags: the binding says it.
  aws::Vpc vpc(stack, "vpc", {.cidr_block = "10.0.0.0/16"});

  auto report = c::check(stack);
  std::set<std::string> tagged;
  for (const auto& finding : report.findings) {
    if (finding.rule == "FERPA-TAG-001") tagged.insert(finding.path);
  }
  EXPECT_EQ(tagged, (std::set<std::string>{"app/s/table", "app/s/vpc"}));
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].rule, "FERPA-TAG-001");
  EXPECT_EQ(report.skipped[0].path, "app/s/future");
  EXPECT_NE(report.skipped[0].reason.find("hashicorp/aws 6.47.0"), std::string::npos);
  const std::string text = c::to_text(report);
  EXPECT_NE(text.find("skipped (1): not checked"), std::string::npos) << text;
  EXPECT_NE(text.find("[app/s/future] FERPA-TAG-001 aws_made_up_service_thing.future: untyped"),
            std::string::npos)
      << text;
  EXPECT_NE(c::to_json(report).find("\"skipped\""), std::string::npos);
  EXPECT_NE(c::to_sarif(report).find("toolExecutionNotifications"), std::string::npos);
}

TEST(TagRegistry, ALoadedSchemaAnswersBeforeTheRegistry) {
  App app;
  Stack stack(app, "s");
  c::enable(stack);
  stack.make<GenericResource>("future", "aws_made_up_service_thing");
  stack.make<GenericResource>("queue", "aws_sqs_queue");  // the registry: tags
  int asked = 0;
  c::CheckOptions options;
  options.schema_tags = [&asked](std::string_view type) -> std::optional<bool> {
    ++asked;
    if (type == "aws_made_up_service_thing") return true;
    return std::nullopt;  // not in this schema: the registry answers
  };
  auto report = c::check(app, options);
  std::set<std::string> tagged;
  for (const auto& finding : report.findings) {
    if (finding.rule == "FERPA-TAG-001") tagged.insert(finding.path);
  }
  EXPECT_EQ(tagged, (std::set<std::string>{"app/s/future", "app/s/queue"}));
  EXPECT_TRUE(report.skipped.empty());
  EXPECT_GT(asked, 0);
}
