#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/constructs/rest_api_proxy.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

RestApiProxyConfig api_config() {
  return {.name = "edu-api-dev",
          .backend_url = "http://edu-alb.example.com",
          .throttling_rate_limit = 5000,
          .throttling_burst_limit = 10000,
          .account_burst_limit = 10000,
          .log_kms_key_arn = "arn:aws:kms:eu-west-2:1:key/logs"};
}

}  // namespace

TEST(RestApiProxy, RegionalApiWithProxyResourceAndHttpProxyIntegrations) {
  App app;
  Stack stack(app, "s");
  RestApiProxy api(stack, "api", api_config());
  auto synth = synthesize(stack);
  const json& rest = synth.resource_at("api/api");
  EXPECT_EQ(rest["name"], "edu-api-dev");
  EXPECT_EQ(rest["endpoint_configuration"], json::parse(R"([{"types": ["REGIONAL"]}])"));
  std::string api_id = "${" + synth.address_at("api/api") + ".id}";
  const json& proxy = synth.resource_at("api/proxy_resource");
  EXPECT_EQ(proxy["path_part"], "{proxy+}");
  EXPECT_EQ(proxy["parent_id"], "${" + synth.address_at("api/api") + ".root_resource_id}");
  const json& method = synth.resource_at("api/proxy_method");
  EXPECT_EQ(method["http_method"], "ANY");
  EXPECT_EQ(method["authorization"], "NONE");
  EXPECT_EQ(method["request_parameters"], json::parse(R"({"method.request.path.proxy": true})"));
  const json& integration = synth.resource_at("api/proxy_integration");
  EXPECT_EQ(integration["type"], "HTTP_PROXY");
  EXPECT_EQ(integration["integration_http_method"], "ANY");
  EXPECT_EQ(integration["uri"], "http://edu-alb.example.com/{proxy}");
  EXPECT_EQ(integration["request_parameters"],
            json::parse(R"({"integration.request.path.proxy": "method.request.path.proxy"})"));
  EXPECT_EQ(integration["rest_api_id"], api_id);
  EXPECT_EQ(synth.resource_at("api/root_method")["http_method"], "ANY");
  EXPECT_EQ(synth.resource_at("api/root_integration")["uri"], "http://edu-alb.example.com/");
  EXPECT_EQ(synth.resource_at("api/root_integration")["type"], "HTTP_PROXY");
  EXPECT_THAT(synth, HasResourceCount("aws_api_gateway_method", 2));
  EXPECT_THAT(synth, HasResourceCount("aws_api_gateway_integration", 2));
}

TEST(RestApiProxy, BackendUrlFromAReference) {
  App app;
  Stack stack(app, "s");
  GenericResource alb(stack, "alb", "aws_lb");
  auto config = api_config();
  config.backend_url = "http://" + alb.attribute_as<std::string>("dns_name");
  RestApiProxy api(stack, "api", config);
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("api/proxy_integration")["uri"],
            "http://${aws_lb.alb.dns_name}/{proxy}");
}

TEST(RestApiProxy, DeploymentRedeploysOnChange) {
  App app;
  Stack stack(app, "s");
  RestApiProxy api(stack, "api", api_config());
  auto synth = synthesize(stack);
  const json& deployment = synth.resource_at("api/deployment");
  std::string trigger = deployment["triggers"]["redeployment"];
  EXPECT_THAT(trigger, HasSubstr("${sha1(jsonencode(["));
  for (const char* part : {"api/proxy_resource", "api/root_method", "api/proxy_method",
                           "api/root_integration", "api/proxy_integration"}) {
    EXPECT_THAT(trigger, HasSubstr(synth.address_at(part) + ".id")) << part;
  }
  EXPECT_THAT(trigger, HasSubstr("\"http://edu-alb.example.com\""));
  EXPECT_EQ(deployment["lifecycle"]["create_before_destroy"], true);
  EXPECT_EQ(deployment["depends_on"].size(), 2u);
}

TEST(RestApiProxy, StageWithXrayAccessLogsAndThrottling) {
  App app;
  Stack stack(app, "s");
  RestApiProxy api(stack, "api", api_config());
  auto synth = synthesize(stack);
  const json& stage = synth.resource_at("api/stage");
  EXPECT_EQ(stage["stage_name"], "v1");
  EXPECT_EQ(stage["xray_tracing_enabled"], true);
  EXPECT_EQ(stage["deployment_id"], "${" + synth.address_at("api/deployment") + ".id}");
  EXPECT_EQ(stage["access_log_settings"][0]["destination_arn"],
            "${" + synth.address_at("api/access_logs/group") + ".arn}");
  std::string format = stage["access_log_settings"][0]["format"];
  EXPECT_THAT(format, HasSubstr("\"requestId\" = \"$context.requestId\""));
  EXPECT_THAT(format, HasSubstr("\"xrayTraceId\" = \"$context.xrayTraceId\""));
  EXPECT_THAT(stage["depends_on"].dump(), HasSubstr("aws_api_gateway_account."));
  const json& logs = synth.resource_at("api/access_logs/group");
  EXPECT_EQ(logs["name"], "/aws/apigateway/edu-api-dev");
  EXPECT_EQ(logs["retention_in_days"], 90);
  EXPECT_EQ(logs["kms_key_id"], "arn:aws:kms:eu-west-2:1:key/logs");

  const json& settings = synth.resource_at("api/method_settings");
  EXPECT_EQ(settings["method_path"], "*/*");
  EXPECT_EQ(settings["settings"],
            json::parse(R"([{"data_trace_enabled": false, "logging_level": "ERROR",
                             "metrics_enabled": true, "throttling_burst_limit": 10000,
                             "throttling_rate_limit": 5000}])"));
  EXPECT_EQ(settings["stage_name"], "${" + synth.address_at("api/stage") + ".stage_name}");

  const json& account = synth.resource_at("api/account");
  EXPECT_EQ(account["cloudwatch_role_arn"],
            "${" + synth.address_at("api/cloudwatch_role/role") + ".arn}");
  std::string trust = synth.resource_at("api/cloudwatch_role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("apigateway.amazonaws.com"));
  EXPECT_EQ(api.invoke_url().to_string(), "${" + synth.address_at("api/stage") + ".invoke_url}");
  EXPECT_EQ(api.rest_api_id().to_string(), "${" + synth.address_at("api/api") + ".id}");
}

