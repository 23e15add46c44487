#include "edustack/constructs/rest_api_proxy.hpp"

#include <cmath>

#include "edustack/aws/api_gateway_account.hpp"
#include "edustack/aws/api_gateway_integration.hpp"
#include "edustack/aws/api_gateway_method.hpp"
#include "edustack/aws/api_gateway_method_settings.hpp"
#include "edustack/aws/api_gateway_resource.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/core/functions.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

constexpr NameRule kStageName{"stage name", 1, 128, "-_"};

std::string format_limit(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// One JSON line per request: who, what, how long, and the X-Ray trace to follow it.
core::Value access_log_format() {
  return core::Value::Object{{"requestId", "$context.requestId"},
                             {"extendedRequestId", "$context.extendedRequestId"},
                             {"sourceIp", "$context.identity.sourceIp"},
                             {"requestTime", "$context.requestTime"},
                             {"httpMethod", "$context.httpMethod"},
                             {"resourcePath", "$context.resourcePath"},
                             {"path", "$context.path"},
                             {"status", "$context.status"},
                             {"protocol", "$context.protocol"},
                             {"responseLength", "$context.responseLength"},
                             {"responseLatency", "$context.responseLatency"},
                             {"integrationLatency", "$context.integrationLatency"},
                             {"integrationStatus", "$context.integrationStatus"},
                             {"errorMessage", "$context.error.message"},
                             {"xrayTraceId", "$context.xrayTraceId"}};
}

// base + suffix: a literal stays a literal, an expression becomes "${...}suffix".
core::String append(const core::String& base, const std::string& suffix) {
  if (base.value().is_string()) return base.value().as_string() + suffix;
  return core::Expression::interpolation({base.value(), suffix}).as<std::string>();
}

}  // namespace

