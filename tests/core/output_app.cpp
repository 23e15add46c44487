// A small program with the whole edustack CLI, for the output directory tests: two versions of
// one app ("A": stacks a, b, c; "B": stacks a, b, d with other content and assets), so that a
// synthesis from one to the other changes, adds and removes files and stacks.
//
//   output_app A synth --quiet --out DIR     output_app B synth --out DIR --stack a
//   output_app recover DIR                   (completes or rolls back a killed write)
#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>
#include <iostream>
#include <string>

#include "output_dir.hpp"

using namespace edustack;

namespace {

class DemoStack : public Stack {
 public:
  DemoStack(App& app, std::string_view id, const std::string& version, int resources)
      : Stack(app, id) {
    for (int i = 0; i < resources; ++i) {
      make<GenericResource>(
          "r" + std::to_string(i), "aws_ssm_parameter",
          Value::Object{{"name", "/" + std::string(id) + "/" + version + "/" + std::to_string(i)},
                        {"type", "String"},
                        {"value", std::string(200, 'v')}});
    }
    // Assets big enough that writing them takes a moment.
    add_asset("assets/code.zip", std::string(256 * 1024, version[0]) + std::string(id));
    if (version == "B") add_asset("assets/extra/data.txt", "only in B " + std::string(id));
  }
};

void build(App& app, const std::string& version) {
  bool a = version == "A";
  cli::make_stack<DemoStack>(app, "a", version, a ? 40 : 60);
  cli::make_stack<DemoStack>(app, "b", version, a ? 30 : 10);
  cli::make_stack<DemoStack>(app, a ? "c" : "d", version, 20);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "recover") {
    try {
      OutputReport report = recover_output_directory(argv[2]);
      for (const auto& warning : report.warnings) std::cerr << "warning: " << warning << "\n";
      std::cout << (report.recovered ? "recovered" : "clean") << "\n";
      return 0;
    } catch (const std::exception& error) {
      std::cerr << "error: " << error.what() << "\n";
      return 1;
    }
  }
  if (argc < 2 || (std::string(argv[1]) != "A" && std::string(argv[1]) != "B")) {
    std::cerr << "usage: output_app A|B <edustack arguments> | output_app recover DIR\n";
    return 2;
  }
  std::string version = argv[1];
  argv[1] = argv[0];
  return cli::run([&](App& app, const cli::Options&) { build(app, version); }, argc - 1, argv + 1);
}