TEST(RestApiProxy, AccountSettingIsOptional) {
  App app;
  Stack stack(app, "s");
  auto config = api_config();
  config.configure_account = false;
  RestApiProxy api(stack, "api", config);
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_api_gateway_account", 0));
  EXPECT_THAT(synth, HasResourceCount("aws_iam_role", 0));
}

TEST(RestApiProxy, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto build = [&](auto change) {
    return config_error([&] {
      auto config = api_config();
      change(config);
      RestApiProxy api(stack, "bad", config);
    });
  };
  EXPECT_EQ(build([](auto& c) { c.throttling_burst_limit = 20000; }),
            "[app/s/bad] throttling_burst_limit: 20000 is above the account's Regional burst quota "
            "of 10000 (account_burst_limit); API Gateway would cap it there");
  EXPECT_EQ(build([](auto& c) { c.account_burst_limit = 5000; }),
            "[app/s/bad] throttling_burst_limit: 10000 is above the account's Regional burst quota "
            "of 5000 (account_burst_limit); API Gateway would cap it there");
  EXPECT_EQ(build([](auto& c) { c.throttling_rate_limit = 12000.5; }),
            "[app/s/bad] throttling_rate_limit: 12000.5 requests per second is above the "
            "account's Regional quota of 10000 (account_rate_limit); API Gateway would cap it "
            "there");
  EXPECT_EQ(build([](auto& c) { c.throttling_rate_limit = 0; }),
            "[app/s/bad] throttling_rate_limit: must be above 0 requests per second");
  EXPECT_EQ(build([](auto& c) { c.throttling_burst_limit = 0; }),
            "[app/s/bad] throttling_burst_limit: must be 1 or more");
  EXPECT_EQ(build([](auto& c) { c.account_rate_limit = 0; }),
            "[app/s/bad] account_rate_limit: must be above 0");
  EXPECT_EQ(build([](auto& c) { c.account_burst_limit = 0; }),
            "[app/s/bad] account_burst_limit: must be 1 or more");
  EXPECT_EQ(build([](auto& c) { c.backend_url = "edu-alb.example.com"; }),
            "[app/s/bad] backend_url: \"edu-alb.example.com\" is not an http:// or https:// URL "
            "without a trailing /");
  EXPECT_EQ(build([](auto& c) { c.backend_url = "http://edu/"; }),
            "[app/s/bad] backend_url: \"http://edu/\" is not an http:// or https:// URL without a "
            "trailing /");
  EXPECT_EQ(build([](auto& c) { c.stage_name = "prod stage"; }),
            "[app/s/bad] stage_name: \"prod stage\" contains ' '; a stage name allows letters, "
            "digits and \"-_\"");
  EXPECT_EQ(build([](auto& c) { c.name = ""; }),
            "[app/s/bad] name: \"\" is 0 characters; a API name has 1 to 128");
  EXPECT_EQ(build([](auto& c) { c.authorization = "OPEN"; }),
            "[app/s/bad] authorization: \"OPEN\" is not NONE, AWS_IAM, CUSTOM or "
            "COGNITO_USER_POOLS");
  EXPECT_EQ(build([](auto& c) { c.integration_timeout_ms = 60000; }),
            "[app/s/bad] integration_timeout_ms: 60000 is outside 50 to 29000");
  EXPECT_EQ(build([](auto& c) { c.logging_level = "DEBUG"; }),
            "[app/s/bad] logging_level: \"DEBUG\" is not OFF, ERROR or INFO");
  EXPECT_EQ(build([](auto& c) { c.log_retention_in_days = 31; }),
            "[app/s/bad] log_retention_in_days: 31 is not a CloudWatch Logs retention period (1, "
            "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
            "2922, 3288, 3653)");
}

// Every problem of one config in one error, a line each; a limit is compared with its quota only
// when the quota itself is valid (an account_rate_limit of 0 is one problem, not two).
TEST(RestApiProxy, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  auto config = api_config();
  config.stage_name = "prod stage";
  config.authorization = "OPEN";
  config.account_rate_limit = 0;
  config.throttling_burst_limit = 20000;
  config.logging_level = "DEBUG";
  try {
    RestApiProxy api(stack, "bad", config);
    ADD_FAILURE() << "a config with five problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "stage_name");
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] stage_name: \"prod stage\" contains ' '; a stage name allows letters, "
              "digits and \"-_\"\n"
              "[app/s/bad] authorization: \"OPEN\" is not NONE, AWS_IAM, CUSTOM or "
              "COGNITO_USER_POOLS\n"
              "[app/s/bad] account_rate_limit: must be above 0\n"
              "[app/s/bad] throttling_burst_limit: 20000 is above the account's Regional burst "
              "quota of 10000 (account_burst_limit); API Gateway would cap it there\n"
              "[app/s/bad] logging_level: \"DEBUG\" is not OFF, ERROR or INFO");
  }
  EXPECT_EQ(stack.node().children().size(), 0u);  // nothing was created
}
