// The table-driven bad-input suite (issue 9): every row is one bad input to the library or to the
// CLI. Each asserts the error (exception type and stable id, or the exit code), that the message
// names the construct path and the field, and that nothing outside edustack's own output changed:
// the whole temporary tree is hashed before and after, and a failed synthesis writes no output.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <edustack/aws/rds_cluster.hpp>
#include <edustack/constructs/analytics_pipeline.hpp>
#include <edustack/constructs/audit_trail.hpp>
#include <edustack/constructs/aurora_postgres.hpp>
#include <edustack/constructs/monitoring.hpp>
#include <edustack/constructs/network.hpp>
#include <edustack/constructs/redis.hpp>
#include <edustack/constructs/rest_api_proxy.hpp>
#include <edustack/edustack.hpp>
#include <edustack/schema/provider_schema.hpp>
#include <edustack/schema/validator.hpp>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "../cli/cli_test_support.hpp"

namespace {

using namespace edustack;
namespace fs = std::filesystem;
using ::testing::HasSubstr;

// ---- the tree hash ---------------------------------------------------------------------------

std::uint64_t fnv(std::uint64_t hash, std::string_view text) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// Path, type, permissions and content of everything below root (symlinks not followed, FIFOs
// never opened), except the names in skip (the harness's own files).
std::map<std::string, std::uint64_t> hash_tree(const fs::path& root,
                                               const std::vector<std::string>& skip = {}) {
  std::map<std::string, std::uint64_t> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string relative = fs::relative(it->path(), root).string();
    if (std::find(skip.begin(), skip.end(), relative) != skip.end()) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    const auto status = it->symlink_status();
    std::uint64_t hash = fnv(1469598103934665603ull, relative);
    hash = fnv(hash, std::to_string(static_cast<int>(status.type())) + ":" +
                         std::to_string(static_cast<int>(status.permissions())));
    if (status.type() == fs::file_type::regular) {
      hash = fnv(hash, edustack_cli_test::read_file(it->path()));
    } else if (status.type() == fs::file_type::symlink) {
      hash = fnv(hash, fs::read_symlink(it->path()).string());
    }
    out[relative] = hash;
  }
  return out;
}

// A user's files around the output directory: a source tree, state, a provider cache.
void populate(const fs::path& root) {
  edustack_cli_test::write_file(root / "project" / "main.cpp", "int main() {}\n");
  edustack_cli_test::write_file(root / "terraform.tfstate", R"({"version": 4, "serial": 7})");
  edustack_cli_test::write_file(root / ".terraform" / "providers" / "cache", "binary");
}

// ---- library cases ---------------------------------------------------------------------------

struct LibraryCase {
  std::string name;
  std::function<void(App&, Stack&)> build;
  std::string id;     // Error::id()
  std::string path;   // the construct path the message names
  std::string field;  // the field the message names
  std::string rule;   // for synth.failed: the problem's rule id
};

