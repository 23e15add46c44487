// Suppressions, synthesis integration, custom rules and the report formats.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace edustack;
namespace c = edustack::compliance;
using nlohmann::json;

namespace {

// A stack whose provider tags everything (so FERPA-TAG-001 stays quiet), plus what a test adds.
struct Fixture {
  App app;
  Stack stack{app, "s"};
  Provider aws{stack, "aws",
               ProviderConfig{.name = "aws",
                              .arguments = Value::Object{
                                  {"default_tags",
                                   Value::List{Value::Object{
                                       {"tags", Value::Object{{"DataClassification", "restricted"},
                                                              {"Environment", "test"}}}}}}}}};

  GenericResource& res(std::string_view id, std::string type, Value::Object arguments = {}) {
    return stack.make<GenericResource>(id, std::move(type), std::move(arguments));
  }
};

std::vector<const c::Finding*> with_rule(const c::Report& report, const std::string& rule) {
  std::vector<const c::Finding*> out;
  for (const auto& finding : report.findings) {
    if (finding.rule == rule) out.push_back(&finding);
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("edustack-compliance-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

TEST(Suppression, AppliesToTheSubtreeAndIsListedInTheReport) {
  Fixture f;
  Construct group(f.stack, "public_site");
  auto& bucket = group.make<GenericResource>("assets", "aws_s3_bucket", Value::Object{});
  group.make<GenericResource>("images", "aws_s3_bucket", Value::Object{});
  f.res("outside", "aws_s3_bucket");
  c::suppress(group, "FERPA-S3-002", "course catalogue images only, no student records");

  auto report = c::check(f.stack);
  int suppressed = 0;
  for (const auto* finding : with_rule(report, "FERPA-S3-002")) {
    if (finding->path == "app/s/outside") {
      EXPECT_FALSE(finding->suppressed());
    } else {
      ASSERT_TRUE(finding->suppressed()) << finding->path;
      EXPECT_EQ(finding->suppressed_by->path, "app/s/public_site");
      EXPECT_EQ(finding->suppressed_by->reason, "course catalogue images only, no student records");
      ++suppressed;
    }
  }
  EXPECT_EQ(suppressed, 2);
  ASSERT_EQ(report.suppressions.size(), 1u);
  EXPECT_EQ(report.suppressions[0].suppression.rule, "FERPA-S3-002");
  EXPECT_EQ(report.suppressions[0].findings, 2u);
  EXPECT_EQ(c::suppressions_of(group).size(), 1u);
  EXPECT_TRUE(c::find_suppression(bucket, "FERPA-S3-002").has_value());
  EXPECT_FALSE(c::find_suppression(bucket, "FERPA-S3-003").has_value());

  const auto text = c::to_text(report);
  EXPECT_NE(text.find("suppressions (1):"), std::string::npos) << text;
  EXPECT_NE(text.find("[app/s/public_site] FERPA-S3-002 \"course catalogue images only, no student "
                      "records\": 2 findings"),
            std::string::npos)
      << text;
}

TEST(Suppression, ReasonMustHaveTenCharacters) {
  Fixture f;
  auto& bucket = f.res("bucket", "aws_s3_bucket");
  try {
    c::suppress(bucket, "FERPA-S3-002", "  too short ");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bucket");
    EXPECT_EQ(error.field(), "reason");
    EXPECT_NE(std::string(error.what()).find("at least 10 characters"), std::string::npos);
  }
  EXPECT_THROW(c::suppress(bucket, "", "a perfectly good reason"), ConfigError);
  EXPECT_NO_THROW(c::suppress(bucket, "FERPA-S3-002", "exactly10!"));
  EXPECT_THROW(c::suppress(bucket, "FERPA-S3-002", "a second one for the same rule"), ConfigError);
}

TEST(Suppression, NonSuppressibleBuiltInRuleIsRejected) {
  Fixture f;
  auto& bucket = f.res("bucket", "aws_s3_bucket");
  try {
    c::suppress(bucket, "FERPA-S3-001", "we encrypt on the client side anyway");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bucket");
    EXPECT_EQ(error.field(), "rule");
    EXPECT_NE(std::string(error.what()).find("cannot be suppressed"), std::string::npos);
  }
  EXPECT_TRUE(c::suppressions_of(bucket).empty());
}

TEST(Suppression, NonSuppressibleCustomRuleIgnoresTheSuppression) {
  Fixture f;
  auto rule = c::make_rule({.id = "ACME-VPC-001",
                            .severity = c::Severity::error,
                            .message = "VPC is not in 10.0.0.0/8",
                            .fix = "use a 10.x CIDR",
                            .resource_types = {"aws_vpc"},
                            .suppressible = false},
                           [](const c::ResourceView& vpc) -> c::Violations {
                             if (c::text(vpc.get("cidr_block")).rfind("10.", 0) == 0) return {};
                             return {""};
                           });
  c::enable(f.stack, {.rules = {rule}});
  auto& vpc = f.res("vpc", "aws_vpc", {{"cidr_block", "192.168.0.0/16"}});
  c::suppress(vpc, "ACME-VPC-001", "legacy network we cannot renumber");
  auto report = c::check(f.stack);
  auto found = with_rule(report, "ACME-VPC-001");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0]->suppressed());
  EXPECT_NE(found[0]->note.find("cannot be suppressed"), std::string::npos);
  EXPECT_FALSE(report.passed());
}

TEST(Synthesis, ErrorFindingsFailSynthesisListingPathRuleAndMessage) {
  Fixture f;
  c::enable(f.stack);
  f.res("bucket", "aws_s3_bucket");
  f.res("db", "aws_rds_cluster", {{"storage_encrypted", true}});
  try {
    f.app.synth_in_memory();
    FAIL() << "expected SynthError";
  } catch (const SynthError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("[app/s/bucket] FERPA-S3-001 S3 bucket has no default encryption"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("[app/s/db] FERPA-RDS-001 database storage is not encrypted"),
              std::string::npos)
        << what;
    bool found = false;
    for (const auto& problem : error.problems()) {
      found = found || (problem.rule == "FERPA-S3-003" && problem.path == "app/s/bucket");
    }
    EXPECT_TRUE(found);
  }
}

// Synthesis checks only the stacks that opted in; `check` checks every stack, those that did
// not opt in with the AWS baseline (no FERPA rule, so no tagging noise).
TEST(Synthesis, StacksThatDoNotOptInAreNotCheckedAtSynthesisButGetTheBaselineFromCheck) {
  Fixture f;
  f.res("bucket", "aws_s3_bucket");
  EXPECT_NO_THROW(f.app.synth_in_memory());
  auto report = c::check(f.app);
  EXPECT_EQ(report.stacks, std::vector<std::string>{"app/s"});
  EXPECT_EQ(report.pack, "aws-baseline");
  EXPECT_FALSE(report.findings.empty());
  for (const auto& finding : report.findings) EXPECT_EQ(finding.rule.rfind("AWS-", 0), 0u);
  EXPECT_FALSE(report.passed());  // AWS-TLS-001, AWS-PUB-001
  App empty;
  EXPECT_NE(c::to_text(c::check(empty)).find("no stack was checked"), std::string::npos);
  auto all = c::check(f.app, {.all_stacks = true});
  EXPECT_EQ(all.stacks, std::vector<std::string>{"app/s"});
  EXPECT_FALSE(all.passed());
}

TEST(Synthesis, EnablingTwiceIsAnError) {
  Fixture f;
  c::enable(f.stack);
  EXPECT_NE(c::enabled_check(f.stack), nullptr);
  EXPECT_THROW(c::enable(f.stack), ConfigError);
}

TEST(Synthesis, WarningsAndSuppressionsAreRecordedInTheManifest) {
  Fixture f;
  c::enable(f.stack);
  auto& key = f.res("key", "aws_kms_key", {{"enable_key_rotation", true}});
  // A compliant Aurora cluster but for its single instance (FERPA-RDS-002 is a warning).
  auto& cluster = f.res("db", "aws_rds_cluster",
                        {{"engine", "aurora-postgresql"},
                         {"storage_encrypted", true},
                         {"kms_key_id", key.attribute("arn")},
                         {"deletion_protection", true},
                         {"backup_retention_period", 14}});
  f.res("writer", "aws_rds_cluster_instance", {{"cluster_identifier", cluster.attribute("id")}});
  auto& queue = f.res("queue", "aws_sqs_queue");
  c::suppress(queue, "FERPA-SQS-001", "holds only public course ids, never student data");

  auto outdir = temp_dir("manifest");
  auto result = f.app.synth(outdir);
  bool warned = false;
  for (const auto& annotation : result.annotations) {
    warned = warned || (annotation.rule == "FERPA-RDS-002" && annotation.path == "app/s/db" &&
                        annotation.level == Annotation::Level::warning);
  }
  EXPECT_TRUE(warned);

  auto manifest = json::parse(read_file(outdir / "manifest.json"));
  bool warning_in_manifest = false;
  bool suppression_in_manifest = false;
  for (const auto& annotation : manifest["stacks"]["s"]["annotations"]) {
    if (annotation["rule"] == "FERPA-RDS-002") {
      warning_in_manifest = annotation["level"] == "warning" && annotation["path"] == "app/s/db";
    }
    if (annotation["rule"] == "FERPA-SQS-001") {
      suppression_in_manifest =
          annotation["level"] == "info" &&
          annotation["message"].get<std::string>().find("never student data") != std::string::npos;
    }
  }
  EXPECT_TRUE(warning_in_manifest) << manifest.dump(2);
  EXPECT_TRUE(suppression_in_manifest) << manifest.dump(2);
  std::filesystem::remove_all(outdir);
}

TEST(Synthesis, WarningsAsErrorsFailSynthesis) {
  Fixture f;
  c::enable(f.stack, {.warnings_as_errors = true});
  f.res("stage", "aws_api_gateway_stage",
        {{"stage_name", "prod"},
         {"access_log_settings", Value::List{Value::Object{{"destination_arn", "arn:x"}}}}});
  try {
    f.app.synth_in_memory();
    FAIL() << "expected SynthError";
  } catch (const SynthError& error) {
    EXPECT_NE(std::string(error.what()).find("[app/s/stage] FERPA-API-002"), std::string::npos)
        << error.what();
  }
}

TEST(Synthesis, UnknownRuleInASuppressionIsAWarning) {
  Fixture f;
  c::enable(f.stack);
  c::suppress(f.stack, "FERPA-S3-999", "typo in the rule id here");
  auto result = f.app.synth_in_memory();
  bool warned = false;
  for (const auto& annotation : result.annotations) {
    warned = warned || (annotation.rule == "COMPLIANCE-SUPPRESSION" && annotation.path == "app/s");
  }
  EXPECT_TRUE(warned);
}

TEST(CustomRule, RunsAtSynthesisNextToThePack) {
  Fixture f;
  auto rule = c::make_rule(
      {.id = "ACME-SQS-001",
       .severity = c::Severity::error,
       .message = "queue keeps messages for less than 4 days",
       .fix = "set message_retention_seconds >= 345600",
       .resource_types = {"aws_sqs_queue"}},
      [](const c::ResourceView& queue) -> c::Violations {
        auto seconds = c::number(queue.get("message_retention_seconds"));
        if (seconds && *seconds >= 345600) return {};
        return {"message_retention_seconds is " + c::text(queue.get("message_retention_seconds"))};
      });
  c::enable(f.stack, {.rules = {rule}});
  auto& key = f.res("key", "aws_kms_key", {{"enable_key_rotation", true}});
  f.res("queue", "aws_sqs_queue",
        {{"kms_master_key_id", key.attribute("arn")}, {"message_retention_seconds", 60}});
  try {
    f.app.synth_in_memory();
    FAIL() << "expected SynthError";
  } catch (const SynthError& error) {
    ASSERT_EQ(error.problems().size(), 1u) << error.what();
    EXPECT_EQ(error.problems()[0].to_string(),
              "[app/s/queue] ACME-SQS-001 queue keeps messages for less than 4 days: "
              "message_retention_seconds is 60");
  }
  // A rule id the pack already has is refused.
  auto clash =
      c::make_rule({.id = "FERPA-S3-001"}, [](const c::ResourceView&) { return c::Violations{}; });
  Fixture g;
  EXPECT_THROW(c::enable(g.stack, {.rules = {clash}}), ConfigError);
}

TEST(Report, FindingsCarryTheLineOfTheResourceInTheSynthesizedFile) {
  Fixture f;
  c::enable(f.stack);
  f.res("vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  auto report = c::check(f.app);
  auto found = with_rule(report, "FERPA-VPC-001");
  ASSERT_EQ(found.size(), 1u);
  ASSERT_GT(found[0]->line, 0);
  auto artifact = f.stack.synthesize();
  std::istringstream in(artifact.json);
  std::string line;
  for (int i = 0; i < found[0]->line; ++i) std::getline(in, line);
  EXPECT_EQ(line, "      \"vpc\": {");
}

TEST(Report, JsonAndTextFormats) {
  Fixture f;
  c::enable(f.stack);
  f.res("vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  c::suppress(f.stack, "FERPA-NET-002", "default group managed by the network team");
  auto report = c::check(f.app);
  EXPECT_EQ(c::parse_format("sarif"), c::Format::sarif);
  EXPECT_FALSE(c::parse_format("xml").has_value());

  auto document = json::parse(c::render(report, c::Format::json));
  EXPECT_EQ(document["pack"], "ferpa");
  EXPECT_EQ(document["rules"].size(), report.rules.size());
  EXPECT_EQ(document["summary"]["errors"], report.errors());
  EXPECT_EQ(document["summary"]["passed"], false);
  bool suppressed = false;
  for (const auto& finding : document["findings"]) {
    if (finding["rule"] == "FERPA-NET-002") {
      suppressed = finding["suppressed"] == true &&
                   finding["suppression"]["reason"] == "default group managed by the network team";
    }
  }
  EXPECT_TRUE(suppressed);
  EXPECT_EQ(document["suppressions"][0]["path"], "app/s");

  auto text = c::render(report, c::Format::text);
  EXPECT_NE(text.find("error: [app/s/vpc] FERPA-VPC-001 VPC has no flow log"), std::string::npos)
      << text;
  EXPECT_NE(text.find("    fix: add an aws_flow_log"), std::string::npos) << text;
  EXPECT_NE(text.find("FAILED"), std::string::npos);
}

// The structure SARIF 2.1.0 requires (sarif-schema-2.1.0.json): required properties present,
// enumerations respected, indexes consistent.
TEST(Report, SarifHasTheRequiredStructure) {
  Fixture f;
  c::enable(f.stack);
  f.res("vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  f.res("db", "aws_rds_cluster", {{"engine", "aurora-mysql"}});
  c::suppress(f.stack, "FERPA-NET-002", "default group managed by the network team");
  auto report = c::check(f.app);
  auto sarif = json::parse(c::to_sarif(report));

  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_TRUE(sarif["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
  ASSERT_TRUE(sarif["runs"].is_array());
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const auto& run = sarif["runs"][0];
  const auto& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "edustack");
  EXPECT_TRUE(driver["version"].is_string());
  EXPECT_TRUE(driver["informationUri"].get<std::string>().rfind("https://", 0) == 0);
  ASSERT_TRUE(driver["rules"].is_array());
  EXPECT_EQ(driver["rules"].size(), report.rules.size());
  const std::set<std::string> levels = {"none", "note", "warning", "error"};
  for (const auto& rule : driver["rules"]) {
    EXPECT_TRUE(rule["id"].is_string());
    EXPECT_TRUE(rule["shortDescription"]["text"].is_string()) << rule.dump();
    EXPECT_TRUE(rule["fullDescription"]["text"].is_string()) << rule.dump();
    EXPECT_TRUE(rule["help"]["text"].is_string()) << rule.dump();
    EXPECT_TRUE(levels.count(rule["defaultConfiguration"]["level"].get<std::string>()));
    EXPECT_TRUE(rule["properties"].is_object());
    EXPECT_TRUE(rule["properties"]["tags"].is_array());
  }
  ASSERT_TRUE(run["results"].is_array());
  EXPECT_EQ(run["results"].size(), report.findings.size());
  bool saw_suppression = false;
  for (const auto& result : run["results"]) {
    ASSERT_TRUE(result["message"]["text"].is_string()) << result.dump();
    EXPECT_TRUE(levels.count(result["level"].get<std::string>()));
    const auto index = result["ruleIndex"].get<std::size_t>();
    ASSERT_LT(index, driver["rules"].size());
    EXPECT_EQ(driver["rules"][index]["id"], result["ruleId"]);
    ASSERT_EQ(result["locations"].size(), 1u);
    const auto& location = result["locations"][0];
    EXPECT_EQ(location["physicalLocation"]["artifactLocation"]["uri"], "stacks/s/main.tf.json");
    EXPECT_GE(location["physicalLocation"]["region"]["startLine"].get<int>(), 1);
    EXPECT_TRUE(location["logicalLocations"][0]["fullyQualifiedName"].get<std::string>().rfind(
                    "app/s/", 0) == 0);
    if (result.contains("suppressions")) {
      saw_suppression = true;
      ASSERT_TRUE(result["suppressions"].is_array());
      const auto& suppression = result["suppressions"][0];
      EXPECT_TRUE(suppression["kind"] == "inSource" || suppression["kind"] == "external");
      EXPECT_EQ(suppression["justification"], "default group managed by the network team");
      EXPECT_EQ(result["ruleId"], "FERPA-NET-002");
    }
  }
  EXPECT_TRUE(saw_suppression);
}

// Issue 16: at synthesis the pack reads the bodies synthesis builds, so each element is
// synthesized once (the pack used to synthesize every resource again, and the provider once per
// resource for its default tags), and its findings are those of a pack that synthesizes alone.
namespace {

class CountedResource : public GenericResource {
 public:
  using GenericResource::GenericResource;
  mutable int synthesized = 0;

 protected:
  void fragments(std::vector<Fragment>& out) const override {
    ++synthesized;
    GenericResource::fragments(out);
  }
};

class CountedProvider : public Provider {
 public:
  using Provider::Provider;
  mutable int synthesized = 0;

 protected:
  void fragments(std::vector<Fragment>& out) const override {
    ++synthesized;
    Provider::fragments(out);
  }
};

std::vector<std::string> lines(const std::vector<Annotation>& annotations) {
  std::vector<std::string> out;
  for (const auto& a : annotations) {
    out.push_back(std::string(to_string(a.level)) + " [" + a.path + "] " + a.rule + " " +
                  a.message);
  }
  return out;
}

}  // namespace

TEST(ComplianceAtSynth, SynthesizesEachElementOnceAndFindsTheSame) {
  App app;
  Stack stack{app, "s"};
  auto& aws = stack.make<CountedProvider>(
      "aws", ProviderConfig{.name = "aws",
                            .arguments = Value::Object{
                                {"default_tags",
                                 Value::List{Value::Object{
                                     {"tags", Value::Object{{"DataClassification", "restricted"},
                                                            {"Environment", "test"}}}}}}}});
  // Findings at synthesis: a bucket without encryption (error), an untagged queue.
  auto& bucket = stack.make<CountedResource>(
      "bucket", "aws_s3_bucket", Value::Object{{"bucket", "records"}, {"tags", Value::Object{}}});
  auto& queue = stack.make<CountedResource>(
      "queue", "aws_sqs_queue", Value::Object{{"name", "jobs"}, {"sqs_managed_sse_enabled", true}});
  auto& group = stack.make<CountedResource>(
      "group", "aws_security_group",
      Value::Object{
          {"name", "web"},
          {"ingress", Value::List{Value::Object{{"from_port", 22},
                                                {"to_port", 22},
                                                {"protocol", "tcp"},
                                                {"cidr_blocks", Value::List{"0.0.0.0/0"}}}}}});
  const c::ComplianceCheck& check = c::enable(stack);

  std::vector<std::string> at_synth;
  try {
    auto result = app.synth_in_memory();
    for (const auto& annotation : result.annotations) {
      if (!annotation.rule.empty()) at_synth.push_back(annotation.path + " " + annotation.rule);
    }
  } catch (const SynthError& error) {
    for (const auto& problem : error.problems()) {
      at_synth.push_back(problem.path + " " + problem.rule);
    }
  }
  EXPECT_EQ(aws.synthesized, 1);
  EXPECT_EQ(bucket.synthesized, 1);
  EXPECT_EQ(queue.synthesized, 1);
  EXPECT_EQ(group.synthesized, 1);
  EXPECT_FALSE(at_synth.empty());

  // The same annotations from the bodies synthesized once as from a pack synthesizing alone.
  SynthesizedElements synthesized;
  synthesized.elements = stack.elements();
  for (const Element* element : synthesized.elements) {
    synthesized.fragments.push_back(element->synthesize());
  }
  const auto alone = lines(check.check(stack));
  EXPECT_EQ(lines(check.check_synthesized(stack, synthesized)), alone);
  EXPECT_GE(alone.size(), at_synth.size());
  for (const auto& finding : at_synth) {
    bool found = std::any_of(alone.begin(), alone.end(), [&finding](const std::string& line) {
      auto space = finding.find(' ');
      return line.find("[" + finding.substr(0, space) + "] " + finding.substr(space + 1) + " ") !=
             std::string::npos;
    });
    EXPECT_TRUE(found) << finding;
  }
}
