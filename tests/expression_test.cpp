#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <type_traits>

using namespace edustack;

namespace {
struct Fixture : ::testing::Test {
  App app;
  Stack stack{app, "stack"};
  GenericResource vpc{stack, "vpc", "aws_vpc"};
  GenericDataSource zones{stack, "zones", "aws_availability_zones"};
  Variable env{stack, "env", {.type = "string"}};
  Local prefix{stack, "prefix", "edu"};
};
}  // namespace

using ExpressionTest = Fixture;

TEST_F(ExpressionTest, ReferencesRenderTheElementAddress) {
  EXPECT_EQ(vpc.attribute("id").to_string(), "${aws_vpc.vpc.id}");
  EXPECT_EQ(zones.attribute("names").to_string(), "${data.aws_availability_zones.zones.names}");
  EXPECT_EQ(env.value().to_string(), "${var.env}");
  EXPECT_EQ(prefix.value().to_string(), "${local.prefix}");
}

TEST_F(ExpressionTest, ReferencesFollowLogicalIdOverridesMadeLater) {
  auto id = vpc.attribute("id");
  vpc.override_logical_id("main");
  EXPECT_EQ(id.to_string(), "${aws_vpc.main.id}");
}

TEST_F(ExpressionTest, IndexAndAttributeTraversal) {
  auto names = zones.attribute_as<std::vector<std::string>>("names");
  StringExpr first = names[0];
  EXPECT_EQ(first.to_string(), "${data.aws_availability_zones.zones.names[0]}");
  EXPECT_EQ(vpc.attribute("tags").index("Name").to_string(), "${aws_vpc.vpc.tags[\"Name\"]}");
  EXPECT_EQ(vpc.attribute("cidr_block_associations").index(0).attr("cidr_block").to_string(),
            "${aws_vpc.vpc.cidr_block_associations[0].cidr_block}");
  EXPECT_EQ(vpc.attribute("a").attr("b").to_string(), "${aws_vpc.vpc.a.b}");
}

TEST_F(ExpressionTest, ConcatenationBuildsATemplate) {
  StringExpr arn = vpc.attribute_as<std::string>("arn");
  EXPECT_EQ((arn + "/*").to_string(), "${aws_vpc.vpc.arn}/*");
  EXPECT_EQ(("arn:" + arn + ":" + env.as_string()).to_string(),
            "arn:${aws_vpc.vpc.arn}:${var.env}");
}

TEST_F(ExpressionTest, TemplateLiteralPartsAreEscaped) {
  auto text = Expression::interpolation({"literal ${not} %{if} ", env.value()});
  EXPECT_EQ(text.to_string(), "literal $${not} %%{if} ${var.env}");
}

TEST_F(ExpressionTest, Functions) {
  EXPECT_EQ(fn::join(",", List<String>{"a", "b"}).to_string(), "${join(\",\", [\"a\", \"b\"])}");
  EXPECT_EQ(fn::cidrsubnet("10.0.0.0/16", 8, 2).to_string(),
            "${cidrsubnet(\"10.0.0.0/16\", 8, 2)}");
  EXPECT_EQ(fn::format("%s-%d", {env.value(), 3}).to_string(), "${format(\"%s-%d\", var.env, 3)}");
  EXPECT_EQ(fn::element(zones.attribute("names"), count_index()).to_string(),
            "${element(data.aws_availability_zones.zones.names, count.index)}");
  EXPECT_EQ(fn::lookup(Value::Object{{"a", 1}}, "a", 0).to_string(),
            "${lookup({\"a\" = 1}, \"a\", 0)}");
  EXPECT_EQ(fn::tolist(Value::List{"x"}).to_string(), "${tolist([\"x\"])}");
  EXPECT_EQ(fn::toset(zones.attribute("names")).to_string(),
            "${toset(data.aws_availability_zones.zones.names)}");
  EXPECT_EQ(fn::merge({vpc.attribute("tags"), Value::Object{{"k", "v"}}}).to_string(),
            "${merge(aws_vpc.vpc.tags, {\"k\" = \"v\"})}");
  EXPECT_EQ(fn::concat({Value::List{1}, Value::List{2.5}}).to_string(), "${concat([1], [2.5])}");
  EXPECT_EQ(fn::jsonencode(Value::Object{{"Version", "2012-10-17"}, {"on", true}}).to_string(),
            "${jsonencode({\"Version\" = \"2012-10-17\", \"on\" = true})}");
  EXPECT_EQ(fn::call<std::string>("upper", {"x"}).to_string(), "${upper(\"x\")}");
}

TEST_F(ExpressionTest, StringsInsideFunctionsAreHclEscaped) {
  EXPECT_EQ(fn::call("f", {"quote\" back\\ nl\n ${x}"}).to_string(),
            "${f(\"quote\\\" back\\\\ nl\\n $${x}\")}");
  EXPECT_EQ(fn::call("f", {Expression::interpolation({"a-", env.value()})}).to_string(),
            "${f(\"a-${var.env}\")}");
}

TEST_F(ExpressionTest, Conditional) {
  auto is_prod = Expression::raw("var.env == \"prod\"");
  auto size = Expression::conditional(is_prod, 3, 1);
  EXPECT_EQ(size.to_string(), "${var.env == \"prod\" ? 3 : 1}");
  EXPECT_EQ(fn::call("max", {size, 2}).to_string(), "${max((var.env == \"prod\" ? 3 : 1), 2)}");
}

