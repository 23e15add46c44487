// The sample of docs/validation.md, compiled and checked: the page's code block is a verbatim
// part of this file, between "// [docs]" lines (tests/docs_check.cmake fails when it drifts).
// The page shows it without the two spaces of the TEST body.
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <edustack/schema/validator.hpp>
#include <filesystem>
#include <iostream>
#include <string>

using namespace edustack;

TEST(DocsValidation, AMisspelledArgumentIsFound) {
  std::string schema_file = EDUSTACK_SHARED_DIR "/schemas/aws-provider-6.47.0.json";
  if (!std::filesystem::exists(schema_file)) {
    GTEST_SKIP() << "no provider schema at " << schema_file;
  }
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  GenericResource vpc(network, "vpc", "aws_vpc", {{"cidr_blok", "10.0.0.0/16"}});
  vpc.override_logical_id("main");
  // [docs] validate
  auto schema = edustack::schema::ProviderSchema::load(schema_file);
  auto findings = edustack::schema::validate(schema, app);
  for (const auto& finding : findings) {
    std::cerr << finding.to_string() << '\n';
  }
  // [app/stack/network/vpc] aws_vpc.main: argument "cidr_blok": unknown argument; did you mean
  // "cidr_block"? (stack "stack")
  // [docs] end
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].to_string(),
            "[app/stack/network/vpc] aws_vpc.main: argument \"cidr_blok\": unknown argument; did "
            "you mean \"cidr_block\"? (stack \"stack\")");
}