std::string text_of(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out += static_cast<char>(b);
  return out;
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

GenericResource& bucket(Construct& scope, std::string_view id, Value::Object arguments = {}) {
  return scope.make<GenericResource>(id, "aws_s3_bucket", std::move(arguments));
}

constexpr const char* kKey = "arn:aws:kms:eu-west-2:111122223333:key/k";

constructs::AuroraPostgresConfig aurora() {
  return {.identifier = "edu-aurora-dev",
          .vpc_id = "vpc-1",
          .subnet_ids = {"subnet-a", "subnet-c"},
          .availability_zones = {"eu-west-2a", "eu-west-2c"},
          .kms_key_arn = kKey};
}
constructs::RedisConfig redis() {
  return {.replication_group_id = "edu-redis-dev",
          .engine_version = "7.0",
          .vpc_id = "vpc-1",
          .subnet_ids = {"subnet-a", "subnet-c"},
          .kms_key_arn = kKey};
}
constructs::NetworkConfig network() {
  return {.name = "edu-dev",
          .region = "eu-west-2",
          .availability_zones = {"eu-west-2a", "eu-west-2c"},
          .flow_log_kms_key_arn = kKey};
}
constructs::RestApiProxyConfig api() {
  return {.name = "edu-api-dev",
          .backend_url = "http://edu-alb.example.com",
          .throttling_rate_limit = 5000,
          .throttling_burst_limit = 10000,
          .account_burst_limit = 10000,
          .log_kms_key_arn = kKey};
}
constructs::AnalyticsPipelineConfig pipeline() {
  return {.name = "edu-events-dev",
          .kms_key_arn = kKey,
          .shard_count = 10,
          .bucket_name = "edu-analytics-dev",
          .buffering_interval = 300};
}
constructs::MetricAlarmConfig alarm() {
  return {.name = "edu-alarm",
          .metric = {.namespace_ = "AWS/ECS", .metric_name = "CPUUtilization"},
          .threshold = 1};
}

template <class C, class Config, class Change>
std::function<void(App&, Stack&)> construct_with(Config (*make)(), Change change) {
  return [make, change](App&, Stack& stack) {
    Config config = make();
    change(config);
    stack.make<C>("x", std::move(config));
  };
}

std::vector<LibraryCase> library_cases() {
  using namespace edustack::constructs;
  std::vector<LibraryCase> cases = {
      // --- construct ids
      {"empty_id", [](App&, Stack& st) { bucket(st, ""); }, "construct.invalid_id", "app/s", "id",
       ""},
      {"id_with_slash", [](App&, Stack& st) { bucket(st, "a/b"); }, "construct.invalid_id",
       "app/s/a/b", "id", ""},
      {"id_not_utf8", [](App&, Stack& st) { bucket(st, text_of({'a', 0xff})); },
       "construct.invalid_id", "app/s", "UTF-8", ""},
      {"duplicate_id",
       [](App&, Stack& st) {
         bucket(st, "b");
         bucket(st, "b");
       },
       "construct.duplicate_id", "app/s", "\"b\"", ""},
      {"duplicate_stack_id",
       [](App& app, Stack&) { app.make<Construct>("s"); }, "construct.duplicate_id", "app", "\"s\"",
       ""},
      // --- numbers JSON cannot carry
      {"nan_argument", [](App&, Stack& st) { bucket(st, "b", {{"ratio", kNaN}}); }, "synth.failed",
       "app/s/b", "ratio", "synth.invalid_value"},
      {"inf_argument", [](App&, Stack& st) { bucket(st, "b", {{"ratio", kInf}}); }, "synth.failed",
       "app/s/b", "ratio", "synth.invalid_value"},
      {"negative_inf_in_list",
       [](App&, Stack& st) { bucket(st, "b", {{"sizes", Value::List{1, -kInf}}}); },
       "synth.failed", "app/s/b", "sizes.1", "synth.invalid_value"},
      {"nan_in_nested_block",
       [](App&, Stack& st) {
         bucket(st, "b", {{"rule", Value::Object{{"expiration", Value::Object{{"days", kNaN}}}}}});
       },
       "synth.failed", "app/s/b", "rule.expiration.days", "synth.invalid_value"},
      {"nan_in_expression",
       [](App&, Stack& st) {
         bucket(st, "b", {{"count_of", Expression::call("max", {Value(1), Value(kNaN)})}});
       },
       "synth.failed", "app/s/b", "count_of", "synth.invalid_value"},
      {"nan_in_local", [](App&, Stack& st) { st.make<Local>("l", Value(kNaN)); }, "synth.failed",
       "app/s/l", "value", "synth.invalid_value"},
      {"inf_in_output",
       [](App&, Stack& st) { st.make<Output>("o", OutputConfig{.value = Value(kInf)}); },
       "synth.failed", "app/s/o", "value", "synth.invalid_value"},
      {"nan_in_variable_default",
       [](App&, Stack& st) {
         st.make<Variable>("v", VariableConfig{.type = "number", .default_ = Value(kNaN)});
       },
       "synth.failed", "app/s/v", "default", "synth.invalid_value"},
      {"nan_count",
       [](App&, Stack& st) { bucket(st, "b").set_count(Number(kNaN)); }, "synth.failed",
       "app/s/b", "count", "synth.invalid_value"},
      {"nan_in_metric_alarm_threshold",
       construct_with<MetricAlarm>(alarm, [](auto& c) { c.threshold = kNaN; }), "synth.failed",
       "app/s/x/alarm", "threshold", "synth.invalid_value"},
      // --- text that is not UTF-8
      {"invalid_utf8_argument",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket", text_of({'x', 0xff, 'y'})}}); },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      {"overlong_utf8",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket", text_of({0xc0, 0x80})}}); },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      {"surrogate_utf8",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket", text_of({0xed, 0xa0, 0x80})}}); },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      {"truncated_utf8",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket", text_of({'a', 0xe2, 0x82})}}); },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      {"above_max_utf8",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket", text_of({0xf4, 0x90, 0x80, 0x80})}}); },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      {"invalid_utf8_map_key",
       [](App&, Stack& st) {
         bucket(st, "b", {{"tags", Value::Object{{text_of({'k', 0xfe}), "v"}}}});
       },
       "synth.failed", "app/s/b", "tags", "synth.invalid_value"},
      {"invalid_utf8_verbatim_description",
       [](App&, Stack& st) {
         st.make<Variable>("v", VariableConfig{.description = text_of({0x80})});
       },
       "synth.failed", "app/s/v", "description", "synth.invalid_value"},
      {"invalid_utf8_in_interpolation",
       [](App&, Stack& st) {
         auto& a = bucket(st, "a");
         bucket(st, "b", {{"bucket", a.attribute_as<std::string>("id") + text_of({0xff})}});
       },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      {"invalid_utf8_raw_expression",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket", Expression::raw(text_of({0xff}))}}); },
       "synth.failed", "app/s/b", "bucket", "synth.invalid_value"},
      // --- count with for_each
      {"count_and_for_each",
       [](App&, Stack& st) {
         auto& b = bucket(st, "b");
         b.set_count(2);
         b.set_for_each(Value::Object{{"a", 1}});
       },
       "synth.failed", "app/s/b", "count", "synth.count_and_for_each"},
      {"count_and_for_each_by_override",
       [](App&, Stack& st) {
         auto& b = bucket(st, "b");
         b.set_count(2);
         b.add_override("for_each", Value::List{"a"});
       },
       "synth.failed", "app/s/b", "count", "synth.count_and_for_each"},
      {"count_and_for_each_on_data_source",
       [](App&, Stack& st) {
         auto& d = st.make<GenericDataSource>("d", "aws_region");
         d.set_count(1);
         d.set_for_each(Value::List{"a"});
       },
       "synth.failed", "app/s/d", "count", "synth.count_and_for_each"},
      // --- cycles
      {"reference_cycle",
       [](App&, Stack& st) {
         auto& a = bucket(st, "a");
         auto& b = bucket(st, "b", {{"bucket", a.attribute("id")}});
         a.set("policy", b.attribute("arn"));
       },
       "synth.failed", "app/s/a", "app/s/b", "synth.dependency_cycle"},
      {"depends_on_cycle_of_three",
       [](App&, Stack& st) {
         auto& a = bucket(st, "a");
         auto& b = bucket(st, "b");
         auto& c = bucket(st, "c");
         a.add_dependency(b);
         b.add_dependency(c);
         c.add_dependency(a);
       },
       "synth.failed", "app/s/a", "app/s/c", "synth.dependency_cycle"},
      {"self_reference",
       [](App&, Stack& st) {
         auto& a = bucket(st, "a");
         a.set("bucket", a.attribute("id"));
       },
       "synth.failed", "app/s/a", "depends_on", "synth.dependency_cycle"},
      {"cycle_through_locals",
       [](App&, Stack& st) {
         auto& b = bucket(st, "b");
         auto& l = st.make<Local>("l", b.attribute("id"));
         b.set("bucket", l.value());
       },
       "synth.failed", "app/s/b", "app/s/l", "synth.dependency_cycle"},
      // --- identifiers
      {"logical_id_leading_digit",
       [](App&, Stack& st) { bucket(st, "b").override_logical_id("1bucket"); }, "synth.failed",
       "app/s/b", "logical_id", "synth.invalid_identifier"},
      {"logical_id_with_space",
       [](App&, Stack& st) { bucket(st, "b").override_logical_id("my bucket"); }, "synth.failed",
       "app/s/b", "logical_id", "synth.invalid_identifier"},
      {"logical_id_with_dot",
       [](App&, Stack& st) { st.make<Variable>("v").override_logical_id("a.b"); }, "synth.failed",
       "app/s/v", "logical_id", "synth.invalid_identifier"},
      {"logical_id_empty",
       [](App&, Stack& st) { bucket(st, "b").override_logical_id(""); }, "config.invalid",
       "app/s/b", "logical_id", ""},
      {"output_logical_id_template",
       [](App&, Stack& st) {
         st.make<Output>("o", OutputConfig{.value = 1}).override_logical_id("${x}");
       },
       "synth.failed", "app/s/o", "logical_id", "synth.invalid_identifier"},
      {"local_logical_id_unicode",
       [](App&, Stack& st) { st.make<Local>("l", Value(1)).override_logical_id("caf\xc3\xa9"); },
       "synth.failed", "app/s/l", "logical_id", "synth.invalid_identifier"},
      {"resource_type_invalid",
       [](App&, Stack& st) { st.make<GenericResource>("b", "aws s3 bucket"); }, "synth.failed",
       "app/s/b", "type", "synth.invalid_identifier"},
      {"provider_alias_invalid",
       [](App&, Stack& st) {
         st.make<Provider>("p", ProviderConfig{.name = "aws", .alias = "a${b}"});
       },
       "synth.failed", "app/s/p", "alias", "synth.invalid_identifier"},
      {"variable_reserved_name", [](App&, Stack& st) { st.make<Variable>("count"); },
       "synth.failed", "app/s/count", "logical_id", "synth.reserved_name"},
      {"logical_id_collision",
       [](App&, Stack& st) {
         bucket(st, "a").override_logical_id("same");
         bucket(st, "b").override_logical_id("same");
       },
       "synth.failed", "app/s/b", "same", "synth.id_collision"},
      // --- attribute names
      {"attribute_name_with_space",
       [](App&, Stack& st) { bucket(st, "b", {{"bucket name", "x"}}); }, "synth.failed", "app/s/b",
       "bucket name", "synth.invalid_identifier"},
      {"attribute_name_leading_digit_override",
       [](App&, Stack& st) { bucket(st, "b").add_override("1st", true); }, "synth.failed",
       "app/s/b", "1st", "synth.invalid_identifier"},
      {"attribute_name_template",
       [](App&, Stack& st) { bucket(st, "b").set("${x}", 1); }, "synth.failed", "app/s/b",
       "${x}", "synth.invalid_identifier"},
      {"provider_attribute_name",
       [](App&, Stack& st) {
         st.make<Provider>("p", ProviderConfig{.name = "aws",
                                              .arguments = Value::Object{{"re-gion!", "x"}}});
       },
       "synth.failed", "app/s/p", "re-gion!", "synth.invalid_identifier"},
      {"attribute_name_by_stack_override",
       [](App&, Stack& st) {
         bucket(st, "b");
         st.add_override("resource.aws_s3_bucket.b.bad key", 1);
       },
       "synth.failed", "app/s/b", "bad key", "synth.invalid_identifier"},
      // --- sensitive values in outputs
      {"sensitive_variable_in_output",
       [](App&, Stack& st) {
         auto& v = st.make<Variable>("password", VariableConfig{.sensitive = true});
         st.make<Output>("o", OutputConfig{.value = v.value()});
       },
       "synth.failed", "app/s/o", "value", "synth.sensitive_output"},
      {"sensitive_variable_through_local",
       [](App&, Stack& st) {
         auto& v = st.make<Variable>("password", VariableConfig{.sensitive = true});
         auto& l = st.make<Local>("l", v.as_string() + "-suffix");
         st.make<Output>("o", OutputConfig{.value = Value::Object{{"x", l.value()}}});
       },
       "synth.failed", "app/s/o", "value", "synth.sensitive_output"},
      {"sensitive_function_in_output",
       [](App&, Stack& st) {
         st.make<Output>("o", OutputConfig{.value = Expression::call("sensitive", {"x"})});
       },
       "synth.failed", "app/s/o", "value", "synth.sensitive_output"},
      {"marked_sensitive_attribute_in_output",
       [](App&, Stack& st) {
         auto& b = bucket(st, "b");
         b.mark_sensitive("secret");
         st.make<Output>("o", OutputConfig{.value = b.attribute("secret")});
       },
       "synth.failed", "app/s/o", "value", "synth.sensitive_output"},
      {"schema_sensitive_attribute_in_output",
       [](App&, Stack& st) {
         auto& db = st.make<aws::RdsCluster>("db", aws::RdsClusterConfig{.engine = "aurora"});
         st.make<Output>("o", OutputConfig{.value = db.master_password()});
       },
       "synth.failed", "app/s/o", "value", "synth.sensitive_output"},
      // --- other element config
      {"provider_without_name",
       [](App&, Stack& st) { st.make<Provider>("p", ProviderConfig{}); }, "config.invalid",
       "app/s/p", "name", ""},
      {"s3_backend_without_bucket",
       [](App&, Stack& st) {
         st.make<S3Backend>("backend", S3BackendConfig{.key = "k", .region = "eu-west-2"});
       },
       "config.invalid", "app/s/backend", "bucket", ""},
      {"asset_outside_stack",
       [](App&, Stack& st) { st.add_asset("../escape.txt", "x"); }, "config.invalid", "app/s",
       "asset", ""},
      {"cross_stack_reference",
       [](App& app, Stack& st) {
         auto& other = static_cast<Stack&>(app.node().find_child("t"));
         auto& a = bucket(other, "a");
         bucket(st, "b", {{"bucket", a.attribute("id")}});
       },
       // Read through terraform_remote_state, which needs a backend in t.
       "synth.failed", "app/s/b", "app/t/a", "synth.cross_stack_no_backend"},
      // --- shipped constructs: out-of-range configuration
      {"aurora_min_capacity_nan",
       construct_with<AuroraPostgres>(aurora, [](auto& c) { c.min_capacity = kNaN; }),
       "config.invalid", "app/s/x", "min_capacity", ""},
      {"aurora_max_capacity_too_high",
       construct_with<AuroraPostgres>(aurora, [](auto& c) { c.max_capacity = 300; }),
       "config.invalid", "app/s/x", "max_capacity", ""},
      {"aurora_backups_too_long",
       construct_with<AuroraPostgres>(aurora, [](auto& c) { c.backup_retention_period = 40; }),
       "config.invalid", "app/s/x", "backup_retention_period", ""},
      {"redis_no_cache_clusters",
       construct_with<Redis>(redis, [](auto& c) { c.num_cache_clusters = 0; }), "config.invalid",
       "app/s/x", "num_cache_clusters", ""},
      {"network_bad_cidr",
       construct_with<Network>(network, [](auto& c) { c.vpc_cidr = "10.0.0.1/33"; }),
       "config.invalid", "app/s/x", "vpc_cidr", ""},
      {"network_duplicate_zone",
       construct_with<Network>(network,
                               [](auto& c) { c.availability_zones = {"eu-west-2a", "eu-west-2a"}; }),
       "config.invalid", "app/s/x", "availability_zones", ""},
      {"api_throttling_nan",
       construct_with<RestApiProxy>(api, [](auto& c) { c.throttling_rate_limit = kNaN; }),
       "config.invalid", "app/s/x", "throttling_rate_limit", ""},
      {"api_account_rate_infinite",
       construct_with<RestApiProxy>(api, [](auto& c) { c.account_rate_limit = kInf; }),
       "config.invalid", "app/s/x", "account_rate_limit", ""},
      {"pipeline_shard_count_zero",
       construct_with<AnalyticsPipeline>(pipeline, [](auto& c) { c.shard_count = 0; }),
       "config.invalid", "app/s/x", "shard_count", ""},
      {"pipeline_retention_too_short",
       construct_with<AnalyticsPipeline>(pipeline, [](auto& c) { c.retention_hours = 10; }),
       "config.invalid", "app/s/x", "retention_hours", ""},
      {"audit_trail_negative_expiry",
       [](App&, Stack& st) {
         st.make<AuditTrail>("x", AuditTrailConfig{.name = "edu-trail",
                                                   .bucket_name = "edu-trail",
                                                   .kms_key_arn = kKey,
                                                   .expire_days = -1});
       },
       "config.invalid", "app/s/x", "expire_days", ""},
  };
  return cases;
}