RestApiProxy::RestApiProxy(core::Construct& scope, std::string_view id, RestApiProxyConfig config)
    : core::Construct(scope, id) {
  const std::string path = node().path();
  auto fail = [&](const std::string& field, const std::string& message) {
    throw ConfigError(path, field, message);
  };

  // --- input checks -----------------------------------------------------------------------
  check_name(*this, "name", config.name, kApiName);
  check_name(*this, "stage_name", config.stage_name, kStageName);
  const core::Value& backend = config.backend_url.value();
  if (backend.is_string()) {
    const std::string& url = backend.as_string();
    if ((url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) || url.back() == '/') {
      fail("backend_url", "\"" + url + "\" is not an http:// or https:// URL without a trailing /");
    }
  }
  const std::string& authorization = config.authorization;
  if (authorization != "NONE" && authorization != "AWS_IAM" && authorization != "CUSTOM" &&
      authorization != "COGNITO_USER_POOLS") {
    fail("authorization",
         "\"" + authorization + "\" is not NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS");
  }
  check_range(*this, "integration_timeout_ms", config.integration_timeout_ms, 50, 29000, 1);
  // NaN compares false with everything, so it would pass the checks below.
  for (auto [field, value] : {std::pair{"account_rate_limit", config.account_rate_limit},
                              std::pair{"throttling_rate_limit", config.throttling_rate_limit}}) {
    if (!std::isfinite(value)) fail(field, "must be a finite number, not NaN or infinity");
  }
  if (config.account_rate_limit <= 0) fail("account_rate_limit", "must be above 0");
  if (config.account_burst_limit < 1) fail("account_burst_limit", "must be 1 or more");
  if (config.throttling_rate_limit <= 0) {
    fail("throttling_rate_limit", "must be above 0 requests per second");
  }
  if (config.throttling_rate_limit > config.account_rate_limit) {
    fail("throttling_rate_limit",
         format_limit(config.throttling_rate_limit) +
             " requests per second is above the account's Regional quota of " +
             format_limit(config.account_rate_limit) +
             " (account_rate_limit); API Gateway would cap it there");
  }
  if (config.throttling_burst_limit < 1) fail("throttling_burst_limit", "must be 1 or more");
  if (config.throttling_burst_limit > config.account_burst_limit) {
    fail("throttling_burst_limit", std::to_string(config.throttling_burst_limit) +
                                       " is above the account's Regional burst quota of " +
                                       std::to_string(config.account_burst_limit) +
                                       " (account_burst_limit); API Gateway would cap it there");
  }
  const std::string& level = config.logging_level;
  if (level != "OFF" && level != "ERROR" && level != "INFO") {
    fail("logging_level", "\"" + level + "\" is not OFF, ERROR or INFO");
  }
  check_log_retention(*this, "log_retention_in_days", config.log_retention_in_days);

  // --- API, resources, methods, integrations ------------------------------------------------
  api_ = &make<aws::ApiGatewayRestApi>(
      "api", aws::ApiGatewayRestApiConfig{
                 .description = config.description.empty()
                                    ? "Proxy to " + config.name + " (managed by edustack)"
                                    : config.description,
                 .endpoint_configuration = {{.types = {"REGIONAL"}}},
                 .name = config.name});
  auto& proxy = make<aws::ApiGatewayResource>(
      "proxy_resource", aws::ApiGatewayResourceConfig{.parent_id = api_->root_resource_id(),
                                                      .path_part = "{proxy+}",
                                                      .rest_api_id = api_->id()});
  auto& root_method = make<aws::ApiGatewayMethod>(
      "root_method", aws::ApiGatewayMethodConfig{.authorization = config.authorization,
                                                 .http_method = "ANY",
                                                 .resource_id = api_->root_resource_id(),
                                                 .rest_api_id = api_->id()});
  auto& root_integration = make<aws::ApiGatewayIntegration>(
      "root_integration",
      aws::ApiGatewayIntegrationConfig{.connection_type = "INTERNET",
                                       .http_method = root_method.http_method(),
                                       .integration_http_method = "ANY",
                                       .resource_id = api_->root_resource_id(),
                                       .rest_api_id = api_->id(),
                                       .timeout_milliseconds = config.integration_timeout_ms,
                                       .type = "HTTP_PROXY",
                                       .uri = append(config.backend_url, "/")});
  auto& proxy_method = make<aws::ApiGatewayMethod>(
      "proxy_method",
      aws::ApiGatewayMethodConfig{.authorization = config.authorization,
                                  .http_method = "ANY",
                                  .request_parameters = {{"method.request.path.proxy", true}},
                                  .resource_id = proxy.id(),
                                  .rest_api_id = api_->id()});
  auto& proxy_integration = make<aws::ApiGatewayIntegration>(
      "proxy_integration",
      aws::ApiGatewayIntegrationConfig{
          .connection_type = "INTERNET",
          .http_method = proxy_method.http_method(),
          .integration_http_method = "ANY",
          .request_parameters = {{"integration.request.path.proxy", "method.request.path.proxy"}},
          .resource_id = proxy.id(),
          .rest_api_id = api_->id(),
          .timeout_milliseconds = config.integration_timeout_ms,
          .type = "HTTP_PROXY",
          .uri = append(config.backend_url, "/{proxy}")});

  // --- deployment: redeployed whenever any of these change ----------------------------------
  core::Value::List watched{proxy.id(),
                            root_method.id(),
                            proxy_method.id(),
                            root_integration.id(),
                            proxy_integration.id(),
                            backend,
                            config.authorization,
                            config.integration_timeout_ms};
  deployment_ = &make<aws::ApiGatewayDeployment>(
      "deployment",
      aws::ApiGatewayDeploymentConfig{
          .description = "Managed by edustack",
          .rest_api_id = api_->id(),
          .triggers = {{"redeployment",
                        core::fn::call<std::string>("sha1", {core::fn::jsonencode(watched)})}}});
  deployment_->set_lifecycle({.create_before_destroy = true});
  deployment_->add_dependency(root_integration);
  deployment_->add_dependency(proxy_integration);

  // --- logging role (account-wide setting) --------------------------------------------------
  core::Element* account_setting = nullptr;
  if (config.configure_account) {
    core::StringExpr logs_arn =
        "arn:" + partition(*this) + ":logs:" + region_name(*this) + ":" + account_id(*this) + ":*";
    auto& role = make<Role>(
        "cloudwatch_role",
        RoleConfig{.name = config.name + "-apigw-logs",
                   .assumed_by = {"apigateway.amazonaws.com"},
                   .trust_conditions =
                       core::Value::Object{
                           {"StringEquals",
                            core::Value::Object{{"aws:SourceAccount", account_id(*this)}}}},
                   .statements = {{.sid = "PushLogsToCloudWatch",
                                   .actions = {"logs:CreateLogGroup", "logs:CreateLogStream",
                                               "logs:DescribeLogGroups", "logs:DescribeLogStreams",
                                               "logs:PutLogEvents", "logs:GetLogEvents",
                                               "logs:FilterLogEvents"},
                                   .resources = {logs_arn}}},
                   .description = "API Gateway pushes execution and access logs to CloudWatch"});
    auto& account = make<aws::ApiGatewayAccount>(
        "account", aws::ApiGatewayAccountConfig{.cloudwatch_role_arn = role.arn()});
    // The role's policy must be in place before API Gateway checks the role.
    if (auto* policy = dynamic_cast<core::Element*>(role.node().try_find_child("policy"))) {
      account.add_dependency(*policy);
    }
    account_setting = &account;
  }

  // --- stage and its settings ---------------------------------------------------------------
  log_group_ = &make<LogGroup>("access_logs",
                               LogGroupConfig{.name = "/aws/apigateway/" + config.name,
                                              .kms_key_arn = config.log_kms_key_arn,
                                              .retention_in_days = config.log_retention_in_days});
  stage_ = &make<aws::ApiGatewayStage>(
      "stage", aws::ApiGatewayStageConfig{
                   .access_log_settings = {{.destination_arn = log_group_->arn(),
                                            .format = core::fn::jsonencode(access_log_format())}},
                   .deployment_id = deployment_->id(),
                   .rest_api_id = api_->id(),
                   .stage_name = config.stage_name,
                   .xray_tracing_enabled = config.xray});
  auto& settings = make<aws::ApiGatewayMethodSettings>(
      "method_settings", aws::ApiGatewayMethodSettingsConfig{
                             .method_path = "*/*",
                             .rest_api_id = api_->id(),
                             .settings =
                                 aws::ApiGatewayMethodSettingsSettings{
                                     .data_trace_enabled = false,
                                     .logging_level = config.logging_level,
                                     .metrics_enabled = config.metrics,
                                     .throttling_burst_limit = config.throttling_burst_limit,
                                     .throttling_rate_limit = config.throttling_rate_limit},
                             .stage_name = stage_->stage_name()});
  if (account_setting != nullptr) {
    stage_->add_dependency(*account_setting);
    settings.add_dependency(*account_setting);
  }
}

}  // namespace edustack::constructs
