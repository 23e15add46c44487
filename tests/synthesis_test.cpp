#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace edustack;
using nlohmann::json;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

namespace {

json synth_json(App& app, SynthOptions options = {}) {
  auto result = app.synth_in_memory(options);
  return json::parse(result.stacks.at(0).json);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("edustack-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<std::string> problem_lines(const SynthError& error) {
  std::vector<std::string> out;
  for (const auto& p : error.problems()) out.push_back(p.to_string());
  return out;
}

}  // namespace

TEST(Synthesis, ResourceArgumentsAndMetaArguments) {
  App app;
  Stack stack(app, "stack");
  Provider east(stack, "east", {.name = "aws", .alias = "east"});
  GenericResource vpc(stack, "vpc", "aws_vpc", {{"cidr_block", "10.0.0.0/16"}});
  GenericResource subnet(stack, "subnet", "aws_subnet", {{"vpc_id", vpc.attribute("id")}},
                         {.depends_on = {vpc}, .count = 2, .provider = &east});
  subnet.set_lifecycle({.create_before_destroy = true,
                        .prevent_destroy = false,
                        .ignore_changes = {"tags"},
                        .replace_triggered_by = {vpc.attribute("id")}});
  GenericResource each(stack, "each", "aws_subnet",
                       {{"cidr_block", each_value()}, {"tags", Value::Object{{"k", each_key()}}}});
  each.set_for_each(Value::Object{{"a", "10.0.1.0/24"}});

  json doc = synth_json(app);
  const json& s = doc["resource"]["aws_subnet"]["subnet"];
  EXPECT_EQ(s["vpc_id"], "${aws_vpc.vpc.id}");
  EXPECT_EQ(s["depends_on"], json::array({"aws_vpc.vpc"}));
  EXPECT_EQ(s["count"], 2);
  EXPECT_EQ(s["provider"], "aws.east");
  EXPECT_EQ(s["lifecycle"], json::parse(R"({"create_before_destroy": true, "prevent_destroy":
     false, "ignore_changes": ["tags"], "replace_triggered_by": ["aws_vpc.vpc.id"]})"));
  const json& e = doc["resource"]["aws_subnet"]["each"];
  EXPECT_EQ(e["for_each"], json::parse(R"({"a": "10.0.1.0/24"})"));
  EXPECT_EQ(e["cidr_block"], "${each.value}");
  EXPECT_EQ(e["tags"]["k"], "${each.key}");
  EXPECT_EQ(doc["provider"]["aws"], json::parse(R"([{"alias": "east"}])"));
}

TEST(Synthesis, RequireTerraformRaisesOnlyASimpleLowerFloor) {
  auto version = [](std::string given, std::vector<std::string> minimums) {
    App app;
    Stack stack(app, "stack", {.required_version = std::move(given)});
    for (const auto& minimum : minimums) stack.require_terraform(minimum);
    json terraform = synth_json(app)["terraform"];
    return terraform.is_object() ? terraform.value("required_version", "<none>") : "<none>";
  };
  EXPECT_EQ(version(">= 1.10", {}), ">= 1.10");
  EXPECT_EQ(version(">= 1.10", {"1.11"}), ">= 1.11");
  EXPECT_EQ(version(">= 1.10", {"1.11", "1.9", "1.10.4"}), ">= 1.11") << "the highest wins";
  EXPECT_EQ(version(">= 1.9.5", {"1.10.4"}), ">= 1.10.4");
  EXPECT_EQ(version(">= 1.12", {"1.11"}), ">= 1.12") << "a higher floor is kept";
  EXPECT_EQ(version("~> 1.10.0", {"1.11"}), "~> 1.10.0") << "the user's own constraint is kept";
  EXPECT_EQ(version(">= 1.10, < 2.0", {"1.11"}), ">= 1.10, < 2.0");
  EXPECT_EQ(version("", {"1.11"}), "<none>") << "no constraint asked for, none written";
}

TEST(Synthesis, ProvidersVariablesLocalsOutputsAndBackend) {
  App app;
  Stack stack(app, "stack", {.required_version = ">= 1.11"});
  Provider aws(stack, "aws",
               {.name = "aws",
                .source = "hashicorp/aws",
                .version = "~> 6.0",
                .arguments = Value::Object{{"region", "eu-west-2"}}});
  Provider west(
      stack, "aws_west",
      {.name = "aws", .alias = "west", .arguments = Value::Object{{"region", "eu-west-1"}}});
  Variable size(stack, "size",
                {.type = "number",
                 .default_ = 3,
                 .description = "How many",
                 .sensitive = true,
                 .nullable = false});
  size.add_validation_rule(BoolExpr(Expression::raw("var.size > 0")), "size must be positive");
  Local name(stack, "name", "edu-${literal}");
  GenericResource bucket(stack, "bucket", "aws_s3_bucket");
  Output out(stack, "bucket_arn",
             {.value = bucket.attribute("arn"),
              .description = "ARN ${not escaped}",
              .sensitive = true,
              .depends_on = {bucket}});
  S3Backend backend(
      stack, "backend",
      {.bucket = "state", .key = "k", .region = "eu-west-2", .dynamodb_table = "locks"});
  json doc = synth_json(app);
  EXPECT_EQ(doc["terraform"]["required_version"], ">= 1.11");
  EXPECT_EQ(doc["terraform"]["required_providers"]["aws"],
            json::parse(R"({"source": "hashicorp/aws", "version": "~> 6.0"})"));
  EXPECT_EQ(doc["terraform"]["backend"]["s3"],
            json::parse(R"({"bucket": "state", "key": "k", "region": "eu-west-2",
              "encrypt": true, "use_lockfile": true, "dynamodb_table": "locks"})"));
  EXPECT_EQ(doc["provider"]["aws"], json::parse(R"([{"region": "eu-west-2"},
              {"region": "eu-west-1", "alias": "west"}])"));
  EXPECT_EQ(doc["variable"]["size"],
            json::parse(R"({"type": "number", "default": 3, "description": "How many",
              "sensitive": true, "nullable": false, "validation": [{"condition":
              "${var.size > 0}", "error_message": "size must be positive"}]})"));
  EXPECT_EQ(doc["locals"]["name"], "edu-$${literal}");
  EXPECT_EQ(doc["output"]["bucket_arn"],
            json::parse(R"({"value": "${aws_s3_bucket.bucket.arn}", "description":
              "ARN ${not escaped}", "sensitive": true, "depends_on": ["aws_s3_bucket.bucket"]})"));
}

TEST(Synthesis, LiteralTemplateSequencesAreEscapedOnlyInExpressionPositions) {
  App app;
  Stack stack(app, "stack");
  Variable v(stack, "v", {.type = "string", .default_ = "${keep}", .description = "%{keep}"});
  // An alias must be an identifier, so "${" cannot appear there (tests/reliability checks it).
  Provider p(stack, "p", {.name = "aws", .alias = "west"});
  GenericResource r(stack, "r", "aws_ssm_parameter",
                    {{"value", "${escape} and %{escape}"},
                     {"list", Value::List{"${x}"}},
                     {"nested", Value::Object{{"k", "%{y}"}}}});
  Backend backend(stack, "backend", "local", {{"path", "state-${keep}.tfstate"}});
  json doc = synth_json(app);
  EXPECT_EQ(doc["variable"]["v"]["default"], "${keep}");
  EXPECT_EQ(doc["variable"]["v"]["description"], "%{keep}");
  EXPECT_EQ(doc["provider"]["aws"][0]["alias"], "west");
  EXPECT_EQ(doc["terraform"]["backend"]["local"]["path"], "state-${keep}.tfstate");
  const json& body = doc["resource"]["aws_ssm_parameter"]["r"];
  EXPECT_EQ(body["value"], "$${escape} and %%{escape}");
  EXPECT_EQ(body["list"][0], "$${x}");
  EXPECT_EQ(body["nested"]["k"], "%%{y}");
}

TEST(Synthesis, LogicalIdsKeepDirectChildrenAndHashNestedPaths) {
  App app;
  Stack stack(app, "stack");
  GenericResource top(stack, "vpc", "aws_vpc");
  Construct network(stack, "network");
  GenericResource nested(network, "vpc", "aws_vpc");
  Construct odd(stack, "my.network");
  GenericResource weird(odd, "1st", "aws_vpc");
  EXPECT_EQ(top.logical_id(), "vpc");
  EXPECT_EQ(nested.logical_id(), logical_id_for_path("network/vpc"));
  EXPECT_THAT(nested.logical_id(), ::testing::MatchesRegex("network_vpc_[0-9a-f]{8}"));
  EXPECT_THAT(weird.logical_id(), ::testing::MatchesRegex("my_network_1st_[0-9a-f]{8}"));
  EXPECT_EQ(make_logical_id({"9lives"}), "_9lives");
  // Unrelated constructs do not change an id.
  std::string before = nested.logical_id();
  Construct unrelated(stack, "unrelated");
  GenericResource other(unrelated, "vpc", "aws_vpc");
  EXPECT_EQ(nested.logical_id(), before);
  EXPECT_EQ(logical_id_for_path("network/vpc"), make_logical_id({"network", "vpc"}));
}

TEST(Synthesis, LogicalIdCollisionNamesBothPaths) {
  App app;
  Stack stack(app, "stack");
  GenericResource a(stack, "a", "aws_vpc");
  GenericResource b(stack, "b", "aws_vpc");
  GenericResource other_type(stack, "c", "aws_subnet");
  b.override_logical_id("a");
  other_type.override_logical_id("a");  // a different type may share the name
  try {
    app.synth_in_memory();
    FAIL() << "expected a collision";
  } catch (const SynthError& e) {
    EXPECT_EQ(problem_lines(e),
              std::vector<std::string>{
                  "[app/stack/b] synth.id_collision \"a\" (resource.aws_vpc) is also the name of "
                  "app/stack/a; rename one or override its logical id"});
  }
}

TEST(Synthesis, TwoBackendsCollide) {
  App app;
  Stack stack(app, "stack");
  LocalBackend one(stack, "one");
  S3Backend two(stack, "two", {.bucket = "b", .key = "k", .region = "eu-west-2"});
  try {
    app.synth_in_memory();
    FAIL();
  } catch (const SynthError& e) {
    EXPECT_THAT(e.what(), HasSubstr("[app/stack/two] synth.id_collision"));
    EXPECT_THAT(e.what(), HasSubstr("app/stack/one"));
  }
}

TEST(Synthesis, S3BackendRequiresBucketKeyRegion) {
  App app;
  Stack stack(app, "stack");
  try {
    S3Backend bad(stack, "backend", {.bucket = "b", .region = "eu-west-2"});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "[app/stack/backend] key: the S3 backend needs a state key");
    EXPECT_EQ(e.field(), "key");
  }
}

