#pragma once

// The catalog of error ids, beside the classes that carry them (edustack/error.hpp,
// edustack/schema/provider_schema.hpp for SchemaError).

#include <string_view>

namespace edustack {

// The catalog of error ids: every id edustack throws, the class it is thrown as and what it
// means (docs/errors.md is this table; tests/core/error_catalog_test.cpp checks that every id
// thrown in the sources is here and every id here is thrown). Ids never change meaning.
struct ErrorId {
  std::string_view id;
  std::string_view thrown_as;
  std::string_view meaning;
};

inline constexpr ErrorId error_catalog[] = {
    {"construct.invalid_id", "ConstructError",
     "a construct id is empty, or holds '/' or characters outside the allowed set"},
    {"construct.duplicate_id", "ConstructError",
     "the scope already has a child with this id (the message names the scope)"},
    {"construct.not_found", "ConstructError", "find() was given a path with no construct"},
    {"construct.no_stack", "ConstructError", "an element was created outside any stack"},
    {"construct.locked", "ConstructError",
     "a construct was created in a locked subtree (Node::lock, or during synthesis)"},
    {"config.invalid", "ConfigError",
     "a construct was given configuration it cannot accept (path() and field() say where)"},
    {"synth.failed", "SynthError",
     "synthesis found problems; problems() lists every one with its path and rule id"},
    {"synth.unknown_stack", "Error", "a stack selected for synthesis does not exist"},
    {"value.invalid", "Error",
     "a value JSON cannot carry (NaN, infinity, a string that is not UTF-8)"},
    {"io.write_failed", "IoError",
     "writing the output directory failed (the message names the file)"},
    {"io.read_failed", "IoError", "a file edustack reads (a local module's sources) is unreadable"},
    {"io.invalid_output_path", "IoError",
     "an output file path is absolute, empty or leaves the output directory"},
    {"io.unsafe_output_path", "IoError",
     "a directory on the way to an output file is a symbolic link or not a directory"},
    {"io.output_not_owned", "IoError",
     "the output directory holds files edustack did not write: it refuses to touch it"},
    {"io.output_locked", "IoError",
     "another synthesis holds the output directory's lock past the lock timeout"},
    {"io.journal_corrupt", "IoError", "the output directory's journal cannot be read back"},
    {"io.record_corrupt", "IoError", "the output directory's record.json cannot be read"},
    {"io.scratch", "IoError", "the CLI's scratch directory (plan --local-backend) failed"},
    {"io.workers", "IoError",
     "the CLI could not start or talk to the worker processes of a run of several stacks"},
    {"schema.read_failed", "IoError", "a provider schema file cannot be read"},
    {"schema.malformed", "SchemaError",
     "a provider schema file is not what `terraform providers schema -json` writes"},
    {"schema.duplicate_provider", "SchemaError",
     "two of the schema files loaded as one hold the same provider"},
    {"schema.invalid_configuration", "SchemaError",
     "the configuration given to the validator is not a JSON object"},
    {"compliance.unknown_stack", "Error",
     "a stack selected for the compliance check does not exist"},
};

// The catalog entry of id, or nullptr when id is not in it.
constexpr const ErrorId* find_error_id(std::string_view id) {
  for (const auto& entry : error_catalog) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace edustack
