// The app of the multi-stack benchmark (bench/multi_stack.sh): BENCH_STACKS stacks (default 50)
// of BENCH_RESOURCES resources each (default 20), local backends. Stack i >= 5 reads an
// attribute of stack i - 5, so the stacks form waves of five (50 stacks: ten waves) and every
// downstream stack has one terraform_remote_state and its upstream one generated output.
#include <cstdlib>
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>
#include <string>
#include <vector>

using namespace edustack;

namespace {

int from_env(const char* name, int fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::atoi(text) : fallback;
}

void build(App& app, const cli::Options&) {
  const int stacks = from_env("BENCH_STACKS", 50);
  const int resources = from_env("BENCH_RESOURCES", 20);
  std::vector<GenericResource*> first;
  for (int i = 0; i < stacks; ++i) {
    std::string id = "s" + std::to_string(100 + i).substr(1);
    Stack& stack = cli::make_stack<Stack>(app, id);
    stack.make<LocalBackend>("state");
    for (int r = 0; r < resources; ++r) {
      Value::Object tags{{"Stack", id}, {"Index", std::to_string(r)}};
      if (r == 0 && i >= 5) tags.emplace("Upstream", first[i - 5]->attribute("id"));
      Value::Object body{{"bucket", id + "-bucket-" + std::to_string(r)}, {"tags", tags}};
      auto& resource =
          stack.make<GenericResource>("bucket" + std::to_string(r), "aws_s3_bucket", body);
      if (r == 0) first.push_back(&resource);
    }
  }
}

}  // namespace

int main(int argc, char** argv) { return cli::run(build, argc, argv); }