TEST(Synthesis, CrossStackReferenceNamesBothPaths) {
  App app;
  Stack network(app, "network");
  Stack service(app, "service");
  GenericResource vpc(network, "vpc", "aws_vpc");
  GenericResource subnet(service, "subnet", "aws_subnet", {{"vpc_id", vpc.attribute("id")}});
  GenericResource later(service, "later", "aws_subnet", {}, {.depends_on = {vpc}});
  try {
    app.synth_in_memory();
    FAIL();
  } catch (const SynthError& e) {
    auto lines = problem_lines(e);
    ASSERT_EQ(lines.size(), 2u);
    // A reference reads the upstream state, which needs a backend; depends_on cannot cross.
    EXPECT_EQ(lines[0],
              "[app/service/subnet] synth.cross_stack_no_backend refers to app/network/vpc in "
              "stack \"network\" (app/network), which has no backend to read its outputs from; "
              "add a backend (LocalBackend, S3Backend, ...) to app/network");
    EXPECT_THAT(lines[1], HasSubstr("[app/service/later] synth.cross_stack_depends_on depends on "
                                    "app/network/vpc"));
  }
}

TEST(Synthesis, AnnotationErrorsFailAndListEveryOne) {
  App app;
  Stack stack(app, "stack");
  Construct a(stack, "a");
  Construct b(stack, "b");
  a.node().add_error("first problem");
  b.node().add_error("second problem");
  b.node().add_warning("just a warning");
  b.node().add_validation([] { return std::vector<std::string>{"validation failed"}; });
  try {
    app.synth_in_memory();
    FAIL();
  } catch (const SynthError& e) {
    EXPECT_EQ(e.id(), "synth.failed");
    EXPECT_EQ(problem_lines(e),
              (std::vector<std::string>{"[app/stack/a] annotation first problem",
                                        "[app/stack/b] validation validation failed",
                                        "[app/stack/b] annotation second problem"}));
    EXPECT_THAT(e.what(), HasSubstr("synthesis failed with 3 errors:"));
  }
}

