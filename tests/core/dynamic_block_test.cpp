#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/aws/lb_listener.hpp>
#include <edustack/aws/s3_bucket_lifecycle_configuration.hpp>
#include <edustack/edustack.hpp>

#include "test_support.hpp"

using namespace edustack;
using namespace edustack::test;
using nlohmann::json;

TEST(DynamicBlock, FromAMapWithTheGeneratedBlockStruct) {
  App app;
  Stack stack(app, "stack");
  aws::S3BucketLifecycleConfiguration expiry(stack, "expiry", {.bucket = "logs"});
  auto days = Iterator<double>::map({{"logs", 30}, {"tmp", 7}});
  add_dynamic_block(expiry, &aws::S3BucketLifecycleConfigurationConfig::rule, days.named("r"),
                    [](const Iterator<double>& r) -> aws::S3BucketLifecycleConfigurationRule {
                      return {.expiration = {{.days = r.value()}},
                              .filter = {{.prefix = r.key() + "/"}},
                              .id = r.key(),
                              .status = "Enabled"};
                    });
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["aws_s3_bucket_lifecycle_configuration"]["expiry"],
            json::parse(R"({"bucket": "logs", "dynamic": {"rule": {
              "for_each": {"logs": 30, "tmp": 7}, "iterator": "r",
              "content": {"expiration": [{"days": "${r.value}"}], "filter": [{"prefix": "${r.key}/"}],
                          "id": "${r.key}", "status": "Enabled"}}}})"));
}

TEST(DynamicBlock, NestedDynamicBlocksFromTheOuterIterator) {
  App app;
  Stack stack(app, "stack");
  aws::S3BucketLifecycleConfiguration archive(stack, "archive", {.bucket = "logs"});
  // Per prefix, the days after which objects move to Glacier (one transition per entry).
  auto rule = Iterator<std::vector<double>>::map({{"logs", {30, 90}}, {"tmp", {7}}}).named("rule");
  auto step = Iterator<double>::list(rule.value()).named("step");
  add_dynamic_block(
      archive, &aws::S3BucketLifecycleConfigurationConfig::rule, rule,
      [](const Iterator<std::vector<double>>& r) -> aws::S3BucketLifecycleConfigurationRule {
        return {.filter = {{.prefix = r.key() + "/"}}, .id = r.key(), .status = "Enabled"};
      },
      nested_dynamic_block(
          &aws::S3BucketLifecycleConfigurationRule::transition, step,
          [](const Iterator<double>& s) -> aws::S3BucketLifecycleConfigurationRuleTransition {
            return {.days = s.value(), .storage_class = "GLACIER"};
          }));
  json doc = synth_json(app);
  const json& outer =
      doc["resource"]["aws_s3_bucket_lifecycle_configuration"]["archive"]["dynamic"]["rule"];
  EXPECT_EQ(outer["for_each"], json::parse(R"({"logs": [30, 90], "tmp": [7]})"));
  EXPECT_EQ(outer["content"]["id"], "${rule.key}");
  const json& inner = outer["content"]["dynamic"]["transition"];
  EXPECT_EQ(inner["iterator"], "step");
  EXPECT_EQ(inner["for_each"], "${{for i, v in rule.value : tostring(i) => v}}");
  EXPECT_EQ(inner["content"],
            json::parse(R"({"days": "${step.value}", "storage_class": "GLACIER"})"));
}

TEST(DynamicBlock, NestedUntyped) {
  App app;
  Stack stack(app, "stack");
  GenericResource acl(stack, "acl", "aws_wafv2_web_acl", {{"name", "edge"}});
  acl.add_dynamic_block(
      {.name = "rule",
       .for_each = Value(Expression::raw("var.rules")),
       .content = Value::Object{{"name", Value(Expression::raw("rule.key"))}},
       .nested = {{.name = "rule_label",
                   .for_each = Value(Expression::raw("rule.value.labels")),
                   .iterator = "label",
                   .content = Value::Object{{"name", Value(Expression::raw("label.value"))}}}}});
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["aws_wafv2_web_acl"]["acl"]["dynamic"]["rule"],
            json::parse(R"({"for_each": "${var.rules}", "content": {"name": "${rule.key}",
              "dynamic": {"rule_label": {"for_each": "${rule.value.labels}", "iterator": "label",
                                         "content": {"name": "${label.value}"}}}}})"));
}

TEST(DynamicBlock, RequiredBlockKeepsItsStaticBlocksAndTakesTwoDynamicOnes) {
  App app;
  Stack stack(app, "stack");
  Variable groups(stack, "target_groups", {.type = "map(string)"});
  aws::LbListener listener(
      stack, "http",
      {.default_action = {{.fixed_response = {{.content_type = "text/plain", .status_code = "404"}},
                           .order = 100,
                           .type = "fixed-response"}},
       .load_balancer_arn = "arn:lb",
       .port = 80});
  auto group = Iterator<std::string>::map(groups.value().as<std::map<std::string, std::string>>())
                   .named("default_action");
  auto make = [](const Iterator<std::string>& g) -> aws::LbListenerDefaultAction {
    return {.target_group_arn = g.value(), .type = "forward"};
  };
  add_dynamic_block(listener, &aws::LbListenerConfig::default_action, group, make);
  add_dynamic_block(listener, &aws::LbListenerConfig::default_action, group, make);
  json doc = synth_json(app);
  const json& body = doc["resource"]["aws_lb_listener"]["http"];
  // The static block stays where it was.
  ASSERT_EQ(body["default_action"].size(), 1u);
  EXPECT_EQ(body["default_action"][0]["type"], "fixed-response");
  // Named after the block: no iterator argument; a second one makes a list.
  const json& dynamic = body["dynamic"]["default_action"];
  ASSERT_TRUE(dynamic.is_array());
  ASSERT_EQ(dynamic.size(), 2u);
  EXPECT_EQ(dynamic[0], json::parse(R"({"for_each": "${var.target_groups}",
    "content": {"target_group_arn": "${default_action.value}", "type": "forward"}})"));
  EXPECT_EQ(listener.references(), (std::vector<const Element*>{&groups}));
}

TEST(DynamicBlock, UntypedOnAGenericResource) {
  App app;
  Stack stack(app, "stack");
  GenericResource sg(stack, "sg", "aws_security_group", {{"name", "web"}});
  auto ports = Iterator<double>::map({{"http", 80}, {"https", 443}});
  sg.add_dynamic_block({.name = "ingress",
                        .for_each = ports,
                        .iterator = "port",
                        .content = Value::Object{{"from_port", ports.named("port").value()},
                                                 {"to_port", ports.named("port").value()},
                                                 {"protocol", "tcp"}}});
  json doc = synth_json(app);
  EXPECT_EQ(doc["resource"]["aws_security_group"]["sg"]["dynamic"]["ingress"],
            json::parse(R"({"for_each": {"http": 80, "https": 443}, "iterator": "port",
              "content": {"from_port": "${port.value}", "to_port": "${port.value}",
                          "protocol": "tcp"}})"));
}
