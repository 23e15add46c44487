#include "edustack/core/app.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "cross_stack.hpp"
#include "edustack/core/manifest.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"
#include "json_writer.hpp"
#include "output_dir.hpp"

namespace edustack::inline core {

App::App(std::string_view id) : Construct(id) {}

std::vector<Stack*> App::stacks() const {
  std::vector<Stack*> out;
  for (Construct* child : node().children()) {
    if (auto* stack = dynamic_cast<Stack*>(child)) out.push_back(stack);
  }
  return out;
}

Stack* App::try_find_stack(std::string_view id) const {
  return dynamic_cast<Stack*>(node().try_find_child(id));
}

SynthResult App::synth_in_memory(const SynthOptions& options) {
  return synthesize_stacks(options, nullptr);
}

SynthResult App::synthesize_stacks(
    const SynthOptions& options,
    std::vector<std::unique_ptr<detail::JsonDocumentStream>>* documents) {
  std::vector<Stack*> selected;
  if (options.stacks.empty()) {
    selected = stacks();
  } else {
    for (const auto& name : options.stacks) {
      Stack* stack = try_find_stack(name);
      if (!stack) {
        std::string known;
        for (Stack* s : stacks()) known += (known.empty() ? "" : ", ") + s->node().id();
        throw Error("synth.unknown_stack",
                    "no stack named \"" + name + "\" (stacks: " + known + ")");
      }
      selected.push_back(stack);
    }
  }

  apply_aspects(*this);
  // Aspects may add constructs; from here on nothing may (constructs' lock() during synthesis).
  struct Relock {
    Node& root;
    bool was_locked;
    ~Relock() { root.locked_ = was_locked; }
  } relock{node(), node().locked_};
  node().locked_ = true;

  SynthResult result;
  std::vector<Diagnostic> problems;
  for (Construct* construct : node().find_all()) {
    std::string site;
    if (options.source_locations && !construct->node().creation_site().empty()) {
      site = " (created at " + construct->node().creation_site() + ")";
    }
    for (auto& message : construct->node().validate()) {
      problems.push_back({construct->node().path(), std::move(message) + site, "validation"});
    }
    for (const auto& annotation : construct->node().annotations()) {
      if (annotation.level == Annotation::Level::error) {
        problems.push_back({annotation.path, annotation.message + site, "annotation"});
      } else {
        result.annotations.push_back(annotation);
      }
    }
  }
  // A stack with checks is synthesized element by element once, here: its checks read the
  // bodies, Stack::synthesize below places them.
  std::vector<SynthesizedElements> synthesized(selected.size());
  for (std::size_t index = 0; index < selected.size(); ++index) {
    Stack* stack = selected[index];
    if (stack->checks().empty()) continue;
    SynthesizedElements& own = synthesized[index];
    own.elements = stack->elements();
    own.fragments.reserve(own.elements.size());
    for (const Element* element : own.elements) own.fragments.push_back(element->synthesize());
    for (const auto& check : stack->checks()) {
      for (auto& finding : check->check_synthesized(*stack, own)) {
        if (finding.level == Annotation::Level::error) {
          problems.push_back({finding.path, finding.message, finding.rule});
        } else {
          result.annotations.push_back(std::move(finding));
        }
      }
    }
  }
  // References between stacks are resolved over all stacks, selected or not: an upstream
  // stack publishes the outputs its downstream stacks read.
  detail::CrossStackLinks links;
  bool linked = true;
  try {
    links = detail::CrossStackLinks::build(stacks());
  } catch (const SynthError& error) {
    linked = false;
    problems.insert(problems.end(), error.problems().begin(), error.problems().end());
  }
  for (std::size_t index = 0; linked && index < selected.size(); ++index) {
    Stack* stack = selected[index];
    try {
      std::unique_ptr<detail::JsonDocumentStream> document;
      result.stacks.push_back(
          stack->synthesize(options, links, stack->checks().empty() ? nullptr : &synthesized[index],
                            documents ? &document : nullptr));
      if (documents) documents->push_back(std::move(document));
    } catch (const SynthError& error) {
      problems.insert(problems.end(), error.problems().begin(), error.problems().end());
    }
  }
  if (!problems.empty()) throw SynthError(std::move(problems));
  return result;
}

namespace {

Value annotation_json(const Annotation& annotation) {
  Value entry = Value::Object{{"level", to_string(annotation.level)},
                              {"path", annotation.path},
                              {"message", annotation.message}};
  if (!annotation.rule.empty()) entry["rule"] = annotation.rule;
  return entry;
}

// The stack graph: what a stack must follow and what it publishes for the others.
void add_stack_links(Value& entry, const StackArtifact& artifact) {
  Value::List dependencies;
  for (const auto& name : artifact.dependencies) dependencies.emplace_back(name);
  Value outputs = Value::Object{};
  for (const auto& output : artifact.outputs) {
    outputs[output.name] = Value::Object{{"type", output.type}, {"sensitive", output.sensitive}};
  }
  entry["dependencies"] = std::move(dependencies);
  entry["outputs"] = std::move(outputs);
}

std::string manifest(const SynthResult& result) {
  Value stacks = Value::Object{};
  for (const auto& artifact : result.stacks) {
    Value::List annotations;
    for (const auto& annotation : result.annotations) {
      const auto& prefix = artifact.construct_path;
      if (annotation.path == prefix || annotation.path.rfind(prefix + "/", 0) == 0) {
        annotations.push_back(annotation_json(annotation));
      }
    }
    stacks[artifact.name] =
        Value::Object{{"construct_path", artifact.construct_path},
                      {"synthesized_stack_path", artifact.file},
                      {"working_directory", layout::stack_directory(artifact.name)},
                      {"resource_count", static_cast<std::int64_t>(artifact.resource_count)},
                      {"annotations", std::move(annotations)}};
    add_stack_links(stacks[artifact.name], artifact);
  }
  Value::List all;
  for (const auto& annotation : result.annotations) all.push_back(annotation_json(annotation));
  Value document = Value::Object{{"version", "1"}, {"stacks", stacks}, {"annotations", all}};
  return write_json(document);
}

}  // namespace

SynthResult App::synth(std::string_view outdir_text, const SynthOptions& options) {
  const std::filesystem::path outdir(outdir_text);
  std::vector<std::unique_ptr<detail::JsonDocumentStream>> documents;
  SynthResult result = synthesize_stacks(options, options.keep_json ? nullptr : &documents);
  documents.resize(result.stacks.size());
  std::vector<OutputFile> files;
  std::vector<std::string> stack_directories;
  files.push_back({std::string(layout::manifest_file), manifest(result), {}});
  // Each stack's JSON is moved to the file list and back once written, never copied: at 100k
  // resources a copy is 35 MB of peak memory (bench/README.md). Without keep_json a streamed
  // document is not even assembled: its text goes from its pieces into the file in chunks.
  std::vector<std::size_t> json_file(result.stacks.size());
  std::vector<std::size_t> written(result.stacks.size(), 0);
  for (std::size_t i = 0; i < result.stacks.size(); ++i) {
    auto& artifact = result.stacks[i];
    json_file[i] = files.size();
    if (documents[i]) {
      detail::JsonDocumentStream* document = documents[i].get();
      std::size_t* size = &written[i];
      files.push_back({artifact.file, {}, [document, size](const ContentSink& sink) {
                         if (auto total = document->write_text(sink)) *size = *total;
                       }});
    } else {
      files.push_back({artifact.file, std::move(artifact.json), {}});
    }
    for (const auto& asset : artifact.assets) {
      files.push_back({layout::stack_path(artifact.name, asset.path), asset.content, {}});
    }
    stack_directories.push_back(layout::stack_directory(artifact.name));
  }
  OutputReport report =
      write_output_directory(outdir, files, stack_directories, !options.stacks.empty(),
                             std::chrono::milliseconds(options.lock_timeout.count()));
  for (std::size_t i = 0; i < result.stacks.size(); ++i) {
    if (documents[i]) {
      result.stacks[i].json_size = written[i];
      documents[i].reset();  // the pieces and the keys' tree: freed before the caller goes on
    } else {
      result.stacks[i].json = std::move(files[json_file[i]].content);
    }
  }
  for (auto& warning : report.warnings) {
    result.annotations.push_back(
        {Annotation::Level::warning, node().path(), std::move(warning), "output.kept"});
  }
  return result;
}

}  // namespace edustack::inline core