TEST(Synthesis, WarningsAreReportedAndRecordedInTheManifest) {
  TempDir dir;
  App app;
  Stack stack(app, "stack");
  GenericResource r(stack, "r", "aws_vpc");
  r.node().add_warning("no certificate: serving HTTP");
  auto result = app.synth(dir.path / "out");
  ASSERT_EQ(result.annotations.size(), 1u);
  EXPECT_EQ(result.annotations[0].path, "app/stack/r");
  json manifest = json::parse(read_file(dir.path / "out/manifest.json"));
  EXPECT_EQ(manifest["stacks"]["stack"]["annotations"][0],
            json::parse(R"({"level": "warning", "path": "app/stack/r", "message":
              "no certificate: serving HTTP"})"));
  EXPECT_EQ(manifest["stacks"]["stack"]["synthesized_stack_path"], "stacks/stack/main.tf.json");
  EXPECT_EQ(manifest["stacks"]["stack"]["resource_count"], 1);
}

TEST(Synthesis, OverridesPatchTheBody) {
  App app;
  Stack stack(app, "stack");
  GenericResource r(stack, "r", "aws_security_group",
                    {{"ingress", Value::List{Value::Object{{"from_port", 80}}}}, {"name", "x"}});
  r.add_override("ingress.0.from_port", 443);
  r.add_override("lifecycle.ignore_changes", Value::List{"tags"});
  r.add_override("tags.kubernetes\\.io/role", "elb");
  r.add_deletion_override("name");
  stack.add_override("terraform.cloud.organization", "edu");
  json doc = synth_json(app);
  const json& body = doc["resource"]["aws_security_group"]["r"];
  EXPECT_EQ(body["ingress"][0]["from_port"], 443);
  EXPECT_EQ(body["lifecycle"]["ignore_changes"], json::array({"tags"}));
  EXPECT_EQ(body["tags"]["kubernetes.io/role"], "elb");
  EXPECT_FALSE(body.contains("name"));
  EXPECT_EQ(doc["terraform"]["cloud"]["organization"], "edu");
}

