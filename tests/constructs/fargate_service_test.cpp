#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/compliance.hpp>
#include <edustack/constructs/fargate_service.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

#include "support.hpp"

using namespace edustack;
using namespace edustack::constructs;
using namespace edustack::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

FargateServiceConfig web_config() {
  return {
      .name = "edu-web-dev",
      .vpc_id = "vpc-1",
      .public_subnet_ids = {"subnet-pub-a", "subnet-pub-c"},
      .private_subnet_ids = {"subnet-priv-a", "subnet-priv-c"},
      .image = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/web:1.0.0",
      .environment = {{"LOG_LEVEL", "info"}},
      .secrets = {{"DB_PASSWORD",
                   "arn:aws:secretsmanager:eu-west-2:123456789012:secret:db-AbCdEf:password::"}},
      .secret_kms_key_arns = {"arn:aws:kms:eu-west-2:123456789012:key/secrets"},
      .ecr_repository_arns = {"arn:aws:ecr:eu-west-2:123456789012:repository/web"},
      .log_kms_key_arn = "arn:aws:kms:eu-west-2:123456789012:key/logs",
      .min_tasks = 4,
      .max_tasks = 50,
      .cpu_target = 70,
      .memory_target = 75};
}

std::vector<std::string> warnings_of(const Construct& construct) {
  std::vector<std::string> out;
  for (const auto& annotation : construct.node().annotations()) {
    if (annotation.level == Annotation::Level::warning) out.push_back(annotation.message);
  }
  return out;
}

}  // namespace

TEST(FargateService, ClusterTaskDefinitionAndContainers) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  auto synth = synthesize(stack);

  EXPECT_EQ(synth.resource_at("web/cluster")["setting"],
            json::parse(R"([{"name": "containerInsights", "value": "enabled"}])"));
  EXPECT_EQ(synth.resource_at("web/capacity_providers")["capacity_providers"],
            json::parse(R"(["FARGATE", "FARGATE_SPOT"])"));

  const json& task = synth.resource_at("web/task");
  EXPECT_EQ(task["cpu"], "1024");
  EXPECT_EQ(task["memory"], "2048");
  EXPECT_EQ(task["network_mode"], "awsvpc");
  EXPECT_EQ(task["requires_compatibilities"], json::parse(R"(["FARGATE"])"));
  EXPECT_EQ(task["execution_role_arn"],
            "${" + synth.address_at("web/execution_role/role") + ".arn}");
  EXPECT_EQ(task["task_role_arn"], "${" + synth.address_at("web/task_role/role") + ".arn}");
  EXPECT_NE(task["execution_role_arn"], task["task_role_arn"]);
  EXPECT_EQ(task["volume"], json::parse(R"([{"name": "scratch0"}])"));

  std::string containers = task["container_definitions"];
  EXPECT_THAT(containers, HasSubstr("\"readonlyRootFilesystem\" = true"));
  EXPECT_THAT(containers, HasSubstr("\"privileged\" = false"));
  EXPECT_THAT(containers, HasSubstr("\"logDriver\" = \"awslogs\""));
  EXPECT_THAT(containers,
              HasSubstr("\"awslogs-group\" = " + synth.address_at("web/logs/group") + ".name"));
  // The secret is a reference to Secrets Manager, the plain variable stays plain.
  EXPECT_THAT(containers,
              HasSubstr("{\"name\" = \"DB_PASSWORD\", \"valueFrom\" = "
                        "\"arn:aws:secretsmanager:eu-west-2:123456789012:secret:db-AbCdEf:"
                        "password::\"}"));
  EXPECT_THAT(containers, HasSubstr("{\"name\" = \"LOG_LEVEL\", \"value\" = \"info\"}"));
  EXPECT_THAT(
      containers,
      HasSubstr("{\"name\" = \"AWS_XRAY_DAEMON_ADDRESS\", \"value\" = \"127.0.0.1:2000\"}"));
  EXPECT_THAT(containers, HasSubstr("\"name\" = \"xray-daemon\""));
  EXPECT_THAT(containers, HasSubstr("\"containerPort\" = 2000"));
  EXPECT_THAT(containers, HasSubstr("\"containerPath\" = \"/tmp\""));

  const json& logs = synth.resource_at("web/logs/group");
  EXPECT_EQ(logs["name"], "/ecs/edu-web-dev");
  EXPECT_EQ(logs["retention_in_days"], 90);
  EXPECT_EQ(logs["kms_key_id"], "arn:aws:kms:eu-west-2:123456789012:key/logs");
}

