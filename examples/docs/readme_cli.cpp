// The CLI sample of README.md, verbatim below this comment (tests/docs_check.cmake); CTest
// docs.readme.cli runs its synth command and checks what it writes.
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>

class MyStack : public edustack::Stack {
 public:
  MyStack(edustack::App& app, std::string_view id, const std::string& environment)
      : Stack(app, id) {
    make<edustack::GenericResource>("queue", "aws_sqs_queue",
                                    edustack::Value::Object{{"name", "orders-" + environment}});
  }
};

void build(edustack::App& app, const edustack::cli::Options& options) {
  // options.environment: --env, $ENVIRONMENT_SUFFIX, "dev"
  edustack::cli::make_stack<MyStack>(app, "main", options.environment);
}
int main(int argc, char** argv) { return edustack::cli::run(build, argc, argv); }