TEST(Synthesis, MovedAndImportBlocks) {
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  GenericResource vpc(network, "main", "aws_vpc");
  vpc.moved_from_path("vpc");
  vpc.moved_from("aws_vpc.legacy");
  vpc.import_from("vpc-0123");
  json doc = synth_json(app);
  std::string address = "aws_vpc." + vpc.logical_id();
  EXPECT_EQ(doc["moved"],
            json::parse(R"([{"from": "aws_vpc.vpc", "to": ")" + address +
                        R"("}, {"from": "aws_vpc.legacy", "to": ")" + address + R"("}])"));
  EXPECT_EQ(doc["import"], json::parse(R"([{"to": ")" + address + R"(", "id": "vpc-0123"}])"));
}

TEST(Synthesis, MetadataRecordsConstructPaths) {
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  GenericResource vpc(network, "vpc", "aws_vpc");
  json with = synth_json(app, {.metadata = true});
  EXPECT_EQ(with["resource"]["aws_vpc"][vpc.logical_id()]["//"]["metadata"]["path"],
            "app/stack/network/vpc");
  json without = synth_json(app);
  EXPECT_FALSE(without["resource"]["aws_vpc"][vpc.logical_id()].contains("//"));
}

TEST(Synthesis, OutputIsSortedIndentedAndEndsWithNewline) {
  App app;
  Stack stack(app, "stack");
  GenericResource r(stack, "r", "aws_x", {{"b", 1}, {"a", Value::List{}}, {"c", Value::Object{}}});
  auto text = app.synth_in_memory().stacks[0].json;
  EXPECT_THAT(text, HasSubstr("    \"aws_x\": {\n      \"r\": {\n        \"a\": [],\n        "
                              "\"b\": 1,\n        \"c\": {}\n      }\n    }"));
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text, json::parse(text).dump(2) + "\n");
}

