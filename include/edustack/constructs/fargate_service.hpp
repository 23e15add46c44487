#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/constructs/iam.hpp"
#include "edustack/constructs/monitoring.hpp"
#include "edustack/constructs/required.hpp"
#include "edustack/constructs/security_group.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/construct.hpp"

namespace edustack::aws {
class EcsCluster;
class EcsService;
class EcsTaskDefinition;
class Lb;
class LbTargetGroup;
class S3Bucket;
}  // namespace edustack::aws

namespace edustack::constructs {

struct FargateServiceConfig {
  // Base name: the ECS cluster, service and task family are "<name>"; the defaults below derive
  // the other names from it. 1-255 of [A-Za-z0-9_-].
  std::string name;
  core::Required<core::String, required::vpc_id> vpc_id;
  std::vector<core::String> public_subnet_ids;   // the ALB's: at least 2, in different AZs
  std::vector<core::String> private_subnet_ids;  // the tasks': at least 1 (one per AZ)

  // The application container.
  // Required: "<account>.dkr.ecr.<region>.amazonaws.com/app:1.2.3", or an expression that
  // builds it (the account id is only known at apply time).
  core::String image;
  int container_port = 8080;  // 1-65535
  int cpu = 1024;             // task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384
  int memory = 2048;          // task MiB: one of the values Fargate allows for that CPU
  std::string cpu_architecture = "X86_64";  // or "ARM64" (Graviton) when the image is built for it
  // Plain environment variables, never secrets: a name that looks like one (PASSWORD, SECRET,
  // TOKEN, PRIVATE_KEY, ACCESS_KEY, API_KEY, CREDENTIAL) is rejected; put it in `secrets`.
  std::map<std::string, std::string> environment;
  // Secrets injected by ECS at start: variable name -> Secrets Manager secret ARN (or
  // "<arn>:<json-key>::"). Only the execution role may read them.
  std::map<std::string, core::String> secrets;
  std::vector<core::String> secret_kms_key_arns;  // customer keys of those secrets (kms:Decrypt)
  std::vector<core::String> ecr_repository_arns;  // repositories the image is pulled from
  // Writable scratch paths (task-local volumes): the root filesystem is always read-only.
  std::vector<std::string> writable_paths = {"/tmp"};

  // Logs: a log group "/ecs/<name>" encrypted with this key (its policy must let
  // logs.<region>.amazonaws.com use it), kept retention_in_days.
  core::Required<core::String, required::log_kms_key_arn> log_kms_key_arn;
  int log_retention_in_days = 90;

  // X-Ray daemon sidecar (UDP 2000 on localhost; AWS_XRAY_DAEMON_ADDRESS is set for the app).
  bool xray = true;
  std::string xray_image = "public.ecr.aws/xray/aws-xray-daemon:3.3.14";

  // Load balancer.
  std::string load_balancer_name;  // default "<name>-alb"; 1-32 of [A-Za-z0-9-]
  std::string target_group_name;   // default "<name>-tg"; 1-32 of [A-Za-z0-9-]
  std::string health_check_path = "/health";
  std::string health_check_matcher = "200";
  // An ACM certificate: HTTPS on 443 with ssl_policy and a 301 redirect from HTTP. Without one
  // the ALB listens on plain HTTP 80 and the construct adds a warning saying so.
  core::String certificate_arn;
  std::string ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06";  // TLS 1.2 and 1.3 only
  bool deletion_protection = true;
  // ALB access logs go to a bucket this construct creates (default name "<name>-alb-logs"):
  // ALBs can only write to SSE-S3 (AES-256) buckets, not SSE-KMS ones, so it is not an
  // EncryptedBucket (which is SSE-KMS only, and whose resources sit one level deeper, under
  // other ids: other Terraform addresses); it has the same versioning, public access block and
  // TLS-only policy.
  // false: no access logs and no bucket (a warning says so); FERPA-ALB-003 then needs a
  // suppression. For policies that refuse any SSE-S3 bucket (FERPA-S3-001 does).
  bool access_logs = true;
  std::string access_log_bucket_name;
  int access_log_expiration_days = 365;  // 0: kept forever
  bool access_log_force_destroy = false;
  // eu-west-2 and the other Regions opened before August 2022 deliver ALB logs as the Regional
  // ELB account (data.aws_elb_service_account); newer ones as the service principal. Both are
  // granted when true; set false in a Region without an ELB account.
  bool grant_legacy_elb_account = true;

