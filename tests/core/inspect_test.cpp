// The public, read-only view of expressions (edustack/core/expression.hpp, inspect.hpp) and the
// output layout (edustack/core/manifest.hpp).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>

using namespace edustack;
using ::testing::ElementsAre;
using ::testing::Pair;

namespace {

struct InspectTest : ::testing::Test {
  App app;
  Stack stack{app, "stack"};
  GenericResource key{stack, "key", "aws_kms_key"};
  GenericResource bucket{stack, "bucket", "aws_s3_bucket"};
  Variable names{stack, "names", {.type = "list(string)"}};
};

}  // namespace

TEST_F(InspectTest, EveryKindIsReadableWithItsParts) {
  Expression ref = Expression::reference(key, "arn", "string");
  EXPECT_EQ(ref.kind(), ExpressionKind::reference);
  EXPECT_EQ(ref.target(), &key);
  EXPECT_EQ(ref.name(), "arn");
  EXPECT_EQ(ref.type(), "string");
  EXPECT_TRUE(ref.operands().empty());

  Expression raw = Expression::raw("path.module");
  EXPECT_EQ(raw.kind(), ExpressionKind::raw);
  EXPECT_EQ(raw.target(), nullptr);
  EXPECT_EQ(raw.name(), "path.module");

  Expression call = Expression::call("jsonencode", {Value(Value::Object{{"a", 1}})});
  EXPECT_EQ(call.kind(), ExpressionKind::call);
  EXPECT_EQ(call.name(), "jsonencode");
  ASSERT_EQ(call.operands().size(), 1u);
  EXPECT_TRUE(call.operands()[0].is_object());

  Expression interpolation = Expression::interpolation({Value("arn:"), Value(ref)});
  EXPECT_EQ(interpolation.kind(), ExpressionKind::interpolation);
  ASSERT_EQ(interpolation.operands().size(), 2u);
  EXPECT_EQ(interpolation.operands()[0].as_string(), "arn:");
  EXPECT_EQ(interpolation.operands()[1].as_expression().target(), &key);

  Expression conditional = Expression::conditional(Value(true), Value("a"), Value("b"));
  EXPECT_EQ(conditional.kind(), ExpressionKind::conditional);
  EXPECT_EQ(conditional.operands().size(), 3u);

  Expression indexed = raw.index(Value(0));
  EXPECT_EQ(indexed.kind(), ExpressionKind::index);
  ASSERT_EQ(indexed.operands().size(), 2u);
  EXPECT_EQ(indexed.operands()[0].as_expression().name(), "path.module");

  Expression attribute = call.attr("id");
  EXPECT_EQ(attribute.kind(), ExpressionKind::attribute);
  EXPECT_EQ(attribute.name(), "id");
  ASSERT_EQ(attribute.operands().size(), 1u);
  EXPECT_EQ(attribute.operands()[0].as_expression().kind(), ExpressionKind::call);

  // An attribute of a reference stays a reference, with the dotted attribute.
  Expression nested = ref.attr("x");
  EXPECT_EQ(nested.kind(), ExpressionKind::reference);
  EXPECT_EQ(nested.name(), "arn.x");
}

TEST_F(InspectTest, ForExpressionsShowIteratorsCollectionAndResults) {
  auto xs = names.value().as<std::vector<std::string>>();
  auto upper = for_list(xs, [](const StringExpr& x) { return fn::upper(x); });
  EXPECT_EQ(upper.kind(), ExpressionKind::for_expression);
  EXPECT_EQ(upper.name(), "x");
  ASSERT_EQ(upper.operands().size(), 4u);
  EXPECT_EQ(upper.operands()[0].as_expression().target(), &names);  // the collection
  EXPECT_EQ(upper.operands()[1].as_expression().name(), "upper");   // the value result
  EXPECT_TRUE(upper.operands()[2].is_null());                       // no key: a list
  EXPECT_TRUE(upper.operands()[3].is_null());                       // no condition
}

