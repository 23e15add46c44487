#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <edustack/schema/provider_schema.hpp>
#include <filesystem>
#include <memory>
#include <string>

// The shared AWS provider schema (../shared/schemas beside the checkout, or the file named by
// EDUSTACK_AWS_SCHEMA), loaded once for the whole test program.
inline std::string aws_schema_path() {
  if (const char* env = std::getenv("EDUSTACK_AWS_SCHEMA"); env != nullptr && *env != '\0') {
    return env;
  }
  return EDUSTACK_AWS_SCHEMA_PATH;
}

inline const edustack::schema::ProviderSchema* aws_schema() {
  static const std::unique_ptr<edustack::schema::ProviderSchema> schema =
      []() -> std::unique_ptr<edustack::schema::ProviderSchema> {
    if (!std::filesystem::exists(aws_schema_path())) return nullptr;
    return std::make_unique<edustack::schema::ProviderSchema>(
        edustack::schema::ProviderSchema::load(aws_schema_path()));
  }();
  return schema.get();
}

// Skips the current test when the shared schema is not there (a fresh clone without ../shared).
#define EDUSTACK_REQUIRE_AWS_SCHEMA()                                              \
  if (aws_schema() == nullptr)                                                     \
  GTEST_SKIP() << "the shared AWS provider schema is not at " << aws_schema_path() \
               << "; put it there (../shared/schemas beside the checkout) or set " \
                  "EDUSTACK_AWS_SCHEMA to a `terraform providers schema -json` output"
