// A program of its own stacks with the whole edustack CLI: two stacks built from the core alone
// (generic resources), for the environment given by --env or ENVIRONMENT_SUFFIX.
//
//   cli_app synth --env pr42        cli_app list        cli_app graph --format mermaid
//   cli_app plan --stack data       cli_app apply --stack data --auto-approve
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>

using namespace edustack;

namespace {

Provider& aws_provider(Stack& stack) {
  return stack.make<Provider>("aws",
                              ProviderConfig{.name = "aws",
                                             .source = "hashicorp/aws",
                                             .version = "~> 6.0",
                                             .arguments = Value::Object{{"region", "eu-west-2"}}});
}

// A VPC with two private subnets.
class NetworkStack : public Stack {
 public:
  NetworkStack(App& app, std::string_view id, const std::string& env) : Stack(app, id) {
    make<S3Backend>("backend", S3BackendConfig{.bucket = "demo-tfstate",
                                               .key = "network/" + env + ".tfstate",
                                               .region = "eu-west-2"});
    aws_provider(*this);
    auto& vpc =
        make<GenericResource>("vpc", "aws_vpc",
                              Value::Object{{"cidr_block", "10.20.0.0/16"},
                                            {"enable_dns_hostnames", true},
                                            {"tags", Value::Object{{"Name", "demo-" + env}}}});
    auto& subnets = make<Construct>("subnets");
    for (int i = 0; i < 2; ++i) {
      subnets.make<GenericResource>(
          "private-" + std::to_string(i), "aws_subnet",
          Value::Object{
              {"vpc_id", vpc.attribute("id")},
              {"cidr_block", fn::cidrsubnet("10.20.0.0/16", 8, i)},
              {"tags", Value::Object{{"Name", "demo-" + env + "-private-" + std::to_string(i)}}}});
    }
    make<Output>("vpc_id", OutputConfig{.value = vpc.attribute("id")});
  }
};

// A KMS key, a bucket encrypted with it, a log group and a small database.
class DataStack : public Stack {
 public:
  DataStack(App& app, std::string_view id, const std::string& env) : Stack(app, id) {
    make<S3Backend>("backend", S3BackendConfig{.bucket = "demo-tfstate",
                                               .key = "data/" + env + ".tfstate",
                                               .region = "eu-west-2"});
    aws_provider(*this);
    auto& subnet_ids =
        make<Variable>("subnet_ids", VariableConfig{.type = "list(string)",
                                                    .default_ = Value::List{},
                                                    .description = "Subnets of the database"});
    auto& key = make<GenericResource>("key", "aws_kms_key",
                                      Value::Object{{"description", "demo-" + env + " data"},
                                                    {"enable_key_rotation", true},
                                                    {"deletion_window_in_days", 30}});
    auto& storage = make<Construct>("storage");
    auto& bucket = storage.make<GenericResource>(
        "bucket", "aws_s3_bucket", Value::Object{{"bucket", "demo-" + env + "-uploads"}});
    storage.make<GenericResource>(
        "encryption", "aws_s3_bucket_server_side_encryption_configuration",
        Value::Object{
            {"bucket", bucket.attribute("id")},
            {"rule", Value::Object{{"apply_server_side_encryption_by_default",
                                    Value::Object{{"sse_algorithm", "aws:kms"},
                                                  {"kms_master_key_id", key.attribute("arn")}}}}}});
    make<GenericResource>("logs", "aws_cloudwatch_log_group",
                          Value::Object{{"name", "/demo/" + env},
                                        {"retention_in_days", 30},
                                        {"kms_key_id", key.attribute("arn")}});
    auto& db_subnets = make<GenericResource>(
        "db-subnets", "aws_db_subnet_group",
        Value::Object{{"name", "demo-" + env}, {"subnet_ids", subnet_ids.value()}});
    auto& db =
        make<GenericResource>("db", "aws_db_instance",
                              Value::Object{{"identifier", "demo-" + env},
                                            {"engine", "postgres"},
                                            {"instance_class", "db.t4g.micro"},
                                            {"allocated_storage", 20},
                                            {"username", "demo"},
                                            {"manage_master_user_password", true},
                                            {"db_subnet_group_name", db_subnets.attribute("name")},
                                            {"storage_encrypted", true},
                                            {"kms_key_id", key.attribute("arn")},
                                            {"backup_retention_period", 1}});
    db.node().add_warning("backup_retention_period is 1 day: keep 7 or more outside dev");
    make<Output>("bucket", OutputConfig{.value = bucket.attribute("bucket")});
  }
};

bool valid_suffix(const std::string& env) {
  if (env.empty() || env.size() > 16) return false;
  for (char c : env) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

void build(App& app, const cli::Options& options) {
  auto& network = cli::make_stack<NetworkStack>(app, "network", options.environment);
  cli::make_stack<DataStack>(app, "data", options.environment);
  if (!valid_suffix(options.environment)) {
    network.node().add_error("environment suffix \"" + options.environment +
                             "\" must be 1-16 characters of a-z, 0-9 and -");
  }
}

}  // namespace

int main(int argc, char** argv) { return cli::run(build, argc, argv); }