void PrintTo(const LibraryCase& c, std::ostream* os) { *os << c.name; }

class BadLibraryInput : public ::testing::TestWithParam<LibraryCase> {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "edustack-bad-input-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    populate(root_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  fs::path root_;
};

TEST_P(BadLibraryInput, FailsNamingPathAndFieldAndWritesNothing) {
  const LibraryCase& c = GetParam();
  const auto before = hash_tree(root_);
  std::string id, message;
  std::vector<Diagnostic> problems;
  std::string config_path, config_field;
  try {
    App app;
    Stack stack(app, "s");
    Stack other(app, "t");  // for cross-stack cases; empty otherwise
    c.build(app, stack);
    app.synth(root_ / "out");
  } catch (const SynthError& error) {
    id = error.id();
    message = error.what();
    problems = error.problems();
  } catch (const ConfigError& error) {
    id = error.id();
    message = error.what();
    config_path = error.path();
    config_field = error.field();
  } catch (const Error& error) {
    id = error.id();
    message = error.what();
  }
  EXPECT_EQ(id, c.id) << message;
  EXPECT_THAT(message, HasSubstr("[" + c.path + "]"));
  EXPECT_THAT(message, HasSubstr(c.field));
  if (c.id == "synth.failed") {
    bool found = false;
    for (const auto& problem : problems) {
      found |= problem.path == c.path && problem.rule == c.rule &&
               problem.message.find(c.field) != std::string::npos;
    }
    EXPECT_TRUE(found) << "no problem [" << c.path << "] " << c.rule << " naming " << c.field
                       << " in:\n"
                       << message;
  }
  if (c.id == "config.invalid") {
    EXPECT_EQ(config_path, c.path);
    EXPECT_THAT(config_field, HasSubstr(c.field));
  }
  // The message is text a terminal and a JSON log can carry.
  EXPECT_TRUE(std::string(message).find('\xff') == std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "out")) << "a failed synthesis wrote output";
  EXPECT_EQ(hash_tree(root_), before) << "files outside edustack's output changed";
}

