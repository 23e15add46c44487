// Modules, iterators, dynamic blocks and the newer language (docs/modules-and-iterators.md).
//
//   modules_stack [OUTDIR] [MODULES_DIR]
//
// writes OUTDIR/stacks/modules/main.tf.json and, beside it, modules/network/ (the copy of the
// local module), which is all `terraform init` needs. tests/core runs the whole terraform cycle
// on it with the stand-in providers of ../shared/schema-provider.
#include <edustack/aws/s3_bucket.hpp>
#include <edustack/aws/s3_bucket_lifecycle_configuration.hpp>
#include <edustack/aws/secretsmanager_secret.hpp>
#include <edustack/aws/secretsmanager_secret_version.hpp>
#include <edustack/aws/security_group.hpp>
#include <edustack/edustack.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#ifndef EDUSTACK_EXAMPLE_MODULES_DIR
#define EDUSTACK_EXAMPLE_MODULES_DIR "examples/modules/modules"
#endif

using namespace edustack;

int main(int argc, char** argv) {
  std::filesystem::path out = argc > 1 ? argv[1] : "edustack.out";
  std::filesystem::path modules = argc > 2 ? argv[2] : EDUSTACK_EXAMPLE_MODULES_DIR;
  try {
    App app;
    Stack stack(app, "modules");
    Provider aws(stack, "aws",
                 {.name = "aws",
                  .source = "hashicorp/aws",
                  .version = "~> 6.0",
                  .arguments = Value::Object{{"region", "eu-west-2"}}});
    Provider random(stack, "random",
                    {.name = "random", .source = "hashicorp/random", .version = "~> 3.6"});

    // The networks, by name: a variable of type map(string), read as a typed map.
    Variable networks_var(
        stack, "networks",
        {.type = "map(string)",
         .default_ = Value::Object{{"blue", "10.1.0.0/16"}, {"green", "10.2.0.0/16"}},
         .description = "CIDR block of each network, by name"});
    auto networks = networks_var.value().as<std::map<std::string, std::string>>();

    // A for expression: {for k, v in var.networks : k => cidrsubnet(v, 8, 1)}.
    Local subnet_cidrs(stack, "subnet_cidrs",
                       for_map(networks, [](const StringExpr&, const StringExpr& cidr) {
                         return fn::cidrsubnet(cidr, 8, 1);
                       }));

    // The local module, used twice: once on its own, once per network with for_each.
    Module shared(
        stack, "shared",
        {.source = ModuleSource::local(modules / "network"),
         .inputs = {
             {"name", "shared"}, {"cidr_block", "10.0.0.0/16"}, {"subnet_cidr", "10.0.1.0/24"}}});
    auto network_of = Iterator<std::string>::map(networks);
    Module network(
        stack, "network",
        {.source = ModuleSource::local(modules / "network"),
         .inputs = {{"name", network_of.key()},
                    {"cidr_block", network_of.value()},
                    {"subnet_cidr",
                     subnet_cidrs.as<std::map<std::string, std::string>>()[network_of.key()]},
                    {"tags", Value::Object{{"network", network_of.key()}}}},
         .providers = {{"aws", aws}},
         .for_each = network_of});

    // Module outputs flow into other resources, typed: module.network[each.key].vpc_id.
    aws::SecurityGroup web(
        stack, "web",
        {.description = "Web tier of one network",
         .name = "web-" + network_of.key(),
         .vpc_id = network.instance_output<StringExpr>(network_of.key(), "vpc_id")},
        {.for_each = network_of});
    aws::SecurityGroup shared_web(stack, "shared_web",
                                  {.description = "Web tier of the shared network",
                                   .name = "shared-web",
                                   .vpc_id = shared.output<StringExpr>("vpc_id")});

    // A dynamic block over a map literal: one lifecycle rule per prefix, expiring after its days.
    aws::S3Bucket logs(
        stack, "logs", {.bucket = "edustack-modules-example-logs", .force_destroy = true},
        {.lifecycle =
             Lifecycle{.precondition = {
                           {.condition = fn::call<bool>(
                                "alltrue", {for_list(networks,
                                                     [](const StringExpr&, const StringExpr& cidr) {
                                                       return fn::call<bool>(
                                                           "can", {fn::cidrsubnet(cidr, 8, 1)});
                                                     })}),
                            .error_message = "every network needs a valid CIDR block"}}}});
    aws::S3BucketLifecycleConfiguration expiry(stack, "expiry", {.bucket = logs.id()});
    auto rule = Iterator<double>::map({{"logs", 30}, {"tmp", 7}}).named("rule");
    add_dynamic_block(expiry, &aws::S3BucketLifecycleConfigurationConfig::rule, rule,
                      [](const Iterator<double>& r) -> aws::S3BucketLifecycleConfigurationRule {
                        return {.expiration = {{.days = r.value()}},
                                .filter = {{.prefix = r.key() + "/"}},
                                .id = r.key(),
                                .status = "Enabled"};
                      });

    // Nested dynamic blocks: per prefix, the days after which objects move to Glacier, one
    // transition block per entry of the prefix's list.
    aws::S3Bucket archive(stack, "archive",
                          {.bucket = "edustack-modules-example-archive", .force_destroy = true});
    aws::S3BucketLifecycleConfiguration tiers(stack, "tiers", {.bucket = archive.id()});
    auto prefix =
        Iterator<std::vector<double>>::map({{"reports", {30, 90}}, {"exports", {7}}}).named("rule");
    auto step = Iterator<double>::list(prefix.value()).named("step");
    add_dynamic_block(
        tiers, &aws::S3BucketLifecycleConfigurationConfig::rule, prefix,
        [](const Iterator<std::vector<double>>& r) -> aws::S3BucketLifecycleConfigurationRule {
          return {.filter = {{.prefix = r.key() + "/"}}, .id = r.key(), .status = "Enabled"};
        },
        nested_dynamic_block(
            &aws::S3BucketLifecycleConfigurationRule::transition, step,
            [](const Iterator<double>& t) -> aws::S3BucketLifecycleConfigurationRuleTransition {
              return {.days = t.value(), .storage_class = "GLACIER"};
            }));

    // count with a typed index, and terraform_data (no provider).
    Count replicas(2);
    TerraformData replica(stack, "replica", {.input = "replica-" + fn::tostring(replicas.index())},
                          {.count = replicas});
    TerraformData vpc_ids(stack, "vpc_ids",
                          {.input = for_map(network.all().as<std::map<std::string, Value>>(),
                                            [](const StringExpr&, const Expr<Value>& instance) {
                                              return instance.attr("vpc_id").as<std::string>();
                                            })});

    // A write-only argument fed by an ephemeral value: the password never reaches the state.
    EphemeralResource password(stack, "db_password", "random_password",
                               {{"length", 24}, {"special", false}});
    aws::SecretsmanagerSecret secret(stack, "db",
                                     {.name = "modules-example-db", .recovery_window_in_days = 0});
    aws::SecretsmanagerSecretVersion secret_version(
        stack, "db_version",
        {.secret_id = secret.id(),
         .secret_string_wo = password.attribute_as<std::string>("result"),
         .secret_string_wo_version = 1});

    // A check block: warns (without failing) when the assertion does not hold.
    Check shared_network(
        stack, "shared_network",
        {.assertions = {{.condition = fn::call<bool>("can", {shared.output("vpc_id")}),
                         .error_message = "the shared network has no VPC"}}});

    Output ids(stack, "network_vpc_ids", {.value = vpc_ids.output()});

    auto result = app.synth(out);
    for (const auto& artifact : result.stacks) {
      std::cout << out.string() << "/" << artifact.file << "\n";
    }
  } catch (const Error& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
