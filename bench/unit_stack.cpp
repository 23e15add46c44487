// The scale benchmark of issue 16 as a program: one stack made of N / 10 units of the same ten
// resource types (VPC, subnet, security group, internet gateway, route table, KMS key, S3
// bucket, IAM role, SQS queue, log group), each unit referring inside itself and to the unit
// before it, tagged by the provider and by the tagging aspect. It is the edustack CLI with that
// stack as its app, so `edustack_unit_stack 100000 synth --out DIR` is the whole process a
// user runs; bench/scale.sh times it (wall time and peak memory) at 1k, 10k and 100k.
//
//   edustack_unit_stack RESOURCES [edustack command and options ...]
#include <charconv>
#include <cstdio>
#include <edustack/aws/cloudwatch_log_group.hpp>
#include <edustack/aws/iam_role.hpp>
#include <edustack/aws/internet_gateway.hpp>
#include <edustack/aws/kms_key.hpp>
#include <edustack/aws/provider.hpp>
#include <edustack/aws/route_table.hpp>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/security_group.hpp>
#include <edustack/aws/sqs_queue.hpp>
#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace edustack;

// One unit: ten resources of ten types, the last unit's VPC and key passed in for the
// references between units.
struct Unit : Construct {
  aws::Vpc vpc;
  aws::Subnet subnet;
  aws::SecurityGroup security_group;
  aws::InternetGateway gateway;
  aws::RouteTable routes;
  aws::KmsKey key;
  aws::S3Bucket bucket;
  aws::IamRole role;
  aws::SqsQueue queue;
  aws::CloudwatchLogGroup logs;

  Unit(Construct& scope, std::string_view id, int index, const Unit* previous)
      : Construct(scope, id),
        vpc(*this, "vpc",
            {.cidr_block = "10." + std::to_string(index % 256) + ".0.0/16",
             .enable_dns_hostnames = true,
             .enable_dns_support = true,
             .tags = Map<String>{{"Name", "unit-" + std::to_string(index)}}}),
        subnet(*this, "subnet",
               {.availability_zone = "eu-west-2a",
                .cidr_block = fn::cidrsubnet(vpc.cidr_block(), 8, index % 256),
                .map_public_ip_on_launch = false,
                .vpc_id = vpc.id()}),
        security_group(*this, "sg",
                       {.description = "unit " + std::to_string(index) + " services",
                        .egress = {{.cidr_blocks = {"0.0.0.0/0"},
                                    .description = "all out",
                                    .from_port = 0,
                                    .ipv6_cidr_blocks = std::vector<std::string>{},
                                    .prefix_list_ids = std::vector<std::string>{},
                                    .protocol = "-1",
                                    .security_groups = std::vector<std::string>{},
                                    .self = false,
                                    .to_port = 0}},
                        .name = "unit-" + std::to_string(index),
                        .vpc_id = vpc.id()}),
        gateway(*this, "igw", {.vpc_id = vpc.id()}),
        routes(*this, "routes", {.vpc_id = vpc.id()}),
        key(*this, "key",
            {.deletion_window_in_days = 7,
             .description = "unit " + std::to_string(index) + " data key",
             .enable_key_rotation = true}),
        bucket(*this, "bucket",
               {.bucket = "edu-unit-" + std::to_string(index), .force_destroy = false}),
        role(*this, "role",
             {.assume_role_policy = fn::jsonencode(Value::Object{
                  {"Version", "2012-10-17"},
                  {"Statement",
                   Value::List{Value::Object{
                       {"Action", "sts:AssumeRole"},
                       {"Effect", "Allow"},
                       {"Principal", Value::Object{{"Service", "ecs-tasks.amazonaws.com"}}}}}}}),
              .name = "unit-" + std::to_string(index) + "-task"}),
        queue(*this, "queue",
              {.kms_master_key_id = previous ? previous->key.arn() : key.arn(),
               .message_retention_seconds = 345600,
               .name = "unit-" + std::to_string(index) + "-jobs",
               .visibility_timeout_seconds = 60}),
        logs(*this, "logs",
             {.kms_key_id = key.arn(),
              .name = "/edu/unit-" + std::to_string(index),
              .retention_in_days = 30}) {
    // The route as an override, so that the stack file stays the bytes pinned by
    // synth.unit_stack_*.byte_identical: the typed `route` (aws::RouteTableRoute) writes its
    // eleven unset members as null.
    routes.add_override("route", Value::List{Value::Object{{"cidr_block", "0.0.0.0/0"},
                                                           {"gateway_id", Value(gateway.id())}}});
  }
};

int resources = 1000;

void build(App& app, const cli::Options&) {
  Stack& stack = app.make<Stack>("units");
  stack.make<aws::Provider>(
      "aws", aws::ProviderConfig{.default_tags = {{.tags = {{"Project", "edustack-bench"}}}},
                                 .region = "eu-west-2"});
  Construct& units = stack.make<Construct>("units");
  const Unit* previous = nullptr;
  for (int i = 0; i < resources / 10; ++i) {
    previous = &units.make<Unit>("unit" + std::to_string(i), i, previous);
  }
  add_tags(stack, {{"Environment", "bench"}, {"DataClassification", "internal"}});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 ||
      std::from_chars(argv[1], argv[1] + std::string_view(argv[1]).size(), resources).ec !=
          std::errc() ||
      resources < 10) {
    std::fprintf(stderr, "usage: %s RESOURCES (>= 10) [edustack command ...]\n", argv[0]);
    return 2;
  }
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) rest.push_back(argv[i]);
  return cli::run_main(build, static_cast<int>(rest.size()), rest.data());
}