INSTANTIATE_TEST_SUITE_P(Table, BadLibraryInput, ::testing::ValuesIn(library_cases()),
                         [](const auto& row) { return row.param.name; });

// The same checks pass on valid input: none of them fires on what Terraform accepts.
TEST(BadLibraryInputControls, ValidNamesValuesAndOutputsSynthesize) {
  App app;
  Stack stack(app, "s");
  Variable password(stack, "password", {.sensitive = true});
  Local wrapped(stack, "wrapped", Value(password.value()));
  GenericResource b(
      stack, "b", "aws_s3_bucket",
      {{"bucket", "caf\xc3\xa9-\xf0\x9f\x98\x80"},
       {"ratio", 0.5},
       {"big", 1e300},
       {"tags", Value::Object{{"${not_a_template}", "%{x}"}, {"key with space", 1}}}});
  b.override_logical_id("_ok-name_2");
  b.set_for_each(Value::Object{{"a", 1}});
  b.mark_sensitive("secret");
  GenericResource c(stack, "c", "aws_s3_bucket", {{"bucket", b.attribute("id")}});
  c.add_dependency(b);
  Output secret(stack, "secret", {.value = wrapped.value(), .sensitive = true});
  Output plain(stack, "plain",
               {.value = Expression::call("nonsensitive", {Value(password.value())})});
  Output other(stack, "other", {.value = b.attribute("arn")});
  Variable validated(stack, "validated", {.type = "string"});
  validated.add_validation_rule(BoolExpr(Expression::call("can", {Value(validated.value())})),
                                "must be a string");
  const auto result = app.synth_in_memory();
  ASSERT_EQ(result.stacks.size(), 1u);
  const std::string& json = result.stacks[0].json;
  // Map keys in expression positions are escaped like strings.
  EXPECT_THAT(json, HasSubstr(R"("$${not_a_template}": "%%{x}")"));
  EXPECT_THAT(json, HasSubstr("caf\xc3\xa9-\xf0\x9f\x98\x80"));
  EXPECT_THAT(json, HasSubstr("\"big\": 1e+300"));
}

