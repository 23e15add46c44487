#include "edustack/constructs/rest_api_proxy.hpp"

#include <cmath>

#include "edustack/aws/api_gateway_account.hpp"
#include "edustack/aws/api_gateway_deployment.hpp"
#include "edustack/aws/api_gateway_integration.hpp"
#include "edustack/aws/api_gateway_method.hpp"
#include "edustack/aws/api_gateway_method_settings.hpp"
#include "edustack/aws/api_gateway_resource.hpp"
#include "edustack/aws/api_gateway_rest_api.hpp"
#include "edustack/aws/api_gateway_stage.hpp"
#include "edustack/aws/iam_role_policy.hpp"
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

// ---- input checks: each adds every problem it finds ---------------------------------------------

void check_request_path(const RestApiProxyConfig& config, ConfigProblems& problems) {
  problems.name("name", config.name, kApiName);
  problems.name("stage_name", config.stage_name, kStageName);
  const core::Value& backend = config.backend_url.value();
  if (backend.is_string()) {
    const std::string& url = backend.as_string();
    if ((url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) || url.back() == '/') {
      problems.add("backend_url",
                   "\"" + url + "\" is not an http:// or https:// URL without a trailing /");
    }
  }
  const std::string& authorization = config.authorization;
  if (authorization != "NONE" && authorization != "AWS_IAM" && authorization != "CUSTOM" &&
      authorization != "COGNITO_USER_POOLS") {
    problems.add("authorization",
                 "\"" + authorization + "\" is not NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS");
  }
  problems.range("integration_timeout_ms", config.integration_timeout_ms, 50, 29000, 1);
}

// The stage's limits, each against the account's quota (only once both are valid on their own).
void check_throttling(const RestApiProxyConfig& config, ConfigProblems& problems) {
  // NaN compares false with everything, so it would pass the checks below.
  bool account_rate_ok = std::isfinite(config.account_rate_limit);
  bool rate_ok = std::isfinite(config.throttling_rate_limit);
  if (!account_rate_ok) {
    problems.add("account_rate_limit", "must be a finite number, not NaN or infinity");
  }
  if (!rate_ok) {
    problems.add("throttling_rate_limit", "must be a finite number, not NaN or infinity");
  }
  if (account_rate_ok && config.account_rate_limit <= 0) {
    problems.add("account_rate_limit", "must be above 0");
    account_rate_ok = false;
  }
  const bool account_burst_ok = config.account_burst_limit >= 1;
  if (!account_burst_ok) problems.add("account_burst_limit", "must be 1 or more");
  if (rate_ok && config.throttling_rate_limit <= 0) {
    problems.add("throttling_rate_limit", "must be above 0 requests per second");
  } else if (rate_ok && account_rate_ok &&
             config.throttling_rate_limit > config.account_rate_limit) {
    problems.add("throttling_rate_limit",
                 format_limit(config.throttling_rate_limit) +
                     " requests per second is above the account's Regional quota of " +
                     format_limit(config.account_rate_limit) +
                     " (account_rate_limit); API Gateway would cap it there");
  }
  if (config.throttling_burst_limit < 1) {
    problems.add("throttling_burst_limit", "must be 1 or more");
  } else if (account_burst_ok && config.throttling_burst_limit > config.account_burst_limit) {
    problems.add("throttling_burst_limit",
                 std::to_string(config.throttling_burst_limit) +
                     " is above the account's Regional burst quota of " +
                     std::to_string(config.account_burst_limit) +
                     " (account_burst_limit); API Gateway would cap it there");
  }
}

void check_logging(const RestApiProxyConfig& config, ConfigProblems& problems) {
  const std::string& level = config.logging_level;
  if (level != "OFF" && level != "ERROR" && level != "INFO") {
    problems.add("logging_level", "\"" + level + "\" is not OFF, ERROR or INFO");
  }
  problems.log_retention("log_retention_in_days", config.log_retention_in_days);
}

}  // namespace

// The parts: the API with its methods and integrations, the deployment, the account's logging
// role, the stage. Every config problem is reported (all of them, in one ConfigError) before any
// part is created.
RestApiProxy::RestApiProxy(core::Construct& scope, std::string_view id, RestApiProxyConfig config)
    : core::Construct(scope, id) {
  ConfigProblems problems(*this);
  check_request_path(config, problems);
  check_throttling(config, problems);
  check_logging(config, problems);
  problems.throw_if_any();

  add_deployment(config, add_api(config));
  add_stage(config, config.configure_account ? add_account_logging(config) : nullptr);
}

// The API, ANY / and ANY /{proxy+}, each with its HTTP_PROXY integration.
RestApiProxy::Routes RestApiProxy::add_api(const RestApiProxyConfig& config) {
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
  return {.watched = {proxy.id(), root_method.id(), proxy_method.id(), root_integration.id(),
                      proxy_integration.id()},
          .root_integration = &root_integration,
          .proxy_integration = &proxy_integration};
}

// Redeployed whenever a resource, method, integration, the backend, the authorization or the
// timeout changes; the new deployment exists before the old one goes.
void RestApiProxy::add_deployment(const RestApiProxyConfig& config, const Routes& routes) {
  core::Value::List watched = routes.watched;
  watched.push_back(config.backend_url.value());
  watched.push_back(config.authorization);
  watched.push_back(config.integration_timeout_ms);
  deployment_ = &make<aws::ApiGatewayDeployment>(
      "deployment",
      aws::ApiGatewayDeploymentConfig{
          .description = "Managed by edustack",
          .rest_api_id = api_->id(),
          .triggers = {{"redeployment",
                        core::fn::call<std::string>("sha1", {core::fn::jsonencode(watched)})}}});
  deployment_->set_lifecycle({.create_before_destroy = true});
  deployment_->add_dependency(*routes.root_integration);
  deployment_->add_dependency(*routes.proxy_integration);
}

// API Gateway's account-wide CloudWatch role (aws_api_gateway_account). Returns the setting,
// which the stage and its settings wait for.
const core::Element* RestApiProxy::add_account_logging(const RestApiProxyConfig& config) {
  core::StringExpr logs_arn =
      "arn:" + partition(*this) + ":logs:" + region_name(*this) + ":" + account_id(*this) + ":*";
  auto& role = make<Role>(
      "cloudwatch_role",
      RoleConfig{
          .name = config.name + "-apigw-logs",
          .assumed_by = {"apigateway.amazonaws.com"},
          .trust_conditions =
              core::Value::Object{
                  {"StringEquals", core::Value::Object{{"aws:SourceAccount", account_id(*this)}}}},
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
  if (const auto* policy = role.policy()) account.add_dependency(*policy);
  return &account;
}

// The stage (X-Ray, JSON access logs to an encrypted log group) and its "*/*" method settings.
void RestApiProxy::add_stage(const RestApiProxyConfig& config,
                             const core::Element* account_setting) {
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

core::StringExpr RestApiProxy::invoke_url() const { return stage_->invoke_url(); }
core::StringExpr RestApiProxy::stage_name() const { return stage_->stage_name(); }
core::StringExpr RestApiProxy::stage_arn() const { return stage_->arn(); }
core::StringExpr RestApiProxy::rest_api_id() const { return api_->id(); }
core::StringExpr RestApiProxy::rest_api_name() const { return api_->name(); }
core::StringExpr RestApiProxy::execution_arn() const { return api_->execution_arn(); }

}  // namespace edustack::constructs
