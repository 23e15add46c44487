// The edustack CLI over two small stacks for the `check` command tests: "records" opts in to the
// FERPA pack with one unsuppressed error when built with --env bad, "scratch" does not opt in.
#include <edustack/cli.hpp>
#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>

using namespace edustack;

namespace {

Value tags() {
  return Value::List{
      Value::Object{{"tags", Value::Object{{"DataClassification", "ferpa-confidential"},
                                           {"Environment", "test"}}}}};
}

class RecordsStack : public Stack {
 public:
  RecordsStack(App& app, std::string_view id, const std::string& env) : Stack(app, id) {
    compliance::enable(*this);
    make<Provider>(
        "aws", ProviderConfig{.name = "aws", .arguments = Value::Object{{"default_tags", tags()}}});
    auto& vpc =
        make<GenericResource>("vpc", "aws_vpc", Value::Object{{"cidr_block", "10.0.0.0/16"}});
    make<GenericResource>("default_sg", "aws_default_security_group",
                          Value::Object{{"vpc_id", vpc.attribute("id")}});
    if (env != "bad") {
      make<GenericResource>(
          "flow", "aws_flow_log",
          Value::Object{{"vpc_id", vpc.attribute("id")}, {"traffic_type", "ALL"}});
    }
    auto& key =
        make<GenericResource>("key", "aws_kms_key", Value::Object{{"enable_key_rotation", true}});
    auto& queue = make<GenericResource>("queue", "aws_sqs_queue",
                                        Value::Object{{"kms_master_key_id", key.attribute("arn")}});
    (void)queue;
    make<GenericResource>(
        "stage", "aws_api_gateway_stage",
        Value::Object{
            {"stage_name", "v1"},
            {"access_log_settings", Value::List{Value::Object{{"destination_arn", "arn:x"}}}}});
    compliance::suppress(node().find("stage"), "FERPA-API-002",
                         "tracing is sampled by the gateway account instead");
  }
};

class ScratchStack : public Stack {
 public:
  ScratchStack(App& app, std::string_view id) : Stack(app, id) {
    make<GenericResource>("bucket", "aws_s3_bucket");
    // A type the provider schema of the bindings does not have: FERPA-TAG-001 skips it unless a
    // schema given with --provider-schema knows it.
    make<GenericResource>("future", "aws_made_up_service_thing");
  }
};

}  // namespace

int main(int argc, char** argv) {
  return cli::run(
      [](App& app, const cli::Options& options) {
        cli::make_stack<RecordsStack>(app, "records", options.environment);
        cli::make_stack<ScratchStack>(app, "scratch");
      },
      argc, argv);
}