// ---- the provider-schema loader and validator -----------------------------------------------

class SchemaInput : public edustack_cli_test::CliTest {};

std::string load_error(const fs::path& path) {
  try {
    schema::ProviderSchema::load(path);
  } catch (const IoError& error) {
    return error.id() + ": " + error.what();
  } catch (const std::exception& error) {
    return std::string("not an IoError: ") + error.what();
  }
  return "loaded";
}

TEST_F(SchemaInput, DirectoryFifoAndDevicesAreIoErrorsThatNeverBlock) {
  fs::create_directories(work_ / "dir.json");
  ASSERT_EQ(::mkfifo((work_ / "fifo.json").c_str(), 0644), 0);
  // Before: std::bad_alloc for the directory, and the FIFO blocked until a writer came.
  EXPECT_EQ(load_error(work_ / "dir.json"), "schema.read_failed: cannot read provider schema " +
                                                (work_ / "dir.json").string() + ": is a directory");
  EXPECT_EQ(load_error(work_ / "fifo.json"), "schema.read_failed: cannot read provider schema " +
                                                 (work_ / "fifo.json").string() +
                                                 ": not a regular file");
  EXPECT_THAT(load_error("/dev/zero"), HasSubstr(": not a regular file"));
  EXPECT_THAT(load_error(work_ / "missing.json"), HasSubstr(": no such file"));
  edustack_cli_test::write_file(work_ / "ok.json", R"({"provider_schemas":{}})");
  EXPECT_EQ(load_error(work_ / "ok.json"), "loaded");
}