TEST_F(InspectTest, WalksVisitEveryExpressionAndReferenceInOrder) {
  Value tags(Expression::call(
      "merge", {Value(names.value()),
                Value(Value::Object{{"key", Value(key.attribute("arn"))},
                                    {"list", Value::List{Value(bucket.attribute("id"))}}})}));
  std::vector<std::string> seen;
  for_each_expression(tags, [&](const Expression& e) {
    seen.push_back(e.kind() == ExpressionKind::call ? "call " + e.name() : e.to_string());
  });
  EXPECT_THAT(seen, ElementsAre("call merge", "${var.names}", "${aws_kms_key.key.arn}",
                                "${aws_s3_bucket.bucket.id}"));

  std::vector<const Element*> targets;
  for_each_reference(tags, [&](const Element& e) { targets.push_back(&e); });
  EXPECT_THAT(targets, ElementsAre(&names, &key, &bucket));

  const std::vector<Value>* maps = call_arguments(tags, "merge");
  ASSERT_NE(maps, nullptr);
  EXPECT_EQ(maps->size(), 2u);
  EXPECT_EQ(call_arguments(tags, "concat"), nullptr);
  EXPECT_EQ(call_arguments(Value("merge"), "merge"), nullptr);
}

TEST(OutputLayout, OnePlaceSpellsThePaths) {
  EXPECT_EQ(layout::manifest_file, "manifest.json");
  EXPECT_EQ(layout::stack_directory("web"), "stacks/web");
  EXPECT_EQ(layout::stack_file("web"), "stacks/web/main.tf.json");
  EXPECT_EQ(layout::stack_path("web", "assets/a.zip"), "stacks/web/assets/a.zip");

  App app;
  Stack stack(app, "web");
  GenericResource vpc(stack, "vpc", "aws_vpc");
  EXPECT_EQ(stack.synthesize().file, layout::stack_file("web"));
}

TEST(OutputLayout, ElementLinesPointAtEachResourceAndDataSource) {
  App app;
  Stack stack(app, "web");
  GenericResource vpc(stack, "vpc", "aws_vpc", {{"tags", Value::Object{{"vpc", "x"}}}});
  GenericResource subnet(stack, "subnet", "aws_subnet", {{"vpc_id", Value(vpc.attribute("id"))}});
  GenericDataSource zones(stack, "zones", "aws_availability_zones");
  const std::string json_text = stack.synthesize().json;
  auto lines = layout::element_lines(json_text);
  ASSERT_EQ(lines.size(), 3u);
  std::vector<std::string> text;
  std::string line;
  for (std::istringstream in(json_text); std::getline(in, line);) text.push_back(line);
  for (const auto& [address, number] : lines) {
    ASSERT_GE(number, 1);
    ASSERT_LE(static_cast<std::size_t>(number), text.size());
    std::string name = address.substr(address.rfind('.') + 1);
    EXPECT_NE(text[number - 1].find("\"" + name + "\": {"), std::string::npos)
        << address << " -> line " << number << ": " << text[number - 1];
  }
  EXPECT_TRUE(lines.contains("data.aws_availability_zones.zones"));
  // A key named like a resource inside a resource's body (the tags' "vpc") is not an address.
  EXPECT_FALSE(lines.contains("aws_vpc.tags"));
}

TEST(OutputLayout, ElementLinesReadTheStructureNotTheIndentation) {
  // Compact and re-indented documents: the lines follow the keys wherever they are.
  const std::string json_text =
      "{\"resource\": {\"aws_vpc\": {\"a\": {\"cidr_block\": \"10.0.0.0/16\"},\n"
      "   \"b\": {}}},\n"
      "\"data\": {\n"
      "\t\"aws_region\": {\"here\": {\"x\": {\"resource\": 1}}}}}\n";
  EXPECT_THAT(
      layout::element_lines(json_text),
      ElementsAre(Pair("aws_vpc.a", 1), Pair("aws_vpc.b", 2), Pair("data.aws_region.here", 4)));
}
