#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

using namespace edustack;
using namespace edustack::testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {
struct HelpersTest : ::testing::Test {
  App app;
  Stack stack{app, "stack"};
  Provider aws{stack, "aws", {.name = "aws"}};
  Construct network{stack, "network"};
  GenericResource vpc{
      network, "vpc", "aws_vpc",
      Value::Object{{"cidr_block", "10.0.0.0/16"}, {"tags", Value::Object{{"Name", "main"}}}}};
  GenericResource other{stack, "other", "aws_vpc", Value::Object{{"cidr_block", "10.1.0.0/16"}}};
  GenericDataSource region{stack, "region", "aws_region"};
  Output out{stack, "vpc_id", {.value = vpc.attribute("id")}};

  template <class M>
  std::string explain(const M& matcher, const SynthesizedStack& s) {
    ::testing::StringMatchResultListener listener;
    EXPECT_FALSE(::testing::ExplainMatchResult(matcher, s, &listener));
    return listener.str();
  }
};
}  // namespace

TEST_F(HelpersTest, MatchersPass) {
  auto s = synthesize(stack);
  EXPECT_THAT(s, HasResource("aws_vpc"));
  EXPECT_THAT(s, HasResourceCount("aws_vpc", 2));
  EXPECT_THAT(s, HasResourceWithProperties("aws_vpc", {{"tags", {{"Name", "main"}}}}));
  EXPECT_THAT(s, HasDataSource("aws_region"));
  EXPECT_THAT(s, HasOutput("vpc_id"));
  EXPECT_THAT(s, HasProvider("aws"));
  EXPECT_THAT(s, Not(HasResource("aws_subnet")));
  EXPECT_EQ(s.resource_at("network/vpc")["cidr_block"], "10.0.0.0/16");
  EXPECT_EQ(s.resource_at("app/stack/other")["cidr_block"], "10.1.0.0/16");
  EXPECT_EQ(s.address_at("network/vpc"), "aws_vpc." + vpc.logical_id());
  EXPECT_EQ(s.address_at("region"), "data.aws_region.region");
}

TEST_F(HelpersTest, FailuresExplainWithClosestCandidates) {
  auto s = synthesize(stack);
  std::string why = explain(HasResourceWithProperties("aws_vpc", {{"cidr_block", "10.0.0.0/16"},
                                                                  {"tags", {{"Name", "x"}}}}),
                            s);
  EXPECT_THAT(why, HasSubstr("none of the 2 aws_vpc matches; closest candidates:"));
  EXPECT_THAT(why, HasSubstr("app/stack/network/vpc:\n    tags.Name is \"main\", expected \"x\""));
  EXPECT_THAT(why, HasSubstr("app/stack/other:\n    cidr_block is \"10.1.0.0/16\""));
  EXPECT_THAT(explain(HasResource("aws_subnet"), s),
              HasSubstr("the stack has no aws_subnet; its resource types are: aws_vpc (2)"));
  EXPECT_THAT(explain(HasResourceCount("aws_vpc", 3), s), HasSubstr("the stack has 2 aws_vpc"));
  EXPECT_THAT(explain(HasOutput("nope"), s), HasSubstr("outputs: vpc_id"));
  EXPECT_THAT(explain(HasProvider("google"), s), HasSubstr("no provider google"));
  try {
    s.resource_at("network/nope");
    FAIL();
  } catch (const std::out_of_range& e) {
    EXPECT_THAT(e.what(), HasSubstr("no resource at construct path app/stack/network/nope"));
    EXPECT_THAT(e.what(), HasSubstr("app/stack/network/vpc"));
  }
}

TEST(JsonContains, SubsetRules) {
  using nlohmann::json;
  EXPECT_TRUE(json_contains(json::parse(R"({"a": 1, "b": [1, {"c": 2, "d": 3}]})"),
                            json::parse(R"({"b": [1, {"c": 2}]})")));
  EXPECT_FALSE(json_contains(json::parse(R"({"b": [1, 2]})"), json::parse(R"({"b": [1]})")));
  EXPECT_FALSE(json_contains(json::parse(R"({"a": "1"})"), json::parse(R"({"a": 1})")));
  EXPECT_TRUE(json_contains(json::parse(R"({"a": 1.0})"), json::parse(R"({"a": 1})")));
}
