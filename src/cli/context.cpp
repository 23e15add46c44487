#include "context.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "edustack/error.hpp"

namespace edustack::cli::detail {

namespace {

const char* escape(Style style) {
  switch (style) {
    case Style::bold:
      return "\033[1m";
    case Style::dim:
      return "\033[2m";
    case Style::red:
      return "\033[1;31m";
    case Style::yellow:
      return "\033[33m";
    case Style::green:
      return "\033[32m";
    case Style::cyan:
      return "\033[36m";
    case Style::plain:
      break;
  }
  return "";
}

std::string styled(std::string_view text, Style style, bool enabled) {
  if (!enabled || style == Style::plain) return std::string(text);
  return fmt::format("{}{}\033[0m", escape(style), text);
}

}  // namespace

void Console::configure(std::string_view color_mode, bool quiet) {
  quiet_ = quiet;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    color_out_ = color_err_ = false;
  } else if (color_mode == "always") {
    color_out_ = color_err_ = true;
  } else if (color_mode == "never") {
    color_out_ = color_err_ = false;
  } else {
    color_out_ = ::isatty(STDOUT_FILENO) == 1;
    color_err_ = ::isatty(STDERR_FILENO) == 1;
  }
}

std::string Console::out_style(std::string_view text, Style style) const {
  return styled(text, style, color_out_);
}

std::string Console::err_style(std::string_view text, Style style) const {
  return styled(text, style, color_err_);
}

void Console::error(std::string_view message) const {
  std::fflush(stdout);
  fmt::print(stderr, "{} {}\n", err_style("error:", Style::red), message);
  std::fflush(stderr);
}

void Console::warning(std::string_view message) const {
  if (quiet_) return;
  std::fflush(stdout);
  fmt::print(stderr, "{} {}\n", err_style("warning:", Style::yellow), message);
  std::fflush(stderr);
}

void Console::note(std::string_view message) const {
  if (quiet_) return;
  std::fflush(stdout);
  fmt::print(stderr, "{}\n", err_style(message, Style::dim));
  std::fflush(stderr);
}

void Console::info(std::string_view line) const {
  if (quiet_) return;
  fmt::print("{}\n", line);
  std::fflush(stdout);
}

void Console::print(std::string_view text) const {
  fmt::print("{}", text);
  std::fflush(stdout);
}

void fail(const Console& console, int code, std::string_view message) {
  console.error(message);
  throw Exit{code};
}

std::vector<Stack*> selected_stacks(Context& context) {
  std::vector<Stack*> all = context.app->stacks();
  if (all.empty()) fail(context.console, exit_failure, "the app has no stacks");
  if (context.options.stacks.empty()) return all;
  std::vector<Stack*> out;
  for (const auto& name : context.options.stacks) {
    Stack* stack = context.app->try_find_stack(name);
    if (stack == nullptr) {
      std::string known;
      for (Stack* s : all) known += (known.empty() ? "" : ", ") + s->node().id();
      fail(context.console, exit_usage,
           fmt::format("no stack named \"{}\" (stacks: {})", name, known));
    }
    out.push_back(stack);
  }
  return out;
}

Stack& single_stack(Context& context) {
  if (context.options.stacks.size() > 1) {
    fail(
        context.console, exit_usage,
        fmt::format("{} works on one stack at a time: give --stack once", context.options.command));
  }
  std::vector<Stack*> stacks = selected_stacks(context);
  if (stacks.size() > 1) {
    std::string known;
    for (Stack* s : stacks) known += (known.empty() ? "" : ", ") + s->node().id();
    fail(context.console, exit_usage,
         fmt::format("the app has several stacks: choose one with --stack ({})", known));
  }
  return *stacks.front();
}

void print_annotation(const Console& console, const Annotation& annotation) {
  // "[path] RULE-ID message", the same shape as the lines of a SynthError.
  std::string text =
      annotation.rule.empty()
          ? fmt::format("[{}] {}", annotation.path, annotation.message)
          : fmt::format("[{}] {} {}", annotation.path, annotation.rule, annotation.message);
  switch (annotation.level) {
    case Annotation::Level::error:
      console.error(text);
      break;
    case Annotation::Level::warning:
      console.warning(text);
      break;
    case Annotation::Level::info:
      spdlog::info("{}", text);
      break;
  }
}

SynthResult synthesize(Context& context, const SynthOptions& options, bool write) {
  try {
    SynthResult result = write ? context.app->synth(context.options.outdir, options)
                               : context.app->synth_in_memory(options);
    for (const auto& annotation : result.annotations) {
      // With --stack, only the annotations of the stacks synthesized (and of the app itself).
      bool shown = options.stacks.empty() || annotation.path.find('/') == std::string::npos;
      for (const auto& artifact : result.stacks) {
        const std::string& prefix = artifact.construct_path;
        shown = shown || annotation.path == prefix || annotation.path.rfind(prefix + "/", 0) == 0;
      }
      if (shown) print_annotation(context.console, annotation);
    }
    return result;
  } catch (const SynthError& error) {
    for (const auto& problem : error.problems()) {
      Diagnostic shown = problem;
      if (shown.rule == "annotation" || shown.rule == "validation") shown.rule.clear();
      context.console.error(shown.to_string());
    }
    std::size_t count = error.problems().size();
    fail(context.console, exit_failure,
         fmt::format("synthesis failed with {} error{}{}", count, count == 1 ? "" : "s",
                     write ? "; nothing was written" : ""));
  } catch (const IoError& error) {
    fail(context.console, exit_failure, error.what());
  }
}

}  // namespace edustack::cli::detail