TEST(SchemaValidation, AProviderOfTheStackMissingFromTheSchemaIsAFinding) {
  const auto schema = schema::ProviderSchema::parse(
      R"({"provider_schemas":{"registry.terraform.io/hashicorp/google":{"resource_schemas":{}}}})");
  const auto findings = schema::validate_json(schema, R"({
    "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"},
                                         "google": {"source": "hashicorp/google"}}},
    "provider": {"random": [{}]},
    "resource": {"aws_vpc": {"main": {"cidr_block": "10.0.0.0/16"}}}})",
                                              "net");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, schema::FindingKind::missing_provider);
  EXPECT_EQ(findings[0].address, "provider.aws");
  EXPECT_THAT(findings[0].to_string(), HasSubstr("provider \"aws\" (hashicorp/aws) is not in"));
  EXPECT_EQ(findings[1].address, "provider.random");
  EXPECT_THAT(findings[1].message, HasSubstr("hashicorp/random"));
  EXPECT_EQ(schema::to_string(schema::FindingKind::missing_provider), "missing_provider");
  // A schema holding every provider of the stack: no such finding.
  const auto full = schema::ProviderSchema::parse(R"({"provider_schemas":{
    "registry.terraform.io/hashicorp/aws":{}, "registry.terraform.io/hashicorp/random":{}}})");
  EXPECT_TRUE(
      schema::validate_json(full, R"({"provider": {"random": [{}], "aws": [{}]}})").empty());
}