TEST(FargateService, RolesAreDistinctAndLeastPrivilege) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  web.task_role().add_statement(
      {.actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::edu-content/*"}});
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("web/execution_role/role")["name"], "edu-web-dev-execution");
  EXPECT_EQ(synth.resource_at("web/task_role/role")["name"], "edu-web-dev-task");
  std::string execution = synth.resource_at("web/execution_role/policy")["policy"];
  // The secret's IAM resource is the secret ARN, without the JSON key suffix.
  EXPECT_THAT(execution, HasSubstr("\"Action\" = [\"secretsmanager:GetSecretValue\"], \"Effect\" "
                                   "= \"Allow\", \"Resource\" = "
                                   "[\"arn:aws:secretsmanager:eu-west-2:123456789012:secret:db-"
                                   "AbCdEf\"]"));
  EXPECT_THAT(execution, HasSubstr("\"Resource\" = [\"arn:aws:ecr:eu-west-2:123456789012:"
                                   "repository/web\"]"));
  EXPECT_THAT(execution, HasSubstr("\"kms:Decrypt\""));
  EXPECT_THAT(execution, Not(HasSubstr("xray:")));
  std::string task = synth.resource_at("web/task_role/policy")["policy"];
  EXPECT_THAT(task, HasSubstr("\"xray:PutTraceSegments\""));
  EXPECT_THAT(task, HasSubstr("\"s3:GetObject\""));
  EXPECT_THAT(task, Not(HasSubstr("secretsmanager")));
  std::string trust = synth.resource_at("web/task_role/role")["assume_role_policy"];
  EXPECT_THAT(trust, HasSubstr("ecs-tasks.amazonaws.com"));
  EXPECT_THAT(trust, HasSubstr("aws:SourceAccount"));
}

TEST(FargateService, ServiceInPrivateSubnetsWithCircuitBreaker) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  auto synth = synthesize(stack);
  const json& service = synth.resource_at("web/service");
  EXPECT_EQ(service["desired_count"], 4);
  EXPECT_EQ(service["network_configuration"],
            json::parse(R"([{"assign_public_ip": false,
                             "security_groups": ["${)" +
                        synth.address_at("web/service_security_group/group") + R"(.id}"],
                             "subnets": ["subnet-priv-a", "subnet-priv-c"]}])"));
  EXPECT_EQ(service["deployment_circuit_breaker"],
            json::parse(R"([{"enable": true, "rollback": true}])"));
  EXPECT_EQ(service["load_balancer"][0]["container_name"], "app");
  EXPECT_EQ(service["load_balancer"][0]["container_port"], 8080);
  EXPECT_EQ(service["lifecycle"]["ignore_changes"], json::parse(R"(["desired_count"])"));
  EXPECT_EQ(service["capacity_provider_strategy"],
            json::parse(R"([{"base": 4, "capacity_provider": "FARGATE", "weight": 1}])"));
  EXPECT_EQ(service["enable_execute_command"], false);
  EXPECT_THAT(service["depends_on"].dump(), HasSubstr("aws_lb_listener."));
}

TEST(FargateService, LoadBalancerTargetGroupAndAccessLogs) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  auto synth = synthesize(stack);
  const json& alb = synth.resource_at("web/alb");
  EXPECT_EQ(alb["name"], "edu-web-dev-alb");
  EXPECT_EQ(alb["internal"], false);
  EXPECT_EQ(alb["load_balancer_type"], "application");
  EXPECT_EQ(alb["drop_invalid_header_fields"], true);
  EXPECT_EQ(alb["enable_deletion_protection"], true);
  EXPECT_EQ(alb["subnets"], json::parse(R"(["subnet-pub-a", "subnet-pub-c"])"));
  EXPECT_EQ(alb["access_logs"][0]["enabled"], true);
  EXPECT_EQ(alb["access_logs"][0]["bucket"], "${" + synth.address_at("web/access_logs") + ".id}");

  // ALB log delivery supports SSE-S3 only.
  EXPECT_EQ(synth.resource_at(
                "web/access_logs_encryption")["rule"][0]["apply_server_side_encryption_by_default"]
                                             [0]["sse_algorithm"],
            "AES256");
  EXPECT_EQ(synth.resource_at("web/access_logs")["bucket"], "edu-web-dev-alb-logs");
  std::string policy = synth.resource_at("web/access_logs_policy")["policy"];
  EXPECT_THAT(policy, HasSubstr("logdelivery.elasticloadbalancing.amazonaws.com"));
  EXPECT_THAT(policy, HasSubstr("{\"AWS\" = data.aws_elb_service_account."));
  EXPECT_THAT(policy, HasSubstr("\"aws:SecureTransport\" = \"false\""));
  EXPECT_THAT(synth, HasResourceWithProperties("aws_s3_bucket_public_access_block",
                                               {{"block_public_acls", true},
                                                {"block_public_policy", true},
                                                {"ignore_public_acls", true},
                                                {"restrict_public_buckets", true}}));

  const json& tg = synth.resource_at("web/target_group");
  EXPECT_EQ(tg["name"], "edu-web-dev-tg");
  EXPECT_EQ(tg["target_type"], "ip");
  EXPECT_EQ(tg["port"], 8080);
  EXPECT_EQ(tg["health_check"][0]["path"], "/health");
  EXPECT_EQ(tg["health_check"][0]["matcher"], "200");
}

TEST(FargateService, HttpsListenerWithTls12AndRedirect) {
  App app;
  Stack stack(app, "s");
  auto config = web_config();
  config.certificate_arn = "arn:aws:acm:eu-west-2:123456789012:certificate/abc";
  FargateService web(stack, "web", config);
  auto synth = synthesize(stack);
  const json& https = synth.resource_at("web/https_listener");
  EXPECT_EQ(https["port"], 443);
  EXPECT_EQ(https["protocol"], "HTTPS");
  EXPECT_EQ(https["ssl_policy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
  EXPECT_EQ(https["certificate_arn"], "arn:aws:acm:eu-west-2:123456789012:certificate/abc");
  EXPECT_EQ(https["default_action"][0]["type"], "forward");
  const json& http = synth.resource_at("web/http_listener");
  EXPECT_EQ(http["default_action"][0]["redirect"],
            json::parse(R"([{"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"}])"));
  EXPECT_TRUE(warnings_of(web).empty());
  EXPECT_THAT(synth, HasResourceCount("aws_lb_listener", 2));
  EXPECT_EQ(web.url().to_string(), "https://${" + synth.address_at("web/alb") + ".dns_name}");
}

TEST(FargateService, PlainHttpOnlyWithAWarning) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_lb_listener", 1));
  EXPECT_EQ(synth.resource_at("web/http_listener")["default_action"][0]["type"], "forward");
  ASSERT_EQ(warnings_of(web).size(), 1u);
  EXPECT_THAT(warnings_of(web)[0], HasSubstr("no certificate_arn: the load balancer serves plain "
                                             "HTTP on port 80 (no TLS)"));
  EXPECT_EQ(web.url().to_string(), "http://${" + synth.address_at("web/alb") + ".dns_name}");
}

TEST(FargateService, SecurityGroupsAlbFromInternetServiceFromAlbOnly) {
  App app;
  Stack stack(app, "s");
  auto config = web_config();
  config.certificate_arn = "arn:aws:acm:eu-west-2:123456789012:certificate/abc";
  FargateService web(stack, "web", config);
  SecurityGroup db(stack, "db", {.name = "edu-db", .vpc_id = "vpc-1"});
  db.allow_from(web.security_group(), 5432, "service to Aurora");
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("web/alb_security_group/ingress0")["from_port"], 443);
  EXPECT_EQ(synth.resource_at("web/alb_security_group/ingress0")["cidr_ipv4"], "0.0.0.0/0");
  EXPECT_EQ(synth.resource_at("web/alb_security_group/ingress1")["from_port"], 80);
  const json& from_alb = synth.resource_at("web/service_security_group/ingress0");
  EXPECT_EQ(from_alb["from_port"], 8080);
  EXPECT_EQ(from_alb["referenced_security_group_id"],
            "${" + synth.address_at("web/alb_security_group/group") + ".id}");
  EXPECT_FALSE(from_alb.contains("cidr_ipv4"));
  // Every ingress rule of the stack: 2 on the ALB, 1 on the service, 1 on the database.
  EXPECT_THAT(synth, HasResourceCount("aws_vpc_security_group_ingress_rule", 4));
}

TEST(FargateService, TargetTrackingOnCpuAndMemory) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  auto synth = synthesize(stack);
  const json& target = synth.resource_at("web/scaling_target");
  EXPECT_EQ(target["min_capacity"], 4);
  EXPECT_EQ(target["max_capacity"], 50);
  EXPECT_EQ(target["scalable_dimension"], "ecs:service:DesiredCount");
  EXPECT_EQ(target["resource_id"], "service/${" + synth.address_at("web/cluster") + ".name}/${" +
                                       synth.address_at("web/service") + ".name}");
  const json& cpu = synth.resource_at("web/cpu_scaling");
  EXPECT_EQ(cpu["policy_type"], "TargetTrackingScaling");
  EXPECT_EQ(cpu["target_tracking_scaling_policy_configuration"][0]["target_value"], 70);
  EXPECT_EQ(cpu["target_tracking_scaling_policy_configuration"][0]
               ["predefined_metric_specification"][0]["predefined_metric_type"],
            "ECSServiceAverageCPUUtilization");
  const json& memory = synth.resource_at("web/memory_scaling");
  EXPECT_EQ(memory["target_tracking_scaling_policy_configuration"][0]["target_value"], 75);
  EXPECT_EQ(memory["target_tracking_scaling_policy_configuration"][0]
                  ["predefined_metric_specification"][0]["predefined_metric_type"],
            "ECSServiceAverageMemoryUtilization");
}

TEST(FargateService, ExposedReferences) {
  App app;
  Stack stack(app, "s");
  FargateService web(stack, "web", web_config());
  auto synth = synthesize(stack);
  EXPECT_EQ(web.alb_arn_suffix().to_string(), "${" + synth.address_at("web/alb") + ".arn_suffix}");
  EXPECT_EQ(web.target_group_arn_suffix().to_string(),
            "${" + synth.address_at("web/target_group") + ".arn_suffix}");
  EXPECT_EQ(web.cluster_name().to_string(), "${" + synth.address_at("web/cluster") + ".name}");
  EXPECT_EQ(web.service_name().to_string(), "${" + synth.address_at("web/service") + ".name}");
  EXPECT_EQ(web.log_group_name().to_string(), "${" + synth.address_at("web/logs/group") + ".name}");
}

TEST(FargateService, FargateSizes) {
  EXPECT_EQ(fargate_memory_options(256), (std::vector<int>{512, 1024, 2048}));
  EXPECT_EQ(fargate_memory_options(1024).front(), 2048);
  EXPECT_EQ(fargate_memory_options(1024).back(), 8192);
  EXPECT_EQ(fargate_memory_options(1024).size(), 7u);
  EXPECT_EQ(fargate_memory_options(16384).back(), 122880);
  EXPECT_TRUE(fargate_memory_options(1000).empty());
}

TEST(FargateService, InputChecks) {
  App app;
  Stack stack(app, "s");
  auto build = [&](auto change) {
    return config_error([&] {
      auto config = web_config();
      change(config);
      FargateService web(stack, "bad", config);
    });
  };
  EXPECT_EQ(build([](auto& c) { c.cpu = 1000; }),
            "[app/s/bad] cpu: 1000 is not a Fargate CPU size (256, 512, 1024, 2048, 4096, 8192 or "
            "16384)");
  EXPECT_EQ(build([](auto& c) { c.memory = 1024; }),
            "[app/s/bad] memory: 1024 MiB is not allowed with 1024 CPU units (2048 to 8192 in "
            "steps of 1024)");
  EXPECT_EQ(build([](auto& c) {
              c.cpu = 256;
              c.memory = 4096;
            }),
            "[app/s/bad] memory: 4096 MiB is not allowed with 256 CPU units (512, 1024 or 2048)");
  EXPECT_EQ(build([](auto& c) {
              c.environment = {{"DB_PASSWORD", "hunter2"}};
            }),
            "[app/s/bad] environment.DB_PASSWORD: looks like a secret; pass it in `secrets` (a "
            "Secrets Manager ARN), never as plain text\n"
            // web_config() has a DB_PASSWORD secret: a second problem with the same variable.
            "[app/s/bad] environment.DB_PASSWORD: is also in `secrets`");
  EXPECT_EQ(build([](auto& c) {
              c.secrets = {{"API_SECRET", "hunter2"}};
            }),
            "[app/s/bad] secrets.API_SECRET: \"hunter2\" is not a Secrets Manager secret ARN");
  EXPECT_EQ(build([](auto& c) { c.load_balancer_name = "edu-assessment-platform-dev-alb-x"; }),
            "[app/s/bad] load_balancer_name: \"edu-assessment-platform-dev-alb-x\" is 33 "
            "characters; a load balancer name has 1 to 32");
  // Both names derived from a long name are too long: both are reported, in one error.
  EXPECT_EQ(build([](auto& c) { c.name = "edu-assessment-platform-dev-001"; }),
            "[app/s/bad] load_balancer_name: \"edu-assessment-platform-dev-001-alb\" is 35 "
            "characters; a load balancer name has 1 to 32\n"
            "[app/s/bad] target_group_name: \"edu-assessment-platform-dev-001-tg\" is 34 "
            "characters; a target group name has 1 to 32");
  EXPECT_EQ(build([](auto& c) { c.target_group_name = "edu_tg"; }),
            "[app/s/bad] target_group_name: \"edu_tg\" contains '_'; a target group name allows "
            "letters, digits and \"-\"");
  EXPECT_EQ(build([](auto& c) { c.load_balancer_name = "internal-web"; }),
            "[app/s/bad] load_balancer_name: \"internal-web\": a load balancer name cannot start "
            "with \"internal-\"");
  EXPECT_EQ(build([](auto& c) { c.public_subnet_ids = {"subnet-pub-a"}; }),
            "[app/s/bad] public_subnet_ids: an Application Load Balancer needs subnets in at "
            "least 2 AZs");
  EXPECT_EQ(build([](auto& c) { c.private_subnet_ids = {}; }),
            "[app/s/bad] private_subnet_ids: the tasks need at least one private subnet");
  EXPECT_EQ(build([](auto& c) { c.image = ""; }),
            "[app/s/bad] image: a service needs a container image");
  EXPECT_EQ(build([](auto& c) { c.log_retention_in_days = 45; }),
            "[app/s/bad] log_retention_in_days: 45 is not a CloudWatch Logs retention period (1, "
            "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
            "2922, 3288, 3653)");
  EXPECT_EQ(
      build([](auto& c) { c.health_check_path = "health"; }),
      "[app/s/bad] health_check_path: \"health\" is not a path (starts with /, 1024 at most)");
  EXPECT_EQ(build([](auto& c) {
              c.certificate_arn = "arn:aws:acm:eu-west-2:1:certificate/x";
              c.ssl_policy = "ELBSecurityPolicy-2016-08";
            }),
            "[app/s/bad] ssl_policy: \"ELBSecurityPolicy-2016-08\" allows TLS older than 1.2; use "
            "ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy");
  EXPECT_EQ(build([](auto& c) {
              c.min_tasks = 4;
              c.max_tasks = 2;
            }),
            "[app/s/bad] max_tasks: 2 is outside 4 to 5000");
  EXPECT_EQ(build([](auto& c) { c.min_tasks = 0; }),
            "[app/s/bad] min_tasks: 0 is outside 1 to 5000");
  EXPECT_EQ(build([](auto& c) { c.cpu_target = 120; }),
            "[app/s/bad] cpu_target: 120 is outside 1 to 100");
  EXPECT_EQ(build([](auto& c) { c.memory_target = 0; }),
            "[app/s/bad] memory_target: 0 is outside 1 to 100");
  EXPECT_EQ(build([](auto& c) { c.container_port = 2000; }),
            "[app/s/bad] container_port: 2000 is the X-Ray daemon's port in the same task");
  EXPECT_EQ(build([](auto& c) { c.container_port = 70000; }),
            "[app/s/bad] container_port: 70000 is outside 1 to 65535");
  EXPECT_EQ(build([](auto& c) { c.writable_paths = {"tmp"}; }),
            "[app/s/bad] writable_paths[0]: \"tmp\" is not an absolute path below /");
  EXPECT_EQ(build([](auto& c) { c.cpu_architecture = "arm"; }),
            "[app/s/bad] cpu_architecture: \"arm\" is neither X86_64 nor ARM64");
  EXPECT_EQ(build([](auto& c) { c.access_log_bucket_name = "Edu_Logs"; }),
            "[app/s/bad] access_log_bucket_name: \"Edu_Logs\" contains 'E'; a S3 bucket name "
            "allows lowercase letters, digits and \"-.\"");
  EXPECT_EQ(
      build([](auto& c) { c.https_egress_cidrs = {"10.0.0.0/33"}; }),
      "[app/s/bad] https_egress_cidrs[0]: \"10.0.0.0/33\" is not an IPv4 CIDR block (a.b.c.d/n "
      "with the host bits zero)");
  EXPECT_EQ(build([](auto& c) {
              c.environment = {{"MODE", "x"}};
              c.secrets = {{"MODE", "arn:aws:secretsmanager:eu-west-2:1:secret:m"}};
            }),
            "[app/s/bad] environment.MODE: is also in `secrets`");
}

// The construct checks all of its config: every problem is in the one ConfigError, each on its
// own "[path] field: message" line, and nothing was created.
TEST(FargateService, EveryProblemInOneConfigIsReported) {
  App app;
  Stack stack(app, "s");
  auto config = web_config();
  config.cpu = 1000;                          // not a Fargate size (memory is then not checked)
  config.image = "";                          // no image
  config.environment = {{"API_TOKEN", "x"}};  // a secret in plain text
  config.health_check_path = "health";
  config.max_tasks = 1;  // below min_tasks (4)
  try {
    FargateService web(stack, "bad", config);
    ADD_FAILURE() << "a config with five problems was accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.id(), "config.invalid");
    EXPECT_EQ(error.path(), "app/s/bad");
    EXPECT_EQ(error.field(), "image");  // the first one found
    EXPECT_EQ(std::string(error.what()),
              "[app/s/bad] image: a service needs a container image\n"
              "[app/s/bad] cpu: 1000 is not a Fargate CPU size (256, 512, 1024, 2048, 4096, 8192 "
              "or 16384)\n"
              "[app/s/bad] environment.API_TOKEN: looks like a secret; pass it in `secrets` (a "
              "Secrets Manager ARN), never as plain text\n"
              "[app/s/bad] health_check_path: \"health\" is not a path (starts with /, 1024 at "
              "most)\n"
              "[app/s/bad] max_tasks: 1 is outside 4 to 5000");
  }
  EXPECT_EQ(stack.node().try_find_child("bad"), nullptr);
  EXPECT_EQ(app.synth_in_memory().stacks.size(), 1u);  // the stack still synthesizes, empty
}

TEST(FargateService, AccessLogsCanBeTurnedOffWithAWarning) {
  App app;
  Stack stack(app, "s");
  auto config = web_config();
  config.certificate_arn = "arn:aws:acm:eu-west-2:123456789012:certificate/abc";
  config.access_logs = false;
  FargateService web(stack, "web", config);
  auto synth = synthesize(stack);
  EXPECT_THAT(synth, HasResourceCount("aws_s3_bucket", 0));
  EXPECT_FALSE(synth.resource_at("web/alb").contains("access_logs"));
  ASSERT_EQ(warnings_of(web).size(), 1u);
  EXPECT_EQ(warnings_of(web)[0],
            "access_logs is false: the load balancer writes no access logs, so requests to it "
            "leave no record.");
  try {
    (void)web.access_log_bucket_name();
    ADD_FAILURE() << "no access-log bucket, but a name";
  } catch (const ConfigError& error) {  // inside edustack::Error, not std::logic_error
    EXPECT_EQ(error.field(), "access_logs");
  }
}

// One secret-name policy (edustack/core/secret_names.hpp) for the construct's input check and the
// FERPA rule: a name the construct accepts, the rule accepts, and the other way round.
TEST(FargateService, SecretNamesFollowTheOnePolicyTheComplianceRuleUses) {
  EXPECT_TRUE(is_secret_name("DB_PASSWORD"));
  EXPECT_TRUE(is_secret_name("stripe_api_key"));
  EXPECT_FALSE(is_secret_name("DB_PASSWORD_ARN"));  // where to find a secret, not a secret
  EXPECT_FALSE(is_secret_name("LOG_LEVEL"));

  App app;
  Stack stack(app, "s");
  auto config = web_config();
  config.environment = {
      {"LOG_LEVEL", "info"},
      {"DB_PASSWORD_ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:db-AbCdEf"}};
  EXPECT_EQ(config_error([&] { FargateService web(stack, "web", config); }), "no error");
  auto report = compliance::check(app, {.all_stacks = true});
  for (const auto& finding : report.findings) {
    EXPECT_NE(finding.rule, "FERPA-SEC-002") << finding.message;
  }

  Stack other(app, "other");
  auto bad = web_config();
  bad.environment = {{"DB_PASSWORD", "hunter2"}};
  EXPECT_THAT(config_error([&] { FargateService web(other, "web", bad); }),
              HasSubstr("environment.DB_PASSWORD: looks like a secret"));
}
