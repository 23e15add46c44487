#include "edustack/constructs/fargate_service.hpp"

#include <algorithm>
#include <cctype>

#include "edustack/aws/appautoscaling_policy.hpp"
#include "edustack/aws/appautoscaling_target.hpp"
#include "edustack/aws/ecs_cluster.hpp"
#include "edustack/aws/ecs_cluster_capacity_providers.hpp"
#include "edustack/aws/ecs_service.hpp"
#include "edustack/aws/ecs_task_definition.hpp"
#include "edustack/aws/lb.hpp"
#include "edustack/aws/lb_listener.hpp"
#include "edustack/aws/lb_target_group.hpp"
#include "edustack/aws/s3_bucket.hpp"
#include "edustack/aws/s3_bucket_lifecycle_configuration.hpp"
#include "edustack/aws/s3_bucket_policy.hpp"
#include "edustack/aws/s3_bucket_public_access_block.hpp"
#include "edustack/aws/s3_bucket_server_side_encryption_configuration.hpp"
#include "edustack/aws/s3_bucket_versioning.hpp"
#include "edustack/constructs/checks.hpp"
#include "edustack/constructs/environment.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/functions.hpp"
#include "edustack/core/secret_names.hpp"
#include "edustack/error.hpp"

namespace edustack::constructs {

namespace {

constexpr int kXrayPort = 2000;
constexpr const char* kAppContainer = "app";

struct MemoryRange {
  int cpu;
  int min;
  int max;
  int step;
};

// Fargate's task sizes (Linux): memory from min to max in steps, for each CPU value.
constexpr MemoryRange kFargateSizes[] = {
    {512, 1024, 4096, 1024},   {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},
    {4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
};

// TLS 1.2 or newer as the minimum: the TLS13-1-2/1-3, TLS-1-2 and FS-1-2 policy families.
bool tls12_or_newer(const std::string& policy) {
  return policy.rfind("ELBSecurityPolicy-", 0) == 0 &&
         (policy.find("-1-2-") != std::string::npos || policy.find("-1-3-") != std::string::npos);
}

std::string memory_description(int cpu) {
  if (cpu == 256) return "512, 1024 or 2048";
  for (const auto& size : kFargateSizes) {
    if (size.cpu == cpu) {
      return std::to_string(size.min) + " to " + std::to_string(size.max) + " in steps of " +
             std::to_string(size.step);
    }
  }
  return "";
}

// The IAM resource of a Secrets Manager valueFrom: "<arn>:<json-key>:<stage>:<version>" names
// the secret "<arn>" (the first seven fields).
core::String secret_resource(const core::String& value_from) {
  if (!value_from.value().is_string()) return value_from;
  const std::string& text = value_from.value().as_string();
  std::size_t position = 0;
  for (int fields = 0; fields < 7; ++fields) {
    position = text.find(':', position);
    if (position == std::string::npos) return value_from;
    ++position;
  }
  return text.substr(0, position - 1);
}

core::Value log_configuration(core::Construct& scope, const LogGroup& group, const char* prefix) {
  return core::Value::Object{{"logDriver", "awslogs"},
                             {"options", core::Value::Object{{"awslogs-group", group.name()},
                                                             {"awslogs-region", region_name(scope)},
                                                             {"awslogs-stream-prefix", prefix}}}};
}

std::string volume_name(std::size_t index) { return "scratch" + std::to_string(index); }

}  // namespace

std::vector<int> fargate_memory_options(int cpu) {
  if (cpu == 256) return {512, 1024, 2048};
  for (const auto& size : kFargateSizes) {
    if (size.cpu != cpu) continue;
    std::vector<int> out;
    for (int memory = size.min; memory <= size.max; memory += size.step) out.push_back(memory);
    return out;
  }
  return {};
}

namespace {

// ---- the names the parts derive from config.name ------------------------------------------------

std::string alb_name_of(const FargateServiceConfig& config) {
  return config.load_balancer_name.empty() ? config.name + "-alb" : config.load_balancer_name;
}

std::string target_group_name_of(const FargateServiceConfig& config) {
  return config.target_group_name.empty() ? config.name + "-tg" : config.target_group_name;
}

std::string bucket_name_of(const FargateServiceConfig& config) {
  return config.access_log_bucket_name.empty() ? config.name + "-alb-logs"
                                               : config.access_log_bucket_name;
}

// ---- input checks: each adds every problem it finds ---------------------------------------------

void check_placement(const FargateServiceConfig& config, ConfigProblems& problems) {
  problems.name("name", config.name, kEcsName);
  if (!config.image.is_set() ||
      (config.image.value().is_string() && config.image.value().as_string().empty())) {
    problems.add("image", "a service needs a container image");
  }
  if (config.public_subnet_ids.size() < 2) {
    problems.add("public_subnet_ids",
                 "an Application Load Balancer needs subnets in at least 2 AZs");
  }
  if (config.private_subnet_ids.empty()) {
    problems.add("private_subnet_ids", "the tasks need at least one private subnet");
  }
}

void check_task_size(const FargateServiceConfig& config, ConfigProblems& problems) {
  if (problems.range("container_port", config.container_port, 1, 65535, 1) && config.xray &&
      config.container_port == kXrayPort) {
    problems.add("container_port", "2000 is the X-Ray daemon's port in the same task");
  }
  std::vector<int> memory_options = fargate_memory_options(config.cpu);
  if (memory_options.empty()) {
    problems.add("cpu",
                 std::to_string(config.cpu) +
                     " is not a Fargate CPU size (256, 512, 1024, 2048, 4096, 8192 or 16384)");
  } else if (std::find(memory_options.begin(), memory_options.end(), config.memory) ==
             memory_options.end()) {
    problems.add("memory", std::to_string(config.memory) + " MiB is not allowed with " +
                               std::to_string(config.cpu) + " CPU units (" +
                               memory_description(config.cpu) + ")");
  }
  if (config.cpu_architecture != "X86_64" && config.cpu_architecture != "ARM64") {
    problems.add("cpu_architecture",
                 "\"" + config.cpu_architecture + "\" is neither X86_64 nor ARM64");
  }
}

void check_container_inputs(const FargateServiceConfig& config, ConfigProblems& problems) {
  for (const auto& entry : config.environment) {
    const std::string field = "environment." + entry.first;
    if (core::is_secret_name(entry.first)) {
      problems.add(field,
                   "looks like a secret; pass it in `secrets` (a Secrets Manager ARN), never as "
                   "plain text");
    }
    if (config.secrets.count(entry.first) != 0) problems.add(field, "is also in `secrets`");
  }
  for (const auto& [name, value_from] : config.secrets) {
    const core::Value& value = value_from.value();
    if (value.is_string() && (value.as_string().rfind("arn:", 0) != 0 ||
                              value.as_string().find(":secretsmanager:") == std::string::npos)) {
      problems.add("secrets." + name,
                   "\"" + value.as_string() + "\" is not a Secrets Manager secret ARN");
    }
  }
  for (std::size_t i = 0; i < config.writable_paths.size(); ++i) {
    const std::string& writable = config.writable_paths[i];
    if (writable.size() < 2 || writable.front() != '/') {
      problems.add("writable_paths[" + std::to_string(i) + "]",
                   "\"" + writable + "\" is not an absolute path below /");
    }
  }
  problems.log_retention("log_retention_in_days", config.log_retention_in_days);
}

void check_load_balancer(const FargateServiceConfig& config, ConfigProblems& problems) {
  const std::string alb_name = alb_name_of(config);
  if (problems.name("load_balancer_name", alb_name, kLoadBalancerName) &&
      alb_name.rfind("internal-", 0) == 0) {
    problems.add("load_balancer_name",
                 "\"" + alb_name + "\": a load balancer name cannot start with \"internal-\"");
  }
  problems.name("target_group_name", target_group_name_of(config), kTargetGroupName);
  if (config.access_logs) {
    problems.name("access_log_bucket_name", bucket_name_of(config), kS3BucketName);
  }
  if (config.health_check_path.empty() || config.health_check_path.front() != '/' ||
      config.health_check_path.size() > 1024) {
    problems.add("health_check_path", "\"" + config.health_check_path +
                                          "\" is not a path (starts with /, 1024 at most)");
  }
  if (config.certificate_arn.is_set() && !tls12_or_newer(config.ssl_policy)) {
    problems.add("ssl_policy",
                 "\"" + config.ssl_policy +
                     "\" allows TLS older than 1.2; use "
                     "ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy");
  }
  problems.range("access_log_expiration_days", config.access_log_expiration_days, 0, 36500, 1);
}

void check_scaling(const FargateServiceConfig& config, ConfigProblems& problems) {
  problems.range("min_tasks", config.min_tasks, 1, 5000, 1);
  problems.range("max_tasks", config.max_tasks, config.min_tasks, 5000, 1);
  problems.range("cpu_target", config.cpu_target, 1, 100);
  problems.range("memory_target", config.memory_target, 1, 100);
  problems.range("scale_in_cooldown", config.scale_in_cooldown, 0, 3600, 1);
  problems.range("scale_out_cooldown", config.scale_out_cooldown, 0, 3600, 1);
  problems.range("spot_weight", config.spot_weight, 0, 1000, 1);
  problems.range("health_check_grace_period", config.health_check_grace_period, 0, 2147483647, 1);
  for (std::size_t i = 0; i < config.https_egress_cidrs.size(); ++i) {
    problems.cidr("https_egress_cidrs[" + std::to_string(i) + "]", config.https_egress_cidrs[i]);
  }
}

// ---- container definitions ----------------------------------------------------------------------

core::Value::List name_values(const std::map<std::string, std::string>& variables) {
  core::Value::List list;
  for (const auto& [name, value] : variables) {
    list.push_back(core::Value::Object{{"name", name}, {"value", value}});
  }
  return list;
}

core::Value app_container(core::Construct& scope, const FargateServiceConfig& config,
                          const LogGroup& logs) {
  core::Value app = core::Value::Object{{"name", kAppContainer},
                                        {"image", config.image.value()},
                                        {"essential", true},
                                        {"readonlyRootFilesystem", true},
                                        {"privileged", false}};
  app["portMappings"] =
      core::Value::List{core::Value::Object{{"containerPort", config.container_port},
                                            {"hostPort", config.container_port},
                                            {"protocol", "tcp"}}};
  app["logConfiguration"] = log_configuration(scope, logs, kAppContainer);
  std::map<std::string, std::string> environment = config.environment;
  if (config.xray) {
    environment.emplace("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + std::to_string(kXrayPort));
  }
  if (!environment.empty()) app["environment"] = name_values(environment);
  if (!config.secrets.empty()) {
    core::Value::List list;
    for (const auto& [name, value_from] : config.secrets) {
      list.push_back(core::Value::Object{{"name", name}, {"valueFrom", value_from.value()}});
    }
    app["secrets"] = std::move(list);
  }
  if (!config.writable_paths.empty()) {
    core::Value::List mounts;
    for (std::size_t i = 0; i < config.writable_paths.size(); ++i) {
      mounts.push_back(core::Value::Object{{"sourceVolume", volume_name(i)},
                                           {"containerPath", config.writable_paths[i]},
                                           {"readOnly", false}});
    }
    app["mountPoints"] = std::move(mounts);
  }
  return app;
}

core::Value xray_container(core::Construct& scope, const FargateServiceConfig& config,
                           const LogGroup& logs) {
  core::Value daemon = core::Value::Object{{"name", "xray-daemon"},
                                           {"image", config.xray_image},
                                           {"essential", false},
                                           {"readonlyRootFilesystem", true},
                                           {"privileged", false},
                                           {"user", "1337"},
                                           {"cpu", 32},
                                           {"memoryReservation", 256}};
  daemon["portMappings"] = core::Value::List{core::Value::Object{
      {"containerPort", kXrayPort}, {"hostPort", kXrayPort}, {"protocol", "udp"}}};
  daemon["logConfiguration"] = log_configuration(scope, logs, "xray");
  return daemon;
}

// ---- roles --------------------------------------------------------------------------------------

// Only ECS of this account may assume the roles.
core::Value ecs_trust(core::Construct& scope) {
  core::StringExpr account = account_id(scope);
  core::StringExpr aws_partition = partition(scope);
  core::StringExpr region = region_name(scope);
  return core::Value::Object{
      {"StringEquals", core::Value::Object{{"aws:SourceAccount", account}}},
      {"ArnLike", core::Value::Object{{"aws:SourceArn", "arn:" + aws_partition + ":ecs:" + region +
                                                            ":" + account + ":*"}}}};
}

std::vector<PolicyStatement> execution_statements(const FargateServiceConfig& config,
                                                  const LogGroup& logs) {
  std::vector<PolicyStatement> execution{{.sid = "WriteContainerLogs",
                                          .actions = {"logs:CreateLogStream", "logs:PutLogEvents"},
                                          .resources = {logs.arn() + ":*"}}};
  if (!config.ecr_repository_arns.empty()) {
    execution.push_back(
        {.sid = "EcrLogin", .actions = {"ecr:GetAuthorizationToken"}, .resources = {"*"}});
    execution.push_back({.sid = "PullImage",
                         .actions = {"ecr:BatchCheckLayerAvailability",
                                     "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"},
                         .resources = config.ecr_repository_arns});
  }
  if (!config.secrets.empty()) {
    std::vector<core::String> secret_arns;
    for (const auto& entry : config.secrets) secret_arns.push_back(secret_resource(entry.second));
    execution.push_back({.sid = "ReadNamedSecrets",
                         .actions = {"secretsmanager:GetSecretValue"},
                         .resources = std::move(secret_arns)});
  }
  if (!config.secret_kms_key_arns.empty()) {
    execution.push_back({.sid = "DecryptSecrets",
                         .actions = {"kms:Decrypt"},
                         .resources = config.secret_kms_key_arns});
  }
  return execution;
}

}  // namespace

core::StringExpr FargateService::access_log_bucket_name() const {
  if (log_bucket_ == nullptr) {
    throw ConfigError(node().path(), "access_logs", "is false: there is no access-log bucket");
  }
  return log_bucket_->bucket();
}

core::StringExpr FargateService::url() const {
  return (https_ ? "https://" : "http://") + alb_->dns_name();
}

// The parts, in the order they depend on each other. Every config problem is reported (all of
// them, in one ConfigError) before any part is created.
FargateService::FargateService(core::Construct& scope, std::string_view id,
                               FargateServiceConfig config)
    : core::Construct(scope, id), https_(config.certificate_arn.is_set()) {
  ConfigProblems problems(*this);
  check_placement(config, problems);
  check_task_size(config, problems);
  check_container_inputs(config, problems);
  check_load_balancer(config, problems);
  check_scaling(config, problems);
  problems.throw_if_any();

  const core::Element& capacity = add_cluster(config);
  add_roles(config);
  add_task_definition(config);
  add_security_groups(config);
  const core::Element* bucket_policy =
      config.access_logs ? &add_access_log_bucket(config) : nullptr;
  if (bucket_policy == nullptr) {
    node().add_warning(
        "access_logs is false: the load balancer writes no access logs, so requests to it leave "
        "no record.");
  }
  add_load_balancer(config, bucket_policy);
  add_service(config, capacity, add_listeners(config));
  add_scaling(config);
}

// The cluster, its capacity providers and the log group of its tasks.
const core::Element& FargateService::add_cluster(const FargateServiceConfig& config) {
  cluster_ = &make<aws::EcsCluster>(
      "cluster",
      aws::EcsClusterConfig{.name = config.name,
                            .setting = {{.name = "containerInsights", .value = "enabled"}}});
  auto& capacity = make<aws::EcsClusterCapacityProviders>(
      "capacity_providers",
      aws::EcsClusterCapacityProvidersConfig{
          .capacity_providers = {"FARGATE", "FARGATE_SPOT"},
          .cluster_name = cluster_->name(),
          .default_capacity_provider_strategy = {
              {.base = config.min_tasks, .capacity_provider = "FARGATE", .weight = 1}}});
  log_group_ =
      &make<LogGroup>("logs", LogGroupConfig{.name = "/ecs/" + config.name,
                                             .kms_key_arn = config.log_kms_key_arn,
                                             .retention_in_days = config.log_retention_in_days});
  return capacity;
}

// Two distinct roles: the execution role pulls, logs and reads the named secrets; the task role
// only writes X-Ray traces until the user grants more.
void FargateService::add_roles(const FargateServiceConfig& config) {
  core::Value trust = ecs_trust(*this);
  execution_role_ =
      &make<Role>("execution_role",
                  RoleConfig{.name = config.name + "-execution",
                             .assumed_by = {"ecs-tasks.amazonaws.com"},
                             .trust_conditions = trust,
                             .statements = execution_statements(config, *log_group_),
                             .description = "ECS execution role of " + config.name +
                                            ": pull the image, write logs, read its secrets"});
  std::vector<PolicyStatement> task;
  if (config.xray) {
    task.push_back(
        {.sid = "XRayWrite",
         .actions = {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                     "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"},
         .resources = {"*"}});
  }
  task_role_ =
      &make<Role>("task_role", RoleConfig{.name = config.name + "-task",
                                          .assumed_by = {"ecs-tasks.amazonaws.com"},
                                          .trust_conditions = trust,
                                          .statements = std::move(task),
                                          .description = "ECS task role of " + config.name});
}

void FargateService::add_task_definition(const FargateServiceConfig& config) {
  core::Value::List containers{app_container(*this, config, *log_group_)};
  if (config.xray) containers.push_back(xray_container(*this, config, *log_group_));
  std::vector<aws::EcsTaskDefinitionVolume> volumes;
  for (std::size_t i = 0; i < config.writable_paths.size(); ++i) {
    volumes.push_back({.name = volume_name(i)});
  }
  task_definition_ = &make<aws::EcsTaskDefinition>(
      "task", aws::EcsTaskDefinitionConfig{
                  .container_definitions = core::fn::jsonencode(std::move(containers)),
                  .cpu = std::to_string(config.cpu),
                  .execution_role_arn = execution_role_->arn(),
                  .family = config.name,
                  .memory = std::to_string(config.memory),
                  .network_mode = "awsvpc",
                  .requires_compatibilities = {"FARGATE"},
                  .runtime_platform = {{.cpu_architecture = config.cpu_architecture,
                                        .operating_system_family = "LINUX"}},
                  .task_role_arn = task_role_->arn(),
                  .volume = std::move(volumes)});
}

// The ALB takes HTTP(S) from anywhere; the tasks take only the ALB and reach out only on HTTPS.
void FargateService::add_security_groups(const FargateServiceConfig& config) {
  alb_group_ = &make<SecurityGroup>(
      "alb_security_group", SecurityGroupConfig{.name = config.name + "-alb",
                                                .description = "Load balancer of " + config.name +
                                                               ": HTTP(S) from the internet",
                                                .vpc_id = config.vpc_id});
  service_group_ = &make<SecurityGroup>(
      "service_security_group",
      SecurityGroupConfig{.name = config.name + "-service",
                          .description = "Tasks of " + config.name + ": only from the ALB",
                          .vpc_id = config.vpc_id});
  if (https_) alb_group_->allow_from_cidr("0.0.0.0/0", 443, "HTTPS from the internet");
  alb_group_->allow_from_cidr(
      "0.0.0.0/0", 80,
      https_ ? "HTTP from the internet (redirected to HTTPS)" : "HTTP from the internet");
  service_group_->allow_from(*alb_group_, config.container_port, "ALB to the tasks");
  for (const auto& cidr : config.https_egress_cidrs) {
    service_group_->allow_to_cidr(cidr, 443, "HTTPS to AWS APIs");
  }
}

// The access-log bucket. Not an EncryptedBucket: ALB log delivery writes only to SSE-S3
// (AES-256) buckets, and its resources keep the ids (so the addresses) they have always had.
// Returns the bucket policy, which the load balancer waits for.
const core::Element& FargateService::add_access_log_bucket(const FargateServiceConfig& config) {
  log_bucket_ = &make<aws::S3Bucket>(
      "access_logs", aws::S3BucketConfig{.bucket = bucket_name_of(config),
                                         .force_destroy = config.access_log_force_destroy});
  make<aws::S3BucketServerSideEncryptionConfiguration>(
      "access_logs_encryption",
      aws::S3BucketServerSideEncryptionConfigurationConfig{
          .bucket = log_bucket_->id(),
          .rule = {{.apply_server_side_encryption_by_default = {{.sse_algorithm = "AES256"}}}}});
  auto& public_access = make<aws::S3BucketPublicAccessBlock>(
      "access_logs_public_access",
      aws::S3BucketPublicAccessBlockConfig{.block_public_acls = true,
                                           .block_public_policy = true,
                                           .bucket = log_bucket_->id(),
                                           .ignore_public_acls = true,
                                           .restrict_public_buckets = true});
  make<aws::S3BucketVersioning>(
      "access_logs_versioning",
      aws::S3BucketVersioningConfig{.bucket = log_bucket_->id(),
                                    .versioning_configuration = {{.status = "Enabled"}}});
  if (config.access_log_expiration_days > 0) {
    aws::S3BucketLifecycleConfigurationRule rule{.id = "expire-access-logs", .status = "Enabled"};
    rule.filter.push_back({.prefix = ""});
    rule.expiration.push_back({.days = config.access_log_expiration_days});
    rule.noncurrent_version_expiration.push_back({.noncurrent_days = 30});
    rule.abort_incomplete_multipart_upload.push_back({.days_after_initiation = 7});
    auto& lifecycle = make<aws::S3BucketLifecycleConfiguration>(
        "access_logs_lifecycle",
        aws::S3BucketLifecycleConfigurationConfig{.bucket = log_bucket_->id()});
    lifecycle.config().rule = {std::move(rule)};
  }
  auto& policy = make<aws::S3BucketPolicy>(
      "access_logs_policy",
      aws::S3BucketPolicyConfig{.bucket = log_bucket_->id(),
                                .policy = policy_json(access_log_statements(config))});
  policy.add_dependency(public_access);
  return policy;
}

// TLS only, and log delivery by the ELB service (and the Regional ELB account) under the ALB's
// prefix.
std::vector<PolicyStatement> FargateService::access_log_statements(
    const FargateServiceConfig& config) {
  core::StringExpr log_objects =
      log_bucket_->arn() + "/" + alb_name_of(config) + "/AWSLogs/" + account_id(*this) + "/*";
  std::vector<PolicyStatement> statements{
      {.sid = "DenyInsecureTransport",
       .effect = "Deny",
       .actions = {"s3:*"},
       .resources = {log_bucket_->arn(), log_bucket_->arn() + "/*"},
       .principals = core::Value::Object{{"AWS", "*"}},
       .conditions =
           core::Value::Object{{"Bool", core::Value::Object{{"aws:SecureTransport", "false"}}}}},
      {.sid = "ElbLogDelivery",
       .actions = {"s3:PutObject"},
       .resources = {log_objects},
       .principals = service_principals({"logdelivery.elasticloadbalancing.amazonaws.com"})}};
  if (config.grant_legacy_elb_account) {
    auto& elb_account = make<core::GenericDataSource>("elb_account", "aws_elb_service_account");
    statements.push_back(
        {.sid = "ElbAccountLogDelivery",
         .actions = {"s3:PutObject"},
         .resources = {log_objects},
         .principals = core::Value::Object{{"AWS", elb_account.attribute("arn")}}});
  }
  return statements;
}

// The internet-facing ALB and its target group (ip targets, health-checked).
void FargateService::add_load_balancer(const FargateServiceConfig& config,
                                       const core::Element* bucket_policy) {
  const std::string alb_name = alb_name_of(config);
  alb_ =
      &make<aws::Lb>("alb", aws::LbConfig{.drop_invalid_header_fields = true,
                                          .enable_deletion_protection = config.deletion_protection,
                                          .internal = false,
                                          .load_balancer_type = "application",
                                          .name = alb_name,
                                          .security_groups = {alb_group_->id()},
                                          .subnets = config.public_subnet_ids});
  if (bucket_policy != nullptr) {
    alb_->config().access_logs =
        aws::LbAccessLogs{.bucket = log_bucket_->id(), .enabled = true, .prefix = alb_name};
    // ALB checks it can write its logs when it is created.
    alb_->add_dependency(*bucket_policy);
  }
  target_group_ = &make<aws::LbTargetGroup>(
      "target_group",
      aws::LbTargetGroupConfig{.deregistration_delay = "30",
                               .health_check = {{.enabled = true,
                                                 .healthy_threshold = 2,
                                                 .interval = 30,
                                                 .matcher = config.health_check_matcher,
                                                 .path = config.health_check_path,
                                                 .port = "traffic-port",
                                                 .protocol = "HTTP",
                                                 .timeout = 5,
                                                 .unhealthy_threshold = 3}},
                               .name = target_group_name_of(config),
                               .port = config.container_port,
                               .protocol = "HTTP",
                               .target_type = "ip",
                               .vpc_id = config.vpc_id});
}

// HTTPS on 443 and a redirect on 80 with a certificate; plain HTTP on 80 (and a warning) without.
std::vector<const core::Element*> FargateService::add_listeners(
    const FargateServiceConfig& config) {
  aws::LbListenerDefaultAction forward{.target_group_arn = target_group_->arn(), .type = "forward"};
  auto listener = [&](const char* child, int port, const char* protocol,
                      aws::LbListenerDefaultAction action) -> const core::Element* {
    return &make<aws::LbListener>(child, aws::LbListenerConfig{.default_action = {{action}},
                                                               .load_balancer_arn = alb_->arn(),
                                                               .port = port,
                                                               .protocol = protocol});
  };
  if (!https_) {
    node().add_warning(
        "no certificate_arn: the load balancer serves plain HTTP on port 80 (no TLS). Give an "
        "ACM certificate to get HTTPS with TLS 1.2+ and an HTTP-to-HTTPS redirect.");
    return {listener("http_listener", 80, "HTTP", forward)};
  }
  auto& https = make<aws::LbListener>(
      "https_listener", aws::LbListenerConfig{.certificate_arn = config.certificate_arn,
                                              .default_action = {{forward}},
                                              .load_balancer_arn = alb_->arn(),
                                              .port = 443,
                                              .protocol = "HTTPS",
                                              .ssl_policy = config.ssl_policy});
  aws::LbListenerDefaultAction redirect{.type = "redirect"};
  redirect.redirect = aws::LbListenerDefaultActionRedirect{
      .port = "443", .protocol = "HTTPS", .status_code = "HTTP_301"};
  return {&https, listener("http_listener", 80, "HTTP", redirect)};
}

// The service in the private subnets, without public IPs, rolled back by the circuit breaker.
void FargateService::add_service(const FargateServiceConfig& config, const core::Element& capacity,
                                 const std::vector<const core::Element*>& listeners) {
  std::vector<aws::EcsServiceCapacityProviderStrategy> strategy{
      {.base = config.min_tasks, .capacity_provider = "FARGATE", .weight = 1}};
  if (config.spot_weight > 0) {
    strategy.push_back({.capacity_provider = "FARGATE_SPOT", .weight = config.spot_weight});
  }
  service_ = &make<aws::EcsService>(
      "service",
      aws::EcsServiceConfig{.capacity_provider_strategy = std::move(strategy),
                            .cluster = cluster_->arn(),
                            .deployment_circuit_breaker = {{.enable = true, .rollback = true}},
                            .deployment_maximum_percent = 200,
                            .deployment_minimum_healthy_percent = 100,
                            .desired_count = config.min_tasks,
                            .enable_ecs_managed_tags = true,
                            .enable_execute_command = false,
                            .health_check_grace_period_seconds = config.health_check_grace_period,
                            .load_balancer = {{.container_name = kAppContainer,
                                               .container_port = config.container_port,
                                               .target_group_arn = target_group_->arn()}},
                            .name = config.name,
                            .network_configuration = {{.assign_public_ip = false,
                                                       .security_groups = {service_group_->id()},
                                                       .subnets = config.private_subnet_ids}},
                            .platform_version = "LATEST",
                            .propagate_tags = "SERVICE",
                            .task_definition = task_definition_->arn()});
  // Autoscaling owns the task count once the service exists.
  service_->set_lifecycle({.ignore_changes = {"desired_count"}});
  service_->add_dependency(capacity);
  // ECS needs the target group attached to a listener before the service uses it.
  for (const auto* listener : listeners) service_->add_dependency(*listener);
}

// Target tracking on CPU and memory between min_tasks and max_tasks.
void FargateService::add_scaling(const FargateServiceConfig& config) {
  auto& target = make<aws::AppautoscalingTarget>(
      "scaling_target", aws::AppautoscalingTargetConfig{
                            .max_capacity = config.max_tasks,
                            .min_capacity = config.min_tasks,
                            .resource_id = "service/" + cluster_->name() + "/" + service_->name(),
                            .scalable_dimension = "ecs:service:DesiredCount",
                            .service_namespace = "ecs"});
  auto tracking = [&](const char* child, const std::string& suffix, const char* metric,
                      double target_value) {
    make<aws::AppautoscalingPolicy>(
        child, aws::AppautoscalingPolicyConfig{
                   .name = config.name + suffix,
                   .policy_type = "TargetTrackingScaling",
                   .resource_id = target.resource_id(),
                   .scalable_dimension = target.scalable_dimension(),
                   .service_namespace = target.service_namespace(),
                   .target_tracking_scaling_policy_configuration = {
                       {.predefined_metric_specification = {{.predefined_metric_type = metric}},
                        .scale_in_cooldown = config.scale_in_cooldown,
                        .scale_out_cooldown = config.scale_out_cooldown,
                        .target_value = target_value}}});
  };
  tracking("cpu_scaling", "-cpu", "ECSServiceAverageCPUUtilization", config.cpu_target);
  tracking("memory_scaling", "-memory", "ECSServiceAverageMemoryUtilization", config.memory_target);
}

core::StringExpr FargateService::alb_dns_name() const { return alb_->dns_name(); }
core::StringExpr FargateService::alb_arn() const { return alb_->arn(); }
core::StringExpr FargateService::alb_arn_suffix() const { return alb_->arn_suffix(); }
core::StringExpr FargateService::alb_zone_id() const { return alb_->zone_id(); }
core::StringExpr FargateService::target_group_arn() const { return target_group_->arn(); }
core::StringExpr FargateService::target_group_arn_suffix() const {
  return target_group_->arn_suffix();
}
core::StringExpr FargateService::cluster_name() const { return cluster_->name(); }
core::StringExpr FargateService::cluster_arn() const { return cluster_->arn(); }
core::StringExpr FargateService::service_name() const { return service_->name(); }
core::StringExpr FargateService::log_group_name() const { return log_group_->name(); }

}  // namespace edustack::constructs