// ---- CLI cases -------------------------------------------------------------------------------

struct CliCase {
  std::string name;
  std::vector<std::string> args;
  // Prepares the work directory (schema files and the like) before the tree is hashed.
  std::function<void(const fs::path& work)> setup;
  int code;
  std::vector<std::string> stderr_has;  // the stack, flag or file and what is wrong with it
};

void schema_file(const fs::path& work, const std::string& content) {
  edustack_cli_test::write_file(work / "schema.json", content);
}

std::vector<CliCase> cli_cases() {
  auto none = [](const fs::path&) {};
  const std::vector<std::string> validate = {"validate", "--provider-schema", "schema.json"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = validate;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  return {
      {"unknown_flag", {"synth", "--bogus"}, none, 2, {"--bogus"}},
      {"unknown_global_flag", {"--frobnicate", "list"}, none, 2, {"--frobnicate"}},
      {"unknown_command", {"frobnicate"}, none, 2, {"unknown command \"frobnicate\""}},
      {"no_command", {}, none, 2, {"subcommand"}},
      {"missing_flag_value", {"synth", "--out"}, none, 2, {"--out"}},
      {"missing_stack_value", {"synth", "--stack"}, none, 2, {"--stack"}},
      {"bad_graph_format", {"graph", "--format", "png"}, none, 2, {"--format", "png"}},
      {"bad_check_format", {"check", "--format", "xml"}, none, 2, {"--format", "xml"}},
      {"bad_log_level", {"--log-level", "chatty", "list"}, none, 2, {"--log-level", "chatty"}},
      {"bad_color", {"--color", "sometimes", "list"}, none, 2, {"--color", "sometimes"}},
      {"flag_for_another_command",
       {"list", "--provider-schema", "x"},
       none,
       2,
       {"--provider-schema"}},
      {"unknown_stack_synth", {"synth", "--stack", "nope"}, none, 2, {"nope", "network"}},
      {"unknown_stack_plan", {"plan", "--stack", "nope"}, none, 2, {"nope"}},
      {"unknown_stack_validate",
       with({"--stack", "nope"}),
       [](const fs::path& w) { schema_file(w, R"({"provider_schemas":{}})"); },
       2,
       {"nope"}},
      {"bad_environment_suffix",
       {"synth", "--env", "Bad_Env!"},
       none,
       1,
       {"[app/network]", "Bad_Env!"}},
      {"environment_not_utf8",
       {"synth", "--env", "\xff\xfe"},
       none,
       1,
       {"[app/network/vpc]", "tags.Name", "UTF-8"}},
      {"validate_without_schema", {"validate"}, none, 2, {"--provider-schema"}},
      {"schema_missing",
       {"validate", "--provider-schema", "missing.json"},
       none,
       1,
       {"missing.json", "no such file"}},
      {"schema_is_directory",
       validate,
       [](const fs::path& w) { fs::create_directories(w / "schema.json"); },
       1,
       {"schema.json", "is a directory"}},
      {"schema_is_fifo",
       validate,
       [](const fs::path& w) { ASSERT_EQ(::mkfifo((w / "schema.json").c_str(), 0644), 0); },
       1,
       {"schema.json", "not a regular file"}},
      {"schema_is_dev_null",
       {"validate", "--provider-schema", "/dev/null"},
       none,
       1,
       {"/dev/null", "not a regular file"}},
      {"schema_empty",
       validate,
       [](const fs::path& w) { schema_file(w, ""); },
       1,
       {"schema.json", "empty document"}},
      {"schema_garbage",
       validate,
       [](const fs::path& w) {
         schema_file(w,
                     "\x7f"
                     "ELF\x02");
       },
       1,
       {"schema.json"}},
      {"schema_truncated",
       validate,
       [](const fs::path& w) { schema_file(w, R"({"provider_schemas": {"registry.terr)"); },
       1,
       {"schema.json"}},
      {"schema_is_array",
       validate,
       [](const fs::path& w) { schema_file(w, "[]"); },
       1,
       {"schema.json", "JSON object"}},
      {"schema_without_providers_key",
       validate,
       [](const fs::path& w) { schema_file(w, R"({"format_version": "1.0"})"); },
       1,
       {"schema.json", "provider_schemas"}},
      {"schema_with_no_provider",
       validate,
       [](const fs::path& w) { schema_file(w, R"({"provider_schemas":{}})"); },
       1,
       {"[provider.aws]", "\"aws\" (hashicorp/aws)", "not in the provider schema", "no provider"}},
      {"schema_of_another_provider",
       validate,
       [](const fs::path& w) {
         schema_file(w, R"({"format_version":"1.0","provider_schemas":{
           "registry.terraform.io/hashicorp/google":{"resource_schemas":{},
             "data_source_schemas":{}}}})");
       },
       1,
       {"[provider.aws]", "not in the provider schema", "registry.terraform.io/hashicorp/google"}},
      {"terraform_not_found", {"plan", "--stack", "network"}, none, 3, {"terraform"}},
      {"terraform_flag_not_executable",
       {"plan", "--stack", "network", "--terraform", "project/main.cpp"},
       none,
       3,
       {"project/main.cpp", "not an executable"}},
  };
}

