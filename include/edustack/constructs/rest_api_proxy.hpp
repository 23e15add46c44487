#pragma once

#include <string>
#include <string_view>

#include "edustack/constructs/iam.hpp"
#include "edustack/constructs/monitoring.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class ApiGatewayDeployment;
class ApiGatewayRestApi;
class ApiGatewayStage;
}  // namespace edustack::aws

namespace edustack::constructs {

struct RestApiProxyConfig {
  std::string name;  // API name rules: 1-128 of [A-Za-z0-9 ._-]
  std::string description;
  // Where requests go: "http://<alb dns>" (no trailing slash). "/{proxy}" is appended for the
  // {proxy+} resource, "/" for the root. With https:// the backend's certificate must match
  // its host name.
  core::Required<core::String, required::backend_url> backend_url;
  std::string stage_name = "v1";  // 1-128 of [A-Za-z0-9_-]
  std::string authorization =
      "NONE";  // method authorization: NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS
  int integration_timeout_ms = 29000;  // 50 to 29000

  // Stage throttling for every method ("*/*"). Each must stay within the account's Regional
  // quota (account_rate_limit, account_burst_limit), or API Gateway silently caps it.
  double throttling_rate_limit = 5000;  // steady-state requests per second, > 0
  int throttling_burst_limit = 5000;    // bucket size, 1 or more
  // The account quotas the limits are checked against. Defaults: AWS's default Regional quota
  // (10,000 requests per second, burst 5,000); set them when a raised quota was granted.
  double account_rate_limit = 10000;
  int account_burst_limit = 5000;

  bool xray = true;                     // X-Ray tracing on the stage
  bool metrics = true;                  // detailed CloudWatch metrics per method
  std::string logging_level = "ERROR";  // execution logs: OFF, ERROR or INFO (never full bodies)

  // Access logs (JSON, one line per request) to a log group "/aws/apigateway/<name>" encrypted
  // with this key (its policy must let logs.<region>.amazonaws.com use it).
  core::Required<core::String, required::log_kms_key_arn> log_kms_key_arn;
  int log_retention_in_days = 90;

  // aws_api_gateway_account is one per account and Region: it names the role API Gateway logs
  // to CloudWatch with. Leave true for the one API of a stack that owns that setting.
  bool configure_account = true;
};

// A Regional API Gateway REST API that forwards everything to an HTTP backend:
// - `ANY /` and `ANY /{proxy+}` with HTTP_PROXY integrations to backend_url;
// - a deployment whose `triggers` hash every resource, method and integration (and the backend
//   URL), so a change redeploys; create_before_destroy keeps the stage served meanwhile;
// - a stage with X-Ray tracing and JSON access logs to an encrypted log group;
// - method settings for "*/*": throttling, metrics, execution logging level (data trace off);
// - the account's CloudWatch role (aws_api_gateway_account) when configure_account.
// Every problem in the config is reported at once, before anything is created: one ConfigError
// with a "[path] field: message" line per problem.
class RestApiProxy : public core::Construct {
 public:
  RestApiProxy(core::Construct& scope, std::string_view id, RestApiProxyConfig config);

  core::StringExpr invoke_url() const;
  core::StringExpr stage_name() const;
  core::StringExpr stage_arn() const;
  core::StringExpr rest_api_id() const;
  core::StringExpr rest_api_name() const;
  core::StringExpr execution_arn() const;
  LogGroup& access_log_group() noexcept { return *log_group_; }

  const aws::ApiGatewayRestApi& rest_api() const noexcept { return *api_; }
  const aws::ApiGatewayStage& stage() const noexcept { return *stage_; }
  const aws::ApiGatewayDeployment& deployment() const noexcept { return *deployment_; }

 private:
  // What the deployment hashes (the ids of the resource, methods and integrations) and waits for.
  struct Routes {
    core::Value::List watched;
    const core::Element* root_integration = nullptr;
    const core::Element* proxy_integration = nullptr;
  };
  // The parts, created in this order by the constructor.
  Routes add_api(const RestApiProxyConfig& config);
  void add_deployment(const RestApiProxyConfig& config, const Routes& routes);
  const core::Element* add_account_logging(const RestApiProxyConfig& config);
  void add_stage(const RestApiProxyConfig& config, const core::Element* account_setting);

  aws::ApiGatewayRestApi* api_ = nullptr;
  aws::ApiGatewayDeployment* deployment_ = nullptr;
  aws::ApiGatewayStage* stage_ = nullptr;
  LogGroup* log_group_ = nullptr;
};

}  // namespace edustack::constructs
