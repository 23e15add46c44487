// Fuzzes the command line: edustack::cli::run on an app with a tiny stack, argv taken from the
// input (one argument a line). It must never crash, hang or throw: only return exit codes.
//
// Safety: the target runs in a temporary directory of its own, with PATH pointing nowhere (no
// terraform, no other program can start) and stdin on /dev/null. Arguments are kept inside that
// directory: "/" becomes "_" and ".." becomes "__", so no --out, --output or schema path can
// name anything outside it.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>
#include <filesystem>
#include <string>
#include <vector>

using namespace edustack;

namespace {

class TinyStack : public Stack {
 public:
  TinyStack(App& app, std::string_view id, const std::string& env) : Stack(app, id) {
    make<Provider>("aws", ProviderConfig{.name = "aws", .source = "hashicorp/aws"});
    auto& name = make<Variable>("name", VariableConfig{.type = "string", .default_ = "tiny"});
    auto& bucket = make<GenericResource>("bucket", "aws_s3_bucket",
                                         Value::Object{{"bucket", name.as_string() + "-" + env},
                                                       {"tags", Value::Object{{"env", env}}}});
    make<Output>("arn", OutputConfig{.value = bucket.attribute("arn")});
  }
};

void build(App& app, const cli::Options& options) {
  cli::make_stack<TinyStack>(app, "tiny", options.environment);
  cli::make_stack<TinyStack>(app, "other", options.environment);
}

std::string keep_inside(std::string arg) {
  for (char& c : arg) {
    if (c == '/') c = '_';
  }
  for (std::size_t at = arg.find(".."); at != std::string::npos; at = arg.find("..", at)) {
    arg.replace(at, 2, "__");
  }
  return arg;
}

std::string& work_directory() {
  static std::string dir;
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir[] = "/tmp/edustack-fuzz-cli-XXXXXX";
  if (::mkdtemp(dir) == nullptr || ::chdir(dir) != 0) std::abort();
  work_directory() = dir;
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(work_directory(), ignored);
  });
  ::setenv("PATH", "/nonexistent-edustack-fuzz", 1);
  for (const char* name : {"EDUSTACK_TERRAFORM", "EDUSTACK_PROVIDER_SCHEMA", "ENVIRONMENT_SUFFIX",
                           "TF_CLI_CONFIG_FILE"}) {
    ::unsetenv(name);
  }
  ::setenv("NO_COLOR", "1", 1);
  const int null = ::open("/dev/null", O_RDONLY);
  if (null < 0 || ::dup2(null, 0) < 0) std::abort();
  ::close(null);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args{"edustack"};
  std::string current;
  for (std::size_t i = 0; i < size && args.size() < 24; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\n') {
      args.push_back(keep_inside(std::move(current)));
      current.clear();
    } else if (c != '\0') {
      current += c;
    }
  }
  if (!current.empty() && args.size() < 24) args.push_back(keep_inside(std::move(current)));
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int code = cli::run(build, static_cast<int>(args.size()), argv.data());
  // run() documents its codes: 0-4, or terraform's own (no terraform can start here).
  if (code < 0 || code > 4) {
    std::fprintf(stderr, "cli fuzz: unexpected exit code %d\n", code);
    std::abort();
  }
  return 0;
}
