#include "edustack/cli.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <memory>

#include "command.hpp"
#include "context.hpp"
#include "edustack/error.hpp"
#include "edustack/version.hpp"

namespace edustack::cli {

namespace {

// What make_stack created, in creation order.
std::vector<std::shared_ptr<void>>& kept_alive() {
  static std::vector<std::shared_ptr<void>> objects;
  return objects;
}

// Destroys, newest first, what make_stack created since it was constructed.
class KeptAlive {
 public:
  KeptAlive() : size_(kept_alive().size()) {}
  ~KeptAlive() {
    auto& objects = kept_alive();
    while (objects.size() > size_) objects.pop_back();
  }
  KeptAlive(const KeptAlive&) = delete;
  KeptAlive& operator=(const KeptAlive&) = delete;

  // Moves what make_stack created since construction to `into` (creation order).
  void release(std::vector<std::shared_ptr<void>>& into) {
    auto& objects = kept_alive();
    for (std::size_t i = size_; i < objects.size(); ++i) into.push_back(std::move(objects[i]));
    objects.resize(size_);
  }

 private:
  std::size_t size_;
};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

// run_main's tree, kept past the command: freed by the next run_main, else never (the
// process's exit reclaims it). Heap-allocated holders behind static pointers, never destroyed,
// so that a leak checker finds them reachable and nothing is freed at exit.
struct KeptTree {
  std::vector<std::shared_ptr<void>> stacks;
  std::unique_ptr<App> app;
};
KeptTree* kept_tree = nullptr;

void keep_tree(std::unique_ptr<App> app, KeptAlive& stacks) {
  if (kept_tree) {
    while (!kept_tree->stacks.empty()) kept_tree->stacks.pop_back();  // newest first
    kept_tree->app.reset();
  } else {
    kept_tree = new KeptTree;
  }
  stacks.release(kept_tree->stacks);
  kept_tree->app = std::move(app);
}

using detail::Context;

constexpr const char* exit_codes_help = R"(Exit codes:
  0    success
  1    synthesis errors, validation findings, I/O errors (also terraform's own exit code 1)
  2    usage: bad flags or arguments, unknown stack, no provider schema
  3    the terraform binary was not found (--terraform, EDUSTACK_TERRAFORM, PATH)
  4    apply/destroy refused: it deletes or replaces stateful resources without
       --allow-destroy, or it was not confirmed (type yes, or --auto-approve)
  124  a terraform step ran longer than --timeout (it was stopped: SIGINT, SIGTERM, SIGKILL)
  N    any other code is terraform's own; 128+N when signal N ended it

Environment:
  ENVIRONMENT_SUFFIX        the default of --env
  EDUSTACK_TERRAFORM        the terraform (or OpenTofu) binary, default: terraform on PATH
  EDUSTACK_PROVIDER_SCHEMA  the default of validate --provider-schema
  NO_COLOR                  when set and non-empty, no colour)";

void configure_logging(const std::string& level, bool quiet, bool color) {
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(
      color ? spdlog::color_mode::always : spdlog::color_mode::never);
  auto logger = std::make_shared<spdlog::logger>("edustack", sink);
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(quiet ? spdlog::level::err : spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

// The first positional argument when it names no subcommand ("" otherwise).
std::string unknown_command(const std::vector<detail::Command>& commands, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--log-level" || arg == "--color") {
      ++i;
      continue;
    }
    if (arg.empty() || arg.front() == '-') continue;
    for (const auto& command : commands) {
      if (command.subcommand->get_name() == arg) return "";
    }
    return std::string(arg);
  }
  return "";
}

int run_cli(App* prebuilt, const BuildFunction& build, int argc, char** argv, bool keep = false) {
  Context context;
  std::string program = argc > 0 && argv[0] != nullptr
                            ? std::filesystem::path(argv[0]).filename().string()
                            : std::string("edustack");
  context.program = program;
  CLI::App root("Synthesizes Terraform JSON from C++ stacks and drives terraform with it.",
                program);
  root.fallthrough();  // global options are accepted after the subcommand too
  root.set_version_flag("--version", std::string("edustack ") + EDUSTACK_VERSION_STRING);
  std::string log_level = "warn";
  std::string color = "auto";
  bool quiet = false;
  root.add_option("--log-level", log_level, "Log detail on stderr")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  root.add_flag("--quiet,-q", quiet, "Only errors and the data asked for");
  root.add_option("--color", color, "Colour: auto (only on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  root.require_subcommand(1);
  root.footer(exit_codes_help);

  std::vector<detail::Command> commands = detail::add_commands(root, context);

  try {
    root.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return root.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    context.console.configure(color, false);
    std::string unknown = unknown_command(commands, argc, argv);
    if (!unknown.empty()) {
      std::string known;
      for (const auto& command : commands) {
        known += (known.empty() ? "" : ", ") + command.subcommand->get_name();
      }
      context.console.error(fmt::format("unknown command \"{}\" (commands: {})", unknown, known));
    } else {
      context.console.error(e.what());
    }
    fmt::print(stderr, "Run '{} --help' for usage.\n", program);
    return exit_usage;
  }

  context.console.configure(color, quiet);
  configure_logging(log_level, quiet, context.console.color_stderr());

  CLI::App* selected = root.get_subcommands().front();
  context.options.command = selected->get_name();
  if (!context.environment_given) {
    if (const char* suffix = std::getenv("ENVIRONMENT_SUFFIX"); suffix != nullptr && *suffix) {
      context.options.environment = suffix;
    }
  }

  try {
    std::unique_ptr<App> owned;
    KeptAlive stacks;  // declared after the app: its stacks go first
    if (prebuilt != nullptr) {
      context.app = prebuilt;
      if (context.environment_given) {
        context.console.warning(
            "--env has no effect: this program built its app before reading the command line");
      }
    } else {
      owned = std::make_unique<App>();
      context.app = owned.get();
      spdlog::debug("building the app for environment \"{}\"", context.options.environment);
      if (build) build(*owned, context.options);
    }
    for (auto& command : commands) {
      if (command.subcommand != selected) continue;
      const int code = command.run(context);
      if (keep && !sanitized && owned) keep_tree(std::move(owned), stacks);
      return code;
    }
    context.console.error("unknown command " + context.options.command);
    return exit_usage;
  } catch (const detail::Exit& exit) {
    return exit.code;
  } catch (const Error& error) {
    context.console.error(error.what());
    return exit_failure;
  } catch (const std::exception& error) {
    context.console.error(error.what());
    return exit_failure;
  }
}

}  // namespace

void detail::keep_alive(std::shared_ptr<void> object) { kept_alive().push_back(std::move(object)); }

int run(BuildFunction build, int argc, char** argv) { return run_cli(nullptr, build, argc, argv); }

int run(App& app, int argc, char** argv) { return run_cli(&app, nullptr, argc, argv); }

int run_main(BuildFunction build, int argc, char** argv) {
  return run_cli(nullptr, build, argc, argv, true);
}

}  // namespace edustack::cli