void PrintTo(const CliCase& c, std::ostream* os) { *os << c.name; }

class BadCliInput : public edustack_cli_test::CliTest,
                    public ::testing::WithParamInterface<CliCase> {};

TEST_P(BadCliInput, ExitsNonZeroNamingTheInputAndChangesNothing) {
  const CliCase& c = GetParam();
  populate(work_);
  c.setup(work_);
  // The harness's own files (the program's stdin/stdout/stderr, the stand-in terraform).
  const std::vector<std::string> harness = {"stdin",         "stdout", "stderr",
                                            "terraform.log", "bin",    "plan.json"};
  const auto before = hash_tree(work_, harness);
  edustack_cli_test::RunOptions options;
  options.keep_real_path = c.code == 3;  // no stand-in terraform on PATH
  const pid_t pid = start(c.args, options);
  // A FIFO or anything else that blocks must not hang the CLI: 30 s is far more than enough.
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 3000 && !exited; ++i) {
    exited = ::waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    FAIL() << "the CLI hung";
  }
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  // Findings go to stdout, errors to stderr: what the user reads is both.
  const std::string err = edustack_cli_test::read_file(work_ / "stdout") +
                          edustack_cli_test::read_file(work_ / "stderr");
  EXPECT_EQ(WEXITSTATUS(status), c.code) << err;
  for (const auto& part : c.stderr_has) EXPECT_THAT(err, HasSubstr(part));
  EXPECT_THAT(err, ::testing::Not(HasSubstr("bad_alloc")));
  EXPECT_FALSE(fs::exists(work_ / "edustack.out")) << "a failed command wrote output";
  EXPECT_EQ(hash_tree(work_, harness), before) << "files outside edustack's output changed";
}

INSTANTIATE_TEST_SUITE_P(Table, BadCliInput, ::testing::ValuesIn(cli_cases()),
                         [](const auto& row) { return row.param.name; });

// The suite's size is part of its contract (docs/reliability.md quotes it).
TEST(BadInputSuite, HasAtLeastSixtyDistinctCases) {
  std::set<std::string> names;
  for (const auto& c : library_cases()) names.insert("lib." + c.name);
  for (const auto& c : cli_cases()) names.insert("cli." + c.name);
  EXPECT_EQ(names.size(), library_cases().size() + cli_cases().size());
  EXPECT_GE(names.size(), 60u);
}

}  // namespace
