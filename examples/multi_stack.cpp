// Four stacks of one app: network -> data -> service (two hops of cross-stack references) and an
// independent audit stack. Each keeps a local state in its own directory of the output
// directory, which the downstream stacks read through terraform_remote_state.
//
//   multi_stack apply --all --auto-approve     multi_stack plan --all
//   multi_stack destroy --all --auto-approve   multi_stack plan --stack 'net*'
//
// EDUSTACK_EXAMPLE_CLOUD_ORG=ORG puts every stack in an HCP Terraform workspace instead.
// EDUSTACK_EXAMPLE_FAIL_APPLY=1 tags the data stack's bucket with the stand-in provider's
// failure knob (schema-provider:fail-apply), so its apply fails (tests of the CLI's skipping).
#include <cstdlib>
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/subnet.hpp>
#include <edustack/aws/vpc.hpp>
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>

using namespace edustack;

namespace {

void aws_provider(Stack& stack) {
  stack.make<Provider>("aws", ProviderConfig{.name = "aws",
                                             .source = "hashicorp/aws",
                                             .version = "~> 6.0",
                                             .arguments = Value::Object{{"region", "eu-west-2"}}});
  // EDUSTACK_EXAMPLE_CLOUD_ORG: every stack a workspace of that HCP Terraform organization
  // (multi-stack-<stack>) instead of a local state (tests of the synthesized cloud blocks).
  const char* organization = std::getenv("EDUSTACK_EXAMPLE_CLOUD_ORG");
  if (organization && *organization) {
    stack.make<CloudBackend>("state",
                             CloudBackendConfig{.organization = organization,
                                                .workspace = "multi-stack-" + stack.node().id()});
  } else {
    stack.make<LocalBackend>("state");
  }
}

class NetworkStack : public Stack {
 public:
  NetworkStack(App& app, std::string_view id) : Stack(app, id) {
    aws_provider(*this);
    // EDUSTACK_EXAMPLE_VPC_CIDR changes the VPC's range, which data's subnet follows (tests of
    // an upstream change reaching the downstream plan).
    const char* cidr = std::getenv("EDUSTACK_EXAMPLE_VPC_CIDR");
    vpc =
        &make<aws::Vpc>("vpc", aws::VpcConfig{.cidr_block = cidr && *cidr ? cidr : "10.30.0.0/16"});
  }
  aws::Vpc* vpc = nullptr;
};

class DataStack : public Stack {
 public:
  DataStack(App& app, std::string_view id, NetworkStack& network) : Stack(app, id) {
    aws_provider(*this);
    // First hop: the VPC id of network, typed StringExpr all the way.
    subnet = &make<aws::Subnet>(
        "subnet", aws::SubnetConfig{.cidr_block = fn::cidrsubnet(network.vpc->cidr_block(), 8, 1),
                                    .vpc_id = network.vpc->id()});
    const char* fail = std::getenv("EDUSTACK_EXAMPLE_FAIL_APPLY");
    std::string tag = fail && *fail ? "schema-provider:fail-apply" : "data";
    make<aws::S3Bucket>(
        "bucket", aws::S3BucketConfig{.bucket = "multi-stack-data", .tags = {{"Purpose", tag}}});
  }
  aws::Subnet* subnet = nullptr;
};

class ServiceStack : public Stack {
 public:
  ServiceStack(App& app, std::string_view id, DataStack& data) : Stack(app, id) {
    aws_provider(*this);
    // Second hop: data's subnet (whose vpc_id came from network), inside a function call.
    make<GenericResource>(
        "group", "aws_security_group",
        Value::Object{{"name", "service"},
                      {"vpc_id", data.subnet->vpc_id()},
                      {"description", fn::upper("service in " + data.subnet->id())}});
  }
};

class AuditStack : public Stack {
 public:
  AuditStack(App& app, std::string_view id) : Stack(app, id) {
    aws_provider(*this);
    make<aws::S3Bucket>("logs", aws::S3BucketConfig{.bucket = "multi-stack-audit"});
  }
};

void build(App& app, const cli::Options&) {
  auto& network = cli::make_stack<NetworkStack>(app, "network");
  auto& data = cli::make_stack<DataStack>(app, "data", network);
  cli::make_stack<ServiceStack>(app, "service", data);
  cli::make_stack<AuditStack>(app, "audit");
}

}  // namespace

int main(int argc, char** argv) { return cli::run(build, argc, argv); }