TEST_F(ExpressionTest, MetaArgumentExpressions) {
  EXPECT_EQ(count_index().to_string(), "${count.index}");
  EXPECT_EQ(each_key().to_string(), "${each.key}");
  EXPECT_EQ(each_value().attr("cidr").to_string(), "${each.value.cidr}");
}

TEST_F(ExpressionTest, TypedArgumentsAcceptLiteralsAndMatchingExpressions) {
  String s = vpc.attribute_as<std::string>("id");
  Number n = 3;
  Number from_expr = fn::length(Value::List{1, 2});
  Bool b = true;
  List<String> ids = {"a", vpc.attribute_as<std::string>("id")};
  List<String> from_list = zones.attribute_as<std::vector<std::string>>("names");
  Map<String> tags = {{"Name", "x"}};
  EXPECT_TRUE(s.is_set() && n.is_set() && from_expr.is_set() && b.is_set());
  EXPECT_EQ(ids.value().as_list().size(), 2u);
  EXPECT_TRUE(from_list.value().is_expression());
  EXPECT_EQ(tags.value().as_object().at("Name").as_string(), "x");
  EXPECT_FALSE(String().is_set());
  // Mismatched kinds do not compile: these are checked at compile time, not here.
  static_assert(!std::is_convertible_v<NumberExpr, String>);
  static_assert(!std::is_convertible_v<StringExpr, Number>);
  static_assert(!std::is_convertible_v<const char*, Bool>);
  static_assert(!std::is_convertible_v<StringExpr, List<String>>);
  static_assert(!std::is_convertible_v<ListExpr<double>, List<String>>);
}

TEST_F(ExpressionTest, TagDefaultsMergeIntoLiteralsAndExpressions) {
  Map<String> literal = {{"Name", "x"}, {"Environment", "mine"}};
  literal.merge_defaults({{"Environment", "dev"}, {"Project", "edu"}});
  const auto& object = literal.value().as_object();
  EXPECT_EQ(object.at("Environment").as_string(), "mine");
  EXPECT_EQ(object.at("Project").as_string(), "edu");
  Map<String> expression = vpc.attribute_as<std::map<std::string, std::string>>("tags");
  expression.merge_defaults({{"Project", "edu"}});
  EXPECT_EQ(expression.value().as_expression().to_string(),
            "${merge({\"Project\" = \"edu\"}, aws_vpc.vpc.tags)}");
}

// Issue 16: an unset argument is a null pointer, not an inline Value, and a set one is owned by
// its argument (copies are deep, a moved-from argument is unset).
TEST_F(ExpressionTest, ArgumentsAreOnePointerAndCopyTheirValues) {
  static_assert(sizeof(String) == sizeof(void*) && sizeof(Number) == sizeof(void*));
  static_assert(sizeof(Bool) == sizeof(void*) && sizeof(Map<String>) == sizeof(void*));
  static_assert(sizeof(List<String>) == sizeof(void*));
  const String unset;
  EXPECT_FALSE(unset.is_set());
  EXPECT_TRUE(unset.value().is_null());

  Map<String> tags = {{"Name", "x"}};
  Map<String> copy = tags;
  copy.merge_defaults({{"Project", "edu"}});
  EXPECT_EQ(tags.value().as_object().size(), 1u);  // the original keeps its own value
  EXPECT_EQ(copy.value().as_object().size(), 2u);
  Map<String> moved = std::move(copy);
  EXPECT_EQ(moved.value().as_object().at("Project").as_string(), "edu");

  Map<String> defaults_only;
  defaults_only.merge_defaults({{"Project", "edu"}});
  EXPECT_EQ(defaults_only.value().as_object().at("Project").as_string(), "edu");
  Map<String> no_defaults;
  no_defaults.merge_defaults({});
  EXPECT_FALSE(no_defaults.is_set());

  String s = "a";
  String assigned;
  assigned = s;
  EXPECT_EQ(assigned.value().as_string(), "a");
  EXPECT_EQ(s.value().as_string(), "a");
}

// Issue 12: Value's destructor and copies are compiled once in the library; its moves stay
// inline and noexcept (a declared destructor without them would turn every move into a copy,
// and std::vector<Value> would copy when it grows).
TEST_F(ExpressionTest, ValuesMoveWithoutCopyingAndCopyDeeply) {
  static_assert(std::is_nothrow_move_constructible_v<Value>);
  static_assert(std::is_nothrow_move_assignable_v<Value>);
  static_assert(std::is_nothrow_move_constructible_v<String>);
  static_assert(std::is_nothrow_move_constructible_v<ResourceOptions>);

  Value list = Value::List{"a", Value::Object{{"k", 1}}};
  Value copy = list;
  copy.as_list().push_back("b");
  EXPECT_EQ(list.as_list().size(), 2u);  // the copy is deep
  EXPECT_EQ(copy.as_list().size(), 3u);

  const std::string* first = &list.as_list().front().as_string();
  Value moved = std::move(list);
  EXPECT_EQ(&moved.as_list().front().as_string(), first);  // moved, not copied

  Value assigned;
  assigned = copy;
  EXPECT_TRUE(assigned == copy);
  assigned = std::move(moved);
  EXPECT_EQ(&assigned.as_list().front().as_string(), first);
}
