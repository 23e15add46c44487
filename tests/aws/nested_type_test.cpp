// Nested attribute types (`nested_type`) and object types with optional members, which no schema
// of ../shared/schemas has: the bindings of a made-up provider
// (tests/aws/schemas/nested-demo.json), generated at build time in the header-only form.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/demo/thing.hpp"
#include "synth_one_stack.hpp"

namespace {

using namespace edustack;
using nlohmann::json;

json thing_body(App& app) { return aws_tests::synth_one_stack(app)["resource"]["demo_thing"]; }

TEST(NestedAttributeTypes, FieldTypesFollowNestingModeAndFlags) {
  // single, required: Required<Struct>; list: ObjectList; map: std::map; attributes keep their
  // own required (Required<T, tag>) and optional flags; a computed-only one has no field.
  static_assert(std::is_same_v<decltype(demo::ThingConfig{}.settings),
                               core::Required<demo::ThingSettings, demo::required::settings>>);
  static_assert(std::is_same_v<decltype(demo::ThingConfig{.settings = {{.name = "a"}}}.rules),
                               core::ObjectList<demo::ThingRules>>);
  static_assert(std::is_same_v<decltype(demo::ThingConfig{.settings = {{.name = "a"}}}.by_name),
                               std::map<std::string, demo::ThingByName>>);
  static_assert(std::is_same_v<decltype(demo::ThingSettings{.name = "a"}.name),
                               core::Required<core::String, demo::required::name>>);
  static_assert(std::is_same_v<decltype(demo::ThingSettings{.name = "a"}.size), core::Number>);
  static_assert(std::is_same_v<decltype(demo::ThingLimits{}.max), core::Number>);
  SUCCEED();
}

TEST(NestedAttributeTypes, UnsetMembersOfNestedTypesAreLeftOutAndObjectMembersAreNull) {
  App app;
  Stack stack(app, "test");
  demo::Thing full(stack, "full",
                   {.by_name = {{"a", {.value = "x"}}},
                    .limits = {{.max = 5}},
                    .rules = {{.port = 443}, {.labels = {{"k", "v"}}, .port = 80}},
                    .settings = {{.name = "n"}}});
  demo::Thing minimal(stack, "minimal", {.settings = {{.name = "m"}}});
  const json body = thing_body(app);
  // A nested attribute's unset optional attribute is left out; an object type's member is
  // written as null unless the type lists it optional (`min` here), then it is left out.
  EXPECT_EQ(body["full"], json::parse(R"({
    "by_name": {"a": {"value": "x"}},
    "limits": {"max": 5},
    "rules": [{"port": 443}, {"labels": {"k": "v"}, "port": 80}],
    "settings": {"name": "n"}
  })"));
  EXPECT_EQ(body["minimal"], json::parse(R"({"settings": {"name": "m"}})"));
}

// Blocks of one shape at several paths share one struct (merge_identical_shapes): the first
// path's, the others are aliases of it, recursively; a block that differs in one flag keeps its
// own struct. Both paths still serialize under their own names.
TEST(NestedAttributeTypes, IdenticalShapesShareOneStruct) {
  static_assert(std::is_same_v<demo::ThingSecondary, demo::ThingPrimary>);
  static_assert(std::is_same_v<demo::ThingSecondaryEndpoint, demo::ThingPrimaryEndpoint>);
  static_assert(!std::is_same_v<demo::ThingTertiary, demo::ThingPrimary>);
  static_assert(std::is_same_v<decltype(demo::ThingTertiary{.name = "a", .weight = 1}.weight),
                               core::Required<core::Number, demo::required::weight>>);
  static_assert(std::is_same_v<demo::ThingTertiaryEndpoint, demo::ThingPrimaryEndpoint>);
  App app;
  Stack stack(app, "test");
  demo::Thing thing(stack, "t",
                    {.primary = {{.endpoint = {{.host = "a"}}, .name = "p"}},
                     .secondary = {{.name = "s", .weight = 2}},
                     .settings = {{.name = "n"}},
                     .tertiary = {{.name = "t", .weight = 3}}});
  EXPECT_EQ(thing_body(app)["t"], json::parse(R"({
    "primary": [{"endpoint": [{"host": "a"}], "name": "p"}],
    "secondary": [{"name": "s", "weight": 2}],
    "settings": {"name": "n"},
    "tertiary": [{"name": "t", "weight": 3}]
  })"));
}

}  // namespace
