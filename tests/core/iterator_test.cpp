#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/subnet.hpp>
#include <edustack/edustack.hpp>

#include "test_support.hpp"

using namespace edustack;
using namespace edustack::test;
using nlohmann::json;

namespace {
std::string hcl(const Expression& e) { return e.to_string(); }
}  // namespace

TEST(Iterator, MapLiteralTypesEachValueAndFlowsIntoTypedFields) {
  App app;
  Stack stack(app, "stack");
  auto zones = Iterator<std::string>::map({{"a", "10.0.1.0/24"}, {"b", "10.0.2.0/24"}});
  static_assert(std::is_same_v<decltype(zones.value()), StringExpr>);
  static_assert(std::is_same_v<decltype(zones.key()), StringExpr>);
  aws::Subnet subnet(stack, "subnet",
                     {.availability_zone = "eu-west-2" + zones.key(),
                      .cidr_block = zones.value(),
                      .vpc_id = "vpc-1"},
                     {.for_each = zones});
  json doc = synth_json(app);
  const json& body = doc["resource"]["aws_subnet"]["subnet"];
  EXPECT_EQ(body["for_each"], json::parse(R"({"a": "10.0.1.0/24", "b": "10.0.2.0/24"})"));
  EXPECT_EQ(body["cidr_block"], "${each.value}");
  EXPECT_EQ(body["availability_zone"], "eu-west-2${each.key}");
}

TEST(Iterator, ListsSetsAndMapExpressions) {
  App app;
  Stack stack(app, "stack");
  Variable names(stack, "names", {.type = "list(string)"});
  Variable sizes(stack, "sizes", {.type = "list(number)"});
  Variable ports(stack, "ports", {.type = "map(number)"});
  auto by_name = Iterator<std::string>::list(names.value().as<std::vector<std::string>>());
  auto by_size = Iterator<double>::list(sizes.value().as<std::vector<double>>());
  auto by_port = Iterator<double>::map(ports.value().as<std::map<std::string, double>>());
  auto literal = Iterator<std::string>::set({"x", "y"});
  auto numbers = Iterator<double>::list({1, 2.5});
  EXPECT_EQ(hcl(by_name.collection().as_expression()), "${toset(var.names)}");
  EXPECT_EQ(hcl(by_size.collection().as_expression()),
            "${{for i, v in var.sizes : tostring(i) => v}}");
  EXPECT_EQ(hcl(by_port.collection().as_expression()), "${var.ports}");
  EXPECT_EQ(hcl(literal.collection().as_expression()), "${toset([\"x\", \"y\"])}");
  EXPECT_EQ(hcl(numbers.collection().as_expression()),
            "${{for i, v in [1, 2.5] : tostring(i) => v}}");
  static_assert(std::is_same_v<decltype(by_port.value()), NumberExpr>);

  Variable rules(stack, "rules", {.type = "list(object({name = string, port = number}))"});
  auto keyed = Iterator<std::map<std::string, std::string>>::keyed(
      rules.value().as<std::vector<std::map<std::string, std::string>>>(), "name");
  EXPECT_EQ(hcl(keyed.collection().as_expression()), "${{for v in var.rules : v.name => v}}");
  EXPECT_EQ(hcl(keyed.value_attr<double>("port")), "${each.value.port}");
  EXPECT_EQ(hcl(keyed.value()["name"]), "${each.value[\"name\"]}");
  EXPECT_EQ(hcl(by_name.named("name").value()), "${name.value}");
}

TEST(Iterator, CountHasATypedIndex) {
  App app;
  Stack stack(app, "stack");
  Count three(3);
  static_assert(std::is_same_v<decltype(three.index()), NumberExpr>);
  GenericResource r(stack, "r", "aws_x",
                    {{"name", "node-" + fn::tostring(three.index())}, {"weight", three.index()}},
                    {.count = three});
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["aws_x"]["r"]["count"], 3);
  EXPECT_EQ(doc["resource"]["aws_x"]["r"]["name"], "node-${tostring(count.index)}");
  EXPECT_EQ(doc["resource"]["aws_x"]["r"]["weight"], "${count.index}");
}

TEST(ForExpression, ListAndMapResultsAreTyped) {
  App app;
  Stack stack(app, "stack");
  Variable names(stack, "names", {.type = "list(string)"});
  Variable cidrs(stack, "cidrs", {.type = "map(string)"});
  auto xs = names.value().as<std::vector<std::string>>();
  auto m = cidrs.value().as<std::map<std::string, std::string>>();

  auto upper = for_list(xs, [](const StringExpr& x) { return fn::upper(x); });
  static_assert(std::is_same_v<decltype(upper), ListExpr<std::string>>);
  EXPECT_EQ(hcl(upper), "${[for x in var.names : upper(x)]}");

  auto filtered = for_list(
      xs, [](const StringExpr& x) { return x + "-a"; },
      [](const StringExpr& x) {
        return fn::contains(Value::List{"a", "b"}, x);
      });
  EXPECT_EQ(hcl(filtered), "${[for x in var.names : \"${x}-a\" if contains([\"a\", \"b\"], x)]}");

  auto lengths = for_list(m, [](const StringExpr&, const StringExpr& v) { return fn::length(v); });
  static_assert(std::is_same_v<decltype(lengths), ListExpr<double>>);
  EXPECT_EQ(hcl(lengths), "${[for k, v in var.cidrs : length(v)]}");

  auto subnets =
      for_map(m, [](const StringExpr&, const StringExpr& v) { return fn::cidrsubnet(v, 8, 1); });
  static_assert(std::is_same_v<decltype(subnets), MapExpr<std::string>>);
  EXPECT_EQ(hcl(subnets), "${{for k, v in var.cidrs : k => cidrsubnet(v, 8, 1)}}");

  auto by_name = for_map(
      xs, [](const StringExpr& x) { return fn::lower(x); },
      [](const StringExpr& x) { return fn::length(x); });
  static_assert(std::is_same_v<decltype(by_name), MapExpr<double>>);
  EXPECT_EQ(hcl(by_name), "${{for x in var.names : lower(x) => length(x)}}");

  // Nested: the inner variables are numbered, the outer ones stay visible.
  Variable groups(stack, "groups", {.type = "map(list(string))"});
  auto g = groups.value().as<std::map<std::string, std::vector<std::string>>>();
  auto nested = for_map(g, [](const StringExpr& k, const ListExpr<std::string>& members) {
    return for_list(members, [&](const StringExpr& member) { return k + "/" + member; });
  });
  static_assert(std::is_same_v<decltype(nested), MapExpr<std::vector<std::string>>>);
  EXPECT_EQ(hcl(nested), "${{for k, v in var.groups : k => [for x2 in v : \"${k}/${x2}\"]}}");

  // A for expression keeps the elements it refers to: references and cross-stack checks see them.
  Local local(stack, "subnets", subnets);
  EXPECT_EQ(local.references(), (std::vector<const Element*>{&cidrs}));
  json doc = synth_json(app);
  EXPECT_EQ(doc["locals"]["subnets"], "${{for k, v in var.cidrs : k => cidrsubnet(v, 8, 1)}}");
}
