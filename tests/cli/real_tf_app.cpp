// The CLI program of the real-terraform tests (cli_real_terraform_test.cpp): the whole edustack
// CLI with
//   assessment  the assessment stack exactly as `edustack` builds it, except for its backend: a
//               local one (the S3 state bucket is not reachable offline)
//   guarded     a small stack with a local backend whose shape a test changes between runs:
//                 REALTF_DROP_DB=1      the database is gone from the configuration (a real plan
//                                       deletes it: the destroy guard)
//                 REALTF_RENAME=1       the bucket's construct is renamed storage/bucket ->
//                                       files/bucket, with moved_from_path (a move, no destroy)
//                 REALTF_IMPORT=ID      an `import_from(ID)` bucket is added (a real import)
//                 REALTF_MISSPELL=1     the bucket has an argument its type does not have
//                                       ("bucket_prefixx": terraform validate reports it)
// The stacks never read these variables themselves: this program does, before building them.
#include <cstdlib>
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>
#include <edustack/stacks/assessment.hpp>
#include <string>

using namespace edustack;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

struct GuardedShape {
  bool drop_database = false;
  bool rename_bucket = false;
  std::string import_id;
  bool misspell = false;
};

class GuardedStack : public Stack {
 public:
  GuardedStack(App& app, std::string_view id, const std::string& environment,
               const GuardedShape& shape)
      : Stack(app, id) {
    make<LocalBackend>("backend");
    make<Provider>("aws", ProviderConfig{.name = "aws",
                                         .source = "hashicorp/aws",
                                         .version = "~> 6.0",
                                         .arguments = Value::Object{{"region", "eu-west-2"}}});
    auto& key = make<GenericResource>(
        "key", "aws_kms_key",
        Value::Object{{"description", "guarded-" + environment}, {"enable_key_rotation", true}});
    auto& holder = make<Construct>(shape.rename_bucket ? "files" : "storage");
    Value::Object bucket_arguments{{"bucket", "guarded-" + environment + "-files"}};
    if (shape.misspell) bucket_arguments.emplace("bucket_prefixx", "guarded-");
    auto& bucket = holder.make<GenericResource>("bucket", "aws_s3_bucket", bucket_arguments);
    if (shape.rename_bucket) bucket.moved_from_path("storage/bucket");
    if (!shape.drop_database) {
      make<GenericResource>("db", "aws_db_instance",
                            Value::Object{{"identifier", "guarded-" + environment},
                                          {"engine", "postgres"},
                                          {"instance_class", "db.t4g.micro"},
                                          {"allocated_storage", 20},
                                          {"username", "guarded"},
                                          {"manage_master_user_password", true},
                                          {"storage_encrypted", true},
                                          {"kms_key_id", key.attribute("arn")}});
    }
    if (!shape.import_id.empty()) {
      auto& archive = make<GenericResource>("archive", "aws_s3_bucket",
                                            Value::Object{{"bucket", shape.import_id}});
      archive.import_from(shape.import_id);
    }
    make<Output>("bucket", OutputConfig{.value = bucket.attribute("bucket")});
    make<Output>("key_arn", OutputConfig{.value = key.attribute("arn")});
  }
};

void build(App& app, const cli::Options& options) {
  auto& assessment = app.make<stacks::AssessmentStack>(
      "assessment", stacks::AssessmentConfig{.environment = options.environment});
  assessment.add_override("terraform.backend", Value::Object{{"local", Value::Object{}}});
  cli::make_stack<GuardedStack>(app, "guarded", options.environment,
                                GuardedShape{.drop_database = env("REALTF_DROP_DB") == "1",
                                             .rename_bucket = env("REALTF_RENAME") == "1",
                                             .import_id = env("REALTF_IMPORT"),
                                             .misspell = env("REALTF_MISSPELL") == "1"});
}

}  // namespace

int main(int argc, char** argv) { return cli::run(build, argc, argv); }
