#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/rotating_secret.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

constexpr const char* kKey = "arn:aws:kms:eu-west-2:111122223333:key/secrets";

}  // namespace

TEST(RotatingSecret, WriteOnlyByDefaultPasswordNeverInPlanOrState) {
  App app;
  Stack stack(app, "s");
  RotatingSecret secret(stack, "db",
                        {.name = "edu-dev/db", .kms_key_arn = kKey, .username = "app"});
  secret.rotate(RotationTarget::aurora_postgresql_cluster, "edu-aurora-dev",
                "arn:aws:rds:eu-west-2:111122223333:cluster:edu-aurora-dev");
  auto synth = synthesize(stack);
  EXPECT_TRUE(secret.write_only());

  std::string ephemeral = synth.address_at("db/initial_password");
  EXPECT_THAT(ephemeral, ::testing::StartsWith("ephemeral.random_password."));
  const json& block = synth.resource_at("db/initial_password");
  EXPECT_TRUE(json_contains(block, json::parse(R"({"length": 32, "special": false, "min_lower": 1,
                                                   "min_upper": 1, "min_numeric": 1})")))
      << block.dump();
  EXPECT_FALSE(block.contains("override_special"));
  EXPECT_EQ(secret.initial_password().to_string(), "${" + ephemeral + ".result}");

  const json& version = synth.resource_at("db/initial_version");
  EXPECT_EQ(version["secret_string_wo"],
            "${jsonencode({\"password\" = " + ephemeral + ".result, \"username\" = \"app\"})}");
  EXPECT_EQ(version["secret_string_wo_version"], 1);
  EXPECT_FALSE(version.contains("secret_string")) << version.dump();
  EXPECT_FALSE(version.contains("lifecycle")) << "nothing to ignore: the value is not in state";
  EXPECT_THAT(synth, ::testing::Not(HasDataSource("aws_secretsmanager_random_password")))
      << "no data source holds the password";

  const json& terraform = synth.document()["terraform"];
  EXPECT_EQ(terraform["required_version"], ">= 1.11") << "write-only arguments need 1.11";
  EXPECT_EQ(terraform["required_providers"]["random"],
            json::parse(R"({"source": "hashicorp/random", "version": "~> 3.7"})"));
}

TEST(RotatingSecret, PunctuationAllowedComesFromASafeSet) {
  App app;
  Stack stack(app, "s");
  RotatingSecret secret(stack, "db",
                        {.name = "edu-dev/db", .kms_key_arn = kKey, .exclude_punctuation = false});
  secret.rotate(RotationTarget::aurora_postgresql_cluster, "c",
                "arn:aws:rds:eu-west-2:1:cluster:c");
  auto synth = synthesize(stack);
  const json& block = synth.resource_at("db/initial_password");
  EXPECT_EQ(block["special"], true);
  EXPECT_EQ(block["min_special"], 1);
  std::string special = block["override_special"];
  for (char c : std::string(" \"'/@\\")) {
    EXPECT_EQ(special.find(c), std::string::npos) << "RDS rejects '" << c << "' in a password";
  }
}

TEST(RotatingSecret, GeneratedValueKmsRotationLambdaAndPermission) {
  App app;
  Stack stack(app, "s");
  RotatingSecret secret(stack, "token",
                        {.name = "edu-dev/redis",
                         .kms_key_arn = kKey,
                         .username = "app",
                         .write_only = false,
                         .log_kms_key_arn = "arn:aws:kms:eu-west-2:111122223333:key/logs"});
  auto& fn = secret.rotate(RotationTarget::redis_replication_group, "edu-redis-dev",
                           "arn:aws:elasticache:eu-west-2:111122223333:replicationgroup:edu");
  auto synth = synthesize(stack);

  const json& body = synth.resource_at("token/secret");
  EXPECT_EQ(body["name"], "edu-dev/redis");
  EXPECT_EQ(body["kms_key_id"], kKey);
  EXPECT_EQ(body["recovery_window_in_days"], 30);
  const json& version = synth.resource_at("token/initial_version");
  std::string random = synth.address_at("token/initial_password");
  EXPECT_EQ(version["secret_string"], "${jsonencode({\"password\" = sensitive(" + random +
                                          ".random_password), \"username\" = \"app\"})}");
  EXPECT_EQ(version["lifecycle"]["ignore_changes"], json::array({"secret_string"}));

  const json& rotation = synth.resource_at("token/rotation_schedule");
  EXPECT_EQ(rotation["rotation_rules"][0]["automatically_after_days"], 30);
  EXPECT_EQ(rotation["rotation_lambda_arn"],
            "${" + synth.address_at("token/rotation/function") + ".arn}");
  EXPECT_THAT(rotation["depends_on"].dump(),
              HasSubstr(synth.address_at("token/invoke_permission")));

  const json& permission = synth.resource_at("token/invoke_permission");
  EXPECT_EQ(permission["principal"], "secretsmanager.amazonaws.com");
  EXPECT_EQ(permission["action"], "lambda:InvokeFunction");
  EXPECT_EQ(permission["source_arn"], "${" + synth.address_at("token/secret") + ".arn}");

  const json& function = synth.resource_at("token/rotation/function");
  EXPECT_EQ(function["function_name"], "edu-dev-redis-rotation");
  EXPECT_EQ(function["filename"], "assets/edu-dev-redis-rotation.zip");
  EXPECT_EQ(function["tracing_config"][0]["mode"], "Active");
  EXPECT_EQ(function["kms_key_arn"], kKey);
  EXPECT_EQ(function["environment"][0]["variables"],
            json::parse(R"({"EXCLUDE_PUNCTUATION": "true", "PASSWORD_LENGTH": "32",
                            "TARGET_ID": "edu-redis-dev", "TARGET_KIND": "redis"})"));
  EXPECT_EQ(synth.resource_at("token/rotation/log_group")["kms_key_id"],
            "arn:aws:kms:eu-west-2:111122223333:key/logs");
  std::string policy = synth.resource_at("token/rotation/role/policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("\"secretsmanager:PutSecretValue\""));
  EXPECT_THAT(policy, HasSubstr("\"Resource\" = [\"" + std::string(kKey) + "\"]"));
  EXPECT_THAT(policy, HasSubstr("kms:ViaService"));
  EXPECT_THAT(policy,
              HasSubstr("\"Resource\" = "
                        "[\"arn:aws:elasticache:eu-west-2:111122223333:replicationgroup:edu\"]"));
  // The package is the repository's handler, zipped.
  ASSERT_EQ(stack.assets().size(), 1u);
  EXPECT_EQ(stack.assets()[0].content,
            reproducible_zip({{"handler.py", std::string(rotation_handler_source())}}));
  EXPECT_EQ(fn.asset_path(), "assets/edu-dev-redis-rotation.zip");
  EXPECT_THAT(
      config_error([&] { secret.rotate(RotationTarget::redis_replication_group, "x", "y"); }),
      HasSubstr("already has a rotation function"));
}

