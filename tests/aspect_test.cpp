#include <gtest/gtest.h>

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
