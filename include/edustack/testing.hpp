#pragma once

// GoogleTest helpers for asserting on synthesized stacks in users' own unit tests:
//
//   auto synth = edustack::testing::synthesize(stack);
//   EXPECT_THAT(synth, HasResourceWithProperties("aws_vpc", {{"cidr_block", "10.0.0.0/16"}}));
//   EXPECT_THAT(synth, HasResourceCount("aws_subnet", 4));
//   EXPECT_EQ(synth.resource_at("network/vpc")["cidr_block"], "10.0.0.0/16");
//
// A failing matcher prints the closest candidates and what differs, not just "false".
// Link edustack::testing (it brings GoogleTest, GoogleMock and nlohmann_json).

#include <gmock/gmock.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/stack.hpp"

namespace edustack::testing {

// One stack, synthesized in memory (aspects applied, construct-path metadata on).
class SynthesizedStack {
 public:
  explicit SynthesizedStack(nlohmann::json document, std::string stack_path);

  const nlohmann::json& document() const noexcept { return document_; }
  const std::string& stack_path() const noexcept { return stack_path_; }

  // The bodies of every resource of a type (data sources with data_source_bodies).
  std::vector<nlohmann::json> resource_bodies(std::string_view type) const;
  std::vector<nlohmann::json> data_source_bodies(std::string_view type) const;
  std::size_t count(std::string_view type) const { return resource_bodies(type).size(); }

  // The resource (or data source, or ephemeral resource) created by the construct at this path,
  // relative to the stack ("network/vpc") or absolute ("app/stack/network/vpc"), so tests do not
  // depend on logical-id hashes.
  // Throws std::out_of_range naming the paths that exist when there is none.
  const nlohmann::json& resource_at(std::string_view construct_path) const;
  // Its Terraform address ("aws_vpc.network_vpc_1a2b3c4d", "data.aws_region.r",
  // "ephemeral.random_password.p").
  std::string address_at(std::string_view construct_path) const;

  friend void PrintTo(const SynthesizedStack& stack, std::ostream* os);

 private:
  nlohmann::json document_;
  std::string stack_path_;
};

// Synthesizes the stack (applying the app's aspects, failing on annotation errors).
SynthesizedStack synthesize(Stack& stack);

// True when every key of `expected` is in `actual` with a matching value, recursively; lists
// must have the same length and match item by item.
bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected);

class StackMatcher {
 public:
  using is_gtest_matcher = void;
  enum class Kind { resource, resource_count, resource_properties, output, provider, data_source };
  StackMatcher(Kind kind, std::string name, nlohmann::json properties = {}, std::size_t count = 0)
      : kind_(kind), name_(std::move(name)), properties_(std::move(properties)), count_(count) {}

  bool MatchAndExplain(const SynthesizedStack& stack, std::ostream* os) const;
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  Kind kind_;
  std::string name_;
  nlohmann::json properties_;
  std::size_t count_;
};

inline StackMatcher HasResource(std::string type) {
  return {StackMatcher::Kind::resource, std::move(type)};
}
inline StackMatcher HasResourceCount(std::string type, std::size_t count) {
  return {StackMatcher::Kind::resource_count, std::move(type), {}, count};
}
inline StackMatcher HasResourceWithProperties(std::string type, nlohmann::json properties) {
  return {StackMatcher::Kind::resource_properties, std::move(type), std::move(properties)};
}
inline StackMatcher HasDataSource(std::string type,
                                  nlohmann::json properties = nlohmann::json::object()) {
  return {StackMatcher::Kind::data_source, std::move(type), std::move(properties)};
}
inline StackMatcher HasOutput(std::string name) {
  return {StackMatcher::Kind::output, std::move(name)};
}
inline StackMatcher HasProvider(std::string name) {
  return {StackMatcher::Kind::provider, std::move(name)};
}

}  // namespace edustack::testing