TEST(RotatingSecret, NeverRotatedFailsSynthesis) {
  App app;
  Stack stack(app, "s");
  RotatingSecret secret(stack, "orphan", {.name = "orphan", .kms_key_arn = kKey});
  try {
    synthesize(stack);
    FAIL() << "synthesis succeeded";
  } catch (const SynthError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("[app/s/orphan] validation the secret is never rotated: call rotate()"));
  }
}

TEST(RotatingSecret, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto with = [&](auto change) {
    RotatingSecretConfig config{.name = "edu/secret", .kms_key_arn = kKey};
    change(config);
    return config_error([&] { RotatingSecret s(stack, "secret", config); });
  };
  EXPECT_EQ(with([](RotatingSecretConfig& c) { c.rotation_days = 0; }),
            "[app/s/secret] rotation_days: 0 is outside 1 to 365");
  EXPECT_EQ(with([](RotatingSecretConfig& c) { c.rotation_days = 366; }),
            "[app/s/secret] rotation_days: 366 is outside 1 to 365");
  EXPECT_EQ(with([](RotatingSecretConfig& c) { c.password_length = 8; }),
            "[app/s/secret] password_length: 8 is outside 16 to 128");
  EXPECT_EQ(with([](RotatingSecretConfig& c) { c.recovery_window_in_days = 3; }),
            "[app/s/secret] recovery_window_in_days: 3 is outside 7 to 30");
  EXPECT_EQ(with([](RotatingSecretConfig& c) { c.name = "bad name"; }),
            "[app/s/secret] name: \"bad name\" contains ' '; a Secrets Manager secret name allows "
            "letters, digits and \"/_+=.@-\"");
  EXPECT_EQ(with([](RotatingSecretConfig& c) { c.name = std::string(60, 's'); }),
            "[app/s/secret] rotation_function_name: \"" + std::string(60, 's') +
                "-rotation\" is 69 characters; a Lambda function name has 1 to 64");
}

TEST(RotatingSecret, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  try {
    RotatingSecret secret(stack, "secret",
                          {.name = "bad name",
                           .kms_key_arn = kKey,
                           .password_length = 8,
                           .rotation_days = 400,
                           .log_retention_days = 10});
    ADD_FAILURE() << "a config with four problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/secret");
    EXPECT_EQ(error.field(), "name");
    // The default rotation function name comes from the bad secret name: not checked again.
    EXPECT_EQ(std::string(error.what()),
              "[app/s/secret] name: \"bad name\" contains ' '; a Secrets Manager secret name "
              "allows letters, digits and \"/_+=.@-\"\n"
              "[app/s/secret] password_length: 8 is outside 16 to 128\n"
              "[app/s/secret] rotation_days: 400 is outside 1 to 365\n"
              "[app/s/secret] log_retention_days: 10 is not a CloudWatch Logs retention period "
              "(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, "
              "2557, 2922, 3288, 3653)");
  }
  EXPECT_EQ(stack.node().children().size(), 0u);
}
