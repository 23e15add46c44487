#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace edustack {

// Every error edustack throws derives from this. id() is stable across releases
// (for example "construct.duplicate_id") so callers and tests can match on it.
class Error : public std::runtime_error {
 public:
  Error(std::string id, const std::string& message);
  const std::string& id() const noexcept { return id_; }

 private:
  std::string id_;
};

// A problem attached to a construct path: "[app/stack/vpc] message".
struct Diagnostic {
  std::string path;
  std::string message;
  std::string rule;  // empty, or the id of the rule or check that produced it

  std::string to_string() const;
};

// Tree misuse: an invalid or duplicate construct id, a path that does not exist.
class ConstructError : public Error {
 public:
  using Error::Error;
  static ConstructError invalid_id(const std::string& path, const std::string& why);
  static ConstructError duplicate_id(const std::string& scope_path, const std::string& id);
  static ConstructError not_found(const std::string& scope_path, const std::string& path);
};

// A construct was given configuration it cannot accept. Names the construct path and field.
class ConfigError : public Error {
 public:
  ConfigError(const std::string& path, const std::string& field, const std::string& message);
  const std::string& path() const noexcept { return path_; }
  const std::string& field() const noexcept { return field_; }

 private:
  std::string path_;
  std::string field_;
};

// Synthesis found problems (annotation errors, failed validations, id collisions, cross-stack
// references). Lists every one of them, not only the first.
class SynthError : public Error {
 public:
  explicit SynthError(std::vector<Diagnostic> problems);
  const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

 private:
  std::vector<Diagnostic> problems_;
};

// Reading or writing files failed.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace edustack