TEST(Synthesis, UnknownStackIsAnError) {
  App app;
  Stack stack(app, "one");
  try {
    app.synth_in_memory({.stacks = {"two"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.id(), "synth.unknown_stack");
    EXPECT_STREQ(e.what(), "no stack named \"two\" (stacks: one)");
  }
}

namespace {
void build_sample(App& app, Stack& stack) {
  (void)app;
  auto& vpc =
      stack.make<GenericResource>("vpc", "aws_vpc", Value::Object{{"cidr_block", "10.0.0.0/16"}});
  for (int i = 0; i < 3; ++i) {
    stack.make<GenericResource>("subnet" + std::to_string(i), "aws_subnet",
                                Value::Object{{"vpc_id", vpc.attribute("id")},
                                              {"cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, i)}});
  }
}
}  // namespace

TEST(Synthesis, TwoSynthsAreByteIdentical) {
  TempDir dir;
  std::string first, second;
  {
    App app;
    Stack stack(app, "stack");
    build_sample(app, stack);
    app.synth(dir.path / "a");
  }
  {
    App app;
    Stack stack(app, "stack");
    build_sample(app, stack);
    app.synth(dir.path / "b");
    app.synth(dir.path / "b");  // twice into the same directory
  }
  for (const char* file : {"manifest.json", "stacks/stack/main.tf.json"}) {
    EXPECT_EQ(read_file(dir.path / "a" / file), read_file(dir.path / "b" / file)) << file;
    EXPECT_FALSE(read_file(dir.path / "a" / file).empty());
  }
}

TEST(Synthesis, FailedSynthLeavesEarlierOutputUntouched) {
  TempDir dir;
  App app;
  Stack stack(app, "stack");
  GenericResource r(stack, "r", "aws_vpc");
  app.synth(dir.path / "out");
  std::string before = read_file(dir.path / "out/stacks/stack/main.tf.json");
  GenericResource bad(stack, "bad", "aws_vpc");
  bad.node().add_error("broken");
  EXPECT_THROW(app.synth(dir.path / "out"), SynthError);
  EXPECT_EQ(read_file(dir.path / "out/stacks/stack/main.tf.json"), before);
  // No temporary directory is left beside the output.
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    entries.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(entries, std::vector<std::string>{"out"});
}

TEST(Synthesis, UnwritableOutputDirectoryIsAnIoErrorNamingThePath) {
  TempDir dir;
  std::ofstream(dir.path / "file") << "not a directory";
  App app;
  Stack stack(app, "stack");
  GenericResource r(stack, "r", "aws_vpc");
  try {
    app.synth(dir.path / "file" / "out");
    FAIL();
  } catch (const IoError& e) {
    EXPECT_EQ(e.id(), "io.write_failed");
    EXPECT_THAT(e.what(), HasSubstr("cannot create output directory " +
                                    (dir.path / "file" / "out").string()));
  }
  try {
    app.synth(dir.path / "file");  // exists and is a file
    FAIL();
  } catch (const IoError& e) {
    EXPECT_THAT(e.what(), HasSubstr("it exists and is not a directory"));
  }
  EXPECT_EQ(read_file(dir.path / "file"), "not a directory");
}

TEST(Synthesis, TerraformWorkingFilesSurviveResynthesis) {
  TempDir dir;
  App app;
  Stack stack(app, "stack");
  GenericResource r(stack, "r", "aws_vpc");
  app.synth(dir.path / "out");
  fs::create_directories(dir.path / "out/stacks/stack/.terraform");
  std::ofstream(dir.path / "out/stacks/stack/terraform.tfstate") << "state";
  std::ofstream(dir.path / "out/stacks/stack/.terraform.lock.hcl") << "lock";
  app.synth(dir.path / "out");
  EXPECT_EQ(read_file(dir.path / "out/stacks/stack/terraform.tfstate"), "state");
  EXPECT_EQ(read_file(dir.path / "out/stacks/stack/.terraform.lock.hcl"), "lock");
  EXPECT_TRUE(fs::is_directory(dir.path / "out/stacks/stack/.terraform"));
}

TEST(Synthesis, SelectedStacksOnly) {
  App app;
  Stack one(app, "one");
  Stack two(app, "two");
  GenericResource a(one, "a", "aws_vpc");
  GenericResource b(two, "b", "aws_vpc");
  auto result = app.synth_in_memory({.stacks = {"two"}});
  ASSERT_EQ(result.stacks.size(), 1u);
  EXPECT_EQ(result.stacks[0].name, "two");
  EXPECT_EQ(result.stacks[0].file, "stacks/two/main.tf.json");
}

namespace {
class NoPublicBuckets : public StackCheck {
 public:
  std::vector<Annotation> check(const Stack& stack) const override {
    std::vector<Annotation> out;
    for (const Element* element : stack.elements()) {
      if (element->node().id().find("public") != std::string::npos) {
        out.push_back({Annotation::Level::error, element->node().path(), "is public", "RULE-1"});
      } else {
        out.push_back({Annotation::Level::warning, element->node().path(), "looked at", "RULE-2"});
      }
    }
    return out;
  }
};
}  // namespace

TEST(Synthesis, StackChecksRunAfterAspectsAndFailOnErrors) {
  App app;
  Stack stack(app, "stack");
  GenericResource ok(stack, "private", "aws_s3_bucket");
  stack.add_check(std::make_shared<NoPublicBuckets>());
  auto result = app.synth_in_memory();
  ASSERT_EQ(result.annotations.size(), 1u);
  EXPECT_EQ(result.annotations[0].rule, "RULE-2");
  GenericResource bad(stack, "public", "aws_s3_bucket");
  try {
    app.synth_in_memory();
    FAIL();
  } catch (const SynthError& e) {
    EXPECT_EQ(problem_lines(e), std::vector<std::string>{"[app/stack/public] RULE-1 is public"});
  }
}

TEST(Synthesis, ReferencesListsEachTargetOnce) {
  App app;
  Stack stack(app, "stack");
  GenericResource vpc(stack, "vpc", "aws_vpc");
  GenericResource zone(stack, "zone", "aws_x");
  GenericResource subnet(
      stack, "subnet", "aws_subnet",
      {{"vpc_id", vpc.attribute("id")}, {"name", vpc.attribute_as<std::string>("id") + "-x"}},
      {.depends_on = {zone}});
  EXPECT_EQ(subnet.references(), (std::vector<const Element*>{&zone, &vpc}));
  EXPECT_TRUE(vpc.references().empty());
}

TEST(Synthesis, AssetsAreWrittenBesideTheStackFile) {
  TempDir dir;
  App app;
  Stack stack(app, "stack");
  EXPECT_EQ(stack.add_asset("assets/code.zip", "zip-bytes"), "assets/code.zip");
  EXPECT_EQ(stack.add_asset("assets/code.zip", "zip-bytes"), "assets/code.zip");  // idempotent
  GenericResource fn(stack, "fn", "aws_lambda_function", {{"filename", "assets/code.zip"}});
  app.synth(dir.path / "out");
  EXPECT_EQ(read_file(dir.path / "out/stacks/stack/assets/code.zip"), "zip-bytes");
  try {
    stack.add_asset("assets/code.zip", "other");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "[app/stack] asset: \"assets/code.zip\" was already added with other content");
  }
  EXPECT_THROW(stack.add_asset("../escape", "x"), ConfigError);
  EXPECT_THROW(stack.add_asset("/abs", "x"), ConfigError);
}

TEST(Synthesis, SynthesizingSomeStacksKeepsTheOthersDirectories) {
  TempDir dir;
  App app;
  Stack one(app, "one");
  Stack two(app, "two");
  GenericResource a(one, "a", "aws_vpc");
  GenericResource b(two, "b", "aws_vpc");
  app.synth(dir.path / "out");
  std::ofstream(dir.path / "out/stacks/one/terraform.tfstate") << "state of one";
  b.node().add_warning("changed");
  app.synth(dir.path / "out", {.stacks = {"two"}});
  EXPECT_EQ(read_file(dir.path / "out/stacks/one/terraform.tfstate"), "state of one");
  EXPECT_FALSE(read_file(dir.path / "out/stacks/one/main.tf.json").empty());
  EXPECT_FALSE(read_file(dir.path / "out/stacks/two/main.tf.json").empty());
  // Synthesizing everything removes what is gone: a stack removed from the app loses the files
  // edustack wrote, and its directory stays while it holds Terraform state (with a warning).
  App other;
  Stack only(other, "two");
  auto result = other.synth(dir.path / "out");
  EXPECT_FALSE(fs::exists(dir.path / "out/stacks/one/main.tf.json"));
  EXPECT_EQ(read_file(dir.path / "out/stacks/one/terraform.tfstate"), "state of one");
  ASSERT_EQ(result.annotations.size(), 1u);
  EXPECT_EQ(result.annotations[0].rule, "output.kept");
  EXPECT_THAT(result.annotations[0].message, HasSubstr("terraform.tfstate"));
}