  // Service and scaling.
  int min_tasks = 2;                   // 1 or more; also the initial desired count
  int max_tasks = 10;                  // >= min_tasks, <= 5000
  double cpu_target = 70;              // average CPU % target tracking holds (1-100)
  double memory_target = 75;           // average memory % target tracking holds (1-100)
  int scale_in_cooldown = 300;         // seconds
  int scale_out_cooldown = 60;         // seconds
  int spot_weight = 0;                 // FARGATE_SPOT weight against FARGATE's 1; 0: on-demand only
  int health_check_grace_period = 60;  // seconds before ALB health checks count
  // Egress for the tasks besides the peers granted with security_group().allow_from():
  // HTTPS to these blocks (AWS APIs through NAT or interface endpoints).
  std::vector<std::string> https_egress_cidrs = {"0.0.0.0/0"};
};

// An ECS Fargate service behind an internet-facing Application Load Balancer:
// - cluster (Container Insights on, FARGATE and FARGATE_SPOT capacity providers);
// - task definition: the app container (read-only root filesystem, not privileged, awslogs to an
//   encrypted log group, secrets from Secrets Manager) and an X-Ray daemon sidecar;
// - execution role (pull, logs, named secrets only) and task role (X-Ray only; grant more with
//   task_role().add_statement()), distinct;
// - service in the private subnets without public IPs, circuit breaker with rollback;
// - ALB in the public subnets: invalid headers dropped, deletion protection, access logs;
// - target group (ip targets) with a health check; HTTPS listener (TLS 1.2+) and an HTTP
//   redirect, or HTTP only with a warning when no certificate is given;
// - security groups: ALB from 0.0.0.0/0 on 80/443 only, tasks only from the ALB;
// - target-tracking scaling on CPU and memory between min_tasks and max_tasks.
// Every problem in the config is reported at once, before anything is created: one ConfigError
// with a "[path] field: message" line per problem.
class FargateService : public core::Construct {
 public:
  FargateService(core::Construct& scope, std::string_view id, FargateServiceConfig config);

  core::StringExpr alb_dns_name() const;
  core::StringExpr alb_arn() const;
  core::StringExpr alb_arn_suffix() const;
  core::StringExpr alb_zone_id() const;
  core::StringExpr target_group_arn() const;
  core::StringExpr target_group_arn_suffix() const;
  core::StringExpr cluster_name() const;
  core::StringExpr cluster_arn() const;
  core::StringExpr service_name() const;
  core::StringExpr log_group_name() const;
  // The access log bucket; throws ConfigError (field access_logs) when access_logs is false.
  core::StringExpr access_log_bucket_name() const;
  // "https://<alb dns>" with a certificate, "http://<alb dns>" without.
  core::StringExpr url() const;
  bool https() const noexcept { return https_; }

  SecurityGroup& security_group() noexcept { return *service_group_; }  // the tasks'
  SecurityGroup& alb_security_group() noexcept { return *alb_group_; }
  Role& task_role() noexcept { return *task_role_; }
  Role& execution_role() noexcept { return *execution_role_; }
  LogGroup& log_group() noexcept { return *log_group_; }

  const aws::EcsCluster& cluster() const noexcept { return *cluster_; }
  const aws::EcsService& service() const noexcept { return *service_; }
  const aws::EcsTaskDefinition& task_definition() const noexcept { return *task_definition_; }
  const aws::Lb& load_balancer() const noexcept { return *alb_; }
  const aws::LbTargetGroup& target_group() const noexcept { return *target_group_; }

 private:
  // The parts, created in this order by the constructor.
  const core::Element& add_cluster(const FargateServiceConfig& config);
  void add_roles(const FargateServiceConfig& config);
  void add_task_definition(const FargateServiceConfig& config);
  void add_security_groups(const FargateServiceConfig& config);
  const core::Element& add_access_log_bucket(const FargateServiceConfig& config);
  std::vector<PolicyStatement> access_log_statements(const FargateServiceConfig& config);
  void add_load_balancer(const FargateServiceConfig& config, const core::Element* bucket_policy);
  std::vector<const core::Element*> add_listeners(const FargateServiceConfig& config);
  void add_service(const FargateServiceConfig& config, const core::Element& capacity,
                   const std::vector<const core::Element*>& listeners);
  void add_scaling(const FargateServiceConfig& config);

  bool https_ = false;
  aws::EcsCluster* cluster_ = nullptr;
  LogGroup* log_group_ = nullptr;
  Role* execution_role_ = nullptr;
  Role* task_role_ = nullptr;
  aws::EcsTaskDefinition* task_definition_ = nullptr;
  SecurityGroup* alb_group_ = nullptr;
  SecurityGroup* service_group_ = nullptr;
  aws::S3Bucket* log_bucket_ = nullptr;
  aws::Lb* alb_ = nullptr;
  aws::LbTargetGroup* target_group_ = nullptr;
  aws::EcsService* service_ = nullptr;
};

// The Fargate task sizes: memory (MiB) allowed for a CPU value; empty for an unknown CPU.
std::vector<int> fargate_memory_options(int cpu);

}  // namespace edustack::constructs
