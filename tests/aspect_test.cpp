#include <gtest/gtest.h>

#include <edustack/aws/iam_role_policy_attachment.hpp>
#include <edustack/edustack.hpp>
#include <edustack/testing.hpp>

using namespace edustack;
using namespace edustack::testing;

namespace {

class Recorder : public Aspect {
 public:
  Recorder(std::string name, std::vector<std::string>& log) : name_(std::move(name)), log_(log) {}
  void visit(Construct& c) override { log_.push_back(name_ + ":" + c.node().path()); }

 private:
  std::string name_;
  std::vector<std::string>& log_;
};

// A resource type with a tags argument, as generated types have.
class Tagged : public Resource {
 public:
  Tagged(Construct& scope, std::string_view id, Map<String> tags = {})
      : Resource(scope, id, "aws_tagged", {}), tags_(std::move(tags)) {}
  Map<String>* tags_argument() override { return &tags_; }

 protected:
  Value arguments() const override {
    Value::Object o;
    if (tags_.is_set()) o.emplace("tags", tags_.value());
    return o;
  }

 private:
  Map<String> tags_;
};

}  // namespace

TEST(Aspect, OrderIsDepthFirstAncestorsFirstAndOncePerConstruct) {
  std::vector<std::string> log;
  App app;
  Stack stack(app, "s");
  Construct a(stack, "a");
  Construct b(stack, "b");
  app.node().add_aspect(std::make_shared<Recorder>("root", log));
  a.node().add_aspect(std::make_shared<Recorder>("a", log));
  apply_aspects(app);
  apply_aspects(app);  // a second synth does not visit again
  EXPECT_EQ(log, (std::vector<std::string>{"root:app", "root:app/s", "root:app/s/a", "a:app/s/a",
                                           "root:app/s/b"}));
}

TEST(Aspect, ConstructsAddedByAnAspectAreVisited) {
  std::vector<std::string> log;
  struct Adder : Aspect {
    void visit(Construct& c) override {
      if (c.node().id() == "a") c.make<Construct>("added");
    }
  };
  App app;
  Stack stack(app, "s");
  Construct a(stack, "a");
  app.node().add_aspect(std::make_shared<Adder>());
  app.node().add_aspect(std::make_shared<Recorder>("r", log));
  apply_aspects(app);
  EXPECT_EQ(log.back(), "r:app/s/a/added");
}

TEST(Aspect, TagsEveryTaggableResourceAndOwnTagsWin) {
  App app;
  Stack stack(app, "s");
  Tagged plain(stack, "plain");
  Tagged own(stack, "own", {{"Environment", "mine"}});
  Tagged expr(stack, "expr", plain.attribute_as<std::map<std::string, std::string>>("tags"));
  GenericResource untaggable(stack, "untaggable", "aws_other");
  add_tags(stack, {{"Environment", "dev"}, {"Project", "edu"}});
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("plain")["tags"],
            nlohmann::json::parse(R"({"Environment": "dev", "Project": "edu"})"));
  EXPECT_EQ(synth.resource_at("own")["tags"],
            nlohmann::json::parse(R"({"Environment": "mine", "Project": "edu"})"));
  EXPECT_EQ(synth.resource_at("expr")["tags"],
            "${merge({\"Environment\" = \"dev\", \"Project\" = \"edu\"}, aws_tagged.plain.tags)}");
  EXPECT_FALSE(synth.resource_at("untaggable").contains("tags"));
}

// Before: an untyped resource was skipped in silence (issue 15): now it is tagged when it has a
// tags argument, and named in a warning when it has none.
TEST(Aspect, UntypedResourcesAreTaggedOrNamedInAWarning) {
  App app;
  Stack stack(app, "s");
  GenericResource with_tags(stack, "acl", "aws_wafv2_web_acl",
                            {{"name", "edge"}, {"tags", Value::Object{{"Project", "mine"}}}});
  GenericResource without(stack, "stream", "aws_cloudwatch_log_stream", {{"name", "x"}});
  aws::IamRolePolicyAttachment typed_without_tags(stack, "typed",
                                                  {.policy_arn = "arn:p", .role = "r"});
  add_tags(stack, {{"Environment", "dev"}, {"Project", "edu"}});
  SynthResult result = app.synth_in_memory();
  auto synth = synthesize(stack);
  EXPECT_EQ(synth.resource_at("acl")["tags"],
            nlohmann::json::parse(R"({"Environment": "dev", "Project": "mine"})"));
  EXPECT_FALSE(synth.resource_at("stream").contains("tags"));
  std::vector<std::string> warnings;
  for (const auto& annotation : result.annotations) {
    if (annotation.level == Annotation::Level::warning) {
      warnings.push_back(annotation.path + ": " + annotation.message);
    }
  }
  ASSERT_EQ(warnings.size(), 1u) << "only the untyped resource without tags";
  EXPECT_EQ(warnings[0].rfind("app/s/stream: add_tags: aws_cloudwatch_log_stream is untyped", 0),
            0u)
      << warnings[0];
}
