// Construct-level dependencies, subtree moves, the tree lock and creation locations
// (Node::add_dependency, moved_from_path / renamed_from, lock, created_at).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <version>
#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

using namespace edustack;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

json stack_json(const SynthResult& result, const std::string& name) {
  for (const auto& artifact : result.stacks) {
    if (artifact.name == name) return json::parse(artifact.json);
  }
  ADD_FAILURE() << "no stack " << name;
  return {};
}

std::vector<std::string> problems_of(App& app, const SynthOptions& options = {}) {
  try {
    app.synth_in_memory(options);
  } catch (const SynthError& error) {
    std::vector<std::string> out;
    for (const auto& problem : error.problems()) out.push_back(problem.to_string());
    return out;
  }
  ADD_FAILURE() << "expected a SynthError";
  return {};
}

json resource(const json& document, const ResourceBase& element) {
  return document["resource"][element.terraform_type()][element.logical_id()];
}

// A construct class of a user's own: its creation location is its constructor's.
class Group : public Construct {
 public:
  Group(Construct& scope, std::string_view id) : Construct(scope, id) {}  // kGroupLine
};
constexpr unsigned kGroupLine = __LINE__ - 2;

}  // namespace

TEST(ConstructDependency, ResolvesToEveryResourceAndModuleOfTheDependency) {
  App app;
  Stack stack(app, "s");
  Construct app_tier(stack, "app");
  GenericResource server(app_tier, "server", "aws_instance");
  GenericDataSource ami(app_tier, "ami", "aws_ami");
  Construct data_tier(stack, "data");
  GenericResource db(data_tier, "db", "aws_db_instance");
  Construct nested(data_tier, "cache");
  GenericResource redis(nested, "redis", "aws_elasticache_cluster");
  GenericDataSource zones(data_tier, "zones", "aws_availability_zones");  // not a target
  Module net(data_tier, "net", {.source = ModuleSource::registry("acme/net/aws")});

  app_tier.node().add_dependency(data_tier);
  auto document = stack_json(app.synth_in_memory(), "s");

  const json expected = {db.address(), redis.address(), net.address()};
  EXPECT_EQ(resource(document, server)["depends_on"], expected);
  EXPECT_EQ(document["data"]["aws_ami"][ami.logical_id()]["depends_on"], expected);
  // The dependency's own elements follow nothing.
  EXPECT_FALSE(resource(document, db).contains("depends_on"));
  EXPECT_FALSE(document["module"][net.logical_id()].contains("depends_on"));
  EXPECT_FALSE(
      document["data"]["aws_availability_zones"][zones.logical_id()].contains("depends_on"));
}

TEST(ConstructDependency, MergedWithDependsOnWithoutRepeats) {
  App app;
  Stack stack(app, "s");
  Construct data_tier(stack, "data");
  GenericResource db(data_tier, "db", "aws_db_instance");
  GenericResource subnet_group(data_tier, "subnets", "aws_db_subnet_group");
  GenericResource queue(stack, "queue", "aws_sqs_queue");
  Construct app_tier(stack, "app");
  GenericResource server(app_tier, "server", "aws_instance", {}, {.depends_on = {subnet_group}});
  GenericResource worker(app_tier, "worker", "aws_instance");

  app_tier.node().add_dependency(data_tier);
  app_tier.node().add_dependency(data_tier);  // twice: recorded once
  server.node().add_dependency(data_tier);    // element -> construct
  app_tier.node().add_dependency(queue);      // construct -> element
  EXPECT_EQ(app_tier.node().dependencies().size(), 2u);
  auto document = stack_json(app.synth_in_memory(), "s");

  // Its own depends_on first, then the construct-level ones in order, each address once.
  EXPECT_EQ(resource(document, server)["depends_on"],
            json({subnet_group.address(), db.address(), queue.address()}));
  EXPECT_EQ(resource(document, worker)["depends_on"],
            json({db.address(), subnet_group.address(), queue.address()}));
}

TEST(ConstructDependency, RefusesItselfItsAncestorsDescendantsAndOtherTrees) {
  App app;
  Stack stack(app, "s");
  Construct outer(stack, "outer");
  Construct inner(outer, "inner");
  App other_app;
  Stack other(other_app, "o");
  Construct elsewhere(other, "x");
  auto field_of = [](auto&& call) {
    try {
      call();
    } catch (const ConfigError& error) {
      return error.path() + " " + error.field() + ": " + error.what();
    }
    return std::string("no error");
  };
  EXPECT_THAT(field_of([&] { outer.node().add_dependency(outer); }),
              HasSubstr("app/s/outer dependency: "));
  EXPECT_THAT(field_of([&] { inner.node().add_dependency(outer); }),
              HasSubstr("cannot depend on app/s/outer, which contains it"));
  EXPECT_THAT(field_of([&] { outer.node().add_dependency(inner); }),
              HasSubstr("cannot depend on app/s/outer/inner, which is inside it"));
  EXPECT_THAT(field_of([&] { outer.node().add_dependency(elsewhere); }),
              HasSubstr("another construct tree"));
  EXPECT_TRUE(outer.node().dependencies().empty());
}

TEST(ConstructDependency, CycleNamesBothConstructs) {
  App app;
  Stack stack(app, "s");
  Construct a(stack, "a");
  GenericResource in_a(a, "x", "aws_x");
  Construct b(stack, "b");
  Construct b_inner(b, "inner");
  GenericResource in_b(b_inner, "y", "aws_y");
  a.node().add_dependency(b);
  b_inner.node().add_dependency(a);  // inside b: b's resources would follow a's
  auto problems = problems_of(app);
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("synth.construct_dependency_cycle"));
  EXPECT_THAT(problems[0], HasSubstr("app/s/a"));
  EXPECT_THAT(problems[0], HasSubstr("depends on app/s/b"));
  EXPECT_THAT(problems[0], HasSubstr("app/s/b/inner"));
  EXPECT_THAT(problems[0], HasSubstr("depends on app/s/a"));
}

TEST(ConstructDependency, CycleThroughAReferenceIsTheElementCycle) {
  App app;
  Stack stack(app, "s");
  Construct a(stack, "a");
  GenericResource in_a(a, "x", "aws_x");
  Construct b(stack, "b");
  GenericResource in_b(b, "y", "aws_y", {{"x_id", in_a.attribute("id")}});
  a.node().add_dependency(b);  // x follows y, which refers to x
  auto problems = problems_of(app);
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("synth.dependency_cycle"));
  EXPECT_THAT(problems[0], HasSubstr("app/s/a/x"));
  EXPECT_THAT(problems[0], HasSubstr("app/s/b/y"));
}

TEST(ConstructDependency, AcrossStacksIsAStackDependency) {
  App app;
  Stack network(app, "network");
  Construct vpc_group(network, "vpc");
  GenericResource vpc(vpc_group, "main", "aws_vpc");
  Stack service(app, "service");
  Construct api(service, "api");
  GenericResource function(api, "fn", "aws_lambda_function");
  api.node().add_dependency(vpc_group);
  auto result = app.synth_in_memory();
  for (const auto& artifact : result.stacks) {
    if (artifact.name == "service") {
      EXPECT_THAT(artifact.dependencies, ElementsAre("network"));
    } else {
      EXPECT_TRUE(artifact.dependencies.empty());
    }
  }
  // No depends_on across stacks, no remote state for an ordering alone.
  auto document = stack_json(result, "service");
  EXPECT_FALSE(resource(document, function).contains("depends_on"));
  EXPECT_FALSE(document.contains("data"));

  // And a dependency back closes a stack cycle.
  vpc_group.node().add_dependency(api);
  auto problems = problems_of(app);
  ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
  EXPECT_THAT(problems[0], HasSubstr("synth.stack_cycle"));
}

TEST(ConstructDependency, ForgottenWhenEitherSideIsDestroyed) {
  App app;
  Stack stack(app, "s");
  Construct a(stack, "a");
  GenericResource x(a, "x", "aws_x");
  {
    Construct b(stack, "b");
    GenericResource y(b, "y", "aws_y");
    a.node().add_dependency(b);
    EXPECT_EQ(a.node().dependencies().size(), 1u);
  }
  EXPECT_TRUE(a.node().dependencies().empty());
  EXPECT_FALSE(resource(stack_json(app.synth_in_memory(), "s"), x).contains("depends_on"));
}

TEST(SubtreeMove, RenamedConstructMovesEveryResourceAndModule) {
  App app;
  Stack stack(app, "s");
  Construct network(stack, "network");
  network.node().renamed_from("net");
  GenericResource vpc(network, "vpc", "aws_vpc");
  Construct subnets(network, "subnets");
  GenericResource subnet(subnets, "a", "aws_subnet");
  GenericDataSource zones(network, "zones", "aws_availability_zones");  // data: nothing to move
  Module flow_logs(network, "logs", {.source = ModuleSource::registry("acme/logs/aws")});
  GenericResource kept(network, "kept", "aws_s3_bucket");
  kept.override_logical_id("kept_bucket");  // its address does not depend on the path
  auto document = stack_json(app.synth_in_memory(), "s");

  EXPECT_EQ(
      document["moved"],
      json({{{"from", "aws_vpc." + logical_id_for_path("net/vpc")}, {"to", vpc.address()}},
            {{"from", "aws_subnet." + logical_id_for_path("net/subnets/a")},
             {"to", subnet.address()}},
            {{"from", "module." + logical_id_for_path("net/logs")}, {"to", flow_logs.address()}}}));
  EXPECT_EQ(network.node().previous_paths(), std::vector<std::string>{"net"});
}

TEST(SubtreeMove, MovedFromAnotherParentAndNested) {
  App app;
  Stack stack(app, "s");
  Construct data(stack, "data");
  Construct db(data, "db");
  db.node().moved_from_path("legacy/database");
  GenericResource instance(db, "instance", "aws_db_instance");
  // Its own rename too: one block per recorded path, the resource's own moved_from once.
  instance.node().renamed_from("primary");
  instance.moved_from_path("data/db/primary");
  GenericResource top(stack, "top", "aws_s3_bucket");
  top.node().renamed_from("old-top");
  auto document = stack_json(app.synth_in_memory(), "s");
  const std::string to = instance.address();
  EXPECT_EQ(
      document["moved"],
      json({{{"from", "aws_db_instance." + logical_id_for_path("data/db/primary")}, {"to", to}},
            {{"from", "aws_db_instance." + logical_id_for_path("legacy/database/instance")},
             {"to", to}},
            {{"from", "aws_s3_bucket.old-top"}, {"to", "aws_s3_bucket.top"}}}));
}

TEST(SubtreeMove, RefusesStacksAndBadPaths) {
  App app;
  Stack stack(app, "s");
  Construct group(stack, "g");
  EXPECT_THROW(stack.node().renamed_from("old"), ConfigError);
  EXPECT_THROW(group.node().renamed_from("a/b"), ConfigError);
  EXPECT_THROW(group.node().moved_from_path("/abs"), ConfigError);
  EXPECT_THROW(group.node().moved_from_path("a//b"), ConfigError);
  EXPECT_TRUE(group.node().previous_paths().empty());
}

namespace {

class AddsChild : public Aspect {
 public:
  void visit(Construct& construct) override {
    if (construct.node().id() == "s" && !construct.node().try_find_child("added")) {
      construct.make<GenericResource>("added", "aws_s3_bucket");
    }
  }
};

}  // namespace

TEST(TreeLock, AspectsMayAddConstructsValidationsMayNot) {
  App app;
  Stack stack(app, "s");
  Construct group(stack, "group");
  app.node().add_aspect(std::make_shared<AddsChild>());
  bool threw = false;
  std::string message;
  group.node().add_validation([&]() -> std::vector<std::string> {
    try {
      group.make<GenericResource>("late", "aws_s3_bucket");
    } catch (const ConstructError& error) {
      threw = true;
      message = error.what();
      EXPECT_EQ(error.id(), "construct.locked");
    }
    return {};
  });
  auto result = app.synth_in_memory();
  EXPECT_TRUE(threw);
  EXPECT_THAT(message, HasSubstr("[app/s/group] cannot add \"late\""));
  EXPECT_THAT(message, HasSubstr("locked"));
  EXPECT_TRUE(stack_json(result, "s")["resource"]["aws_s3_bucket"].contains("added"));
  // Unlocked again after synthesis, as before it.
  EXPECT_FALSE(app.node().is_locked());
  EXPECT_NO_THROW(GenericResource(group, "after", "aws_s3_bucket"));
}

TEST(TreeLock, LockedSubtreeRefusesChildrenWithTheirLocation) {
  App app;
  Stack stack(app, "s");
  Construct open(stack, "open");
  Group closed(stack, "closed");
  Construct inner(closed, "inner");
  closed.node().lock();
  EXPECT_TRUE(inner.node().is_locked());
  EXPECT_FALSE(open.node().is_locked());
  unsigned child_line = 0;
  try {
    child_line = __LINE__ + 1;
    GenericResource child(inner, "child", "aws_s3_bucket");
    FAIL() << "expected construct.locked";
  } catch (const ConstructError& error) {
    EXPECT_EQ(error.id(), "construct.locked");
    EXPECT_THAT(error.what(), HasSubstr("[app/s/closed/inner] cannot add \"child\""));
    EXPECT_THAT(error.what(),
                HasSubstr("construct_links_test.cpp:" + std::to_string(child_line) + ")"));
  }
  EXPECT_EQ(inner.node().children().size(), 0u);
  EXPECT_NO_THROW(GenericResource(open, "child", "aws_s3_bucket"));
}

TEST(CreationLocation, RecordedWhereTheConstructWasCreated) {
  App app;
  Stack stack(app, "s");
  const unsigned stack_line = __LINE__ - 1;
  GenericResource bucket(stack, "bucket", "aws_s3_bucket");
  const unsigned bucket_line = __LINE__ - 1;
  Group group(stack, "group");
  TerraformData data(group, "data");  // no location of its own: its scope's

  EXPECT_THAT(stack.node().created_at().file_name(), EndsWith("construct_links_test.cpp"));
  EXPECT_EQ(stack.node().created_at().line(), stack_line);
  EXPECT_EQ(bucket.node().created_at().line(), bucket_line);
  EXPECT_EQ(group.node().created_at().line(), kGroupLine);
  EXPECT_EQ(data.node().created_at().line(), kGroupLine);
  EXPECT_THAT(bucket.node().creation_site(),
              EndsWith("construct_links_test.cpp:" + std::to_string(bucket_line)));
  EXPECT_EQ(app.node().creation_site(), "");  // the root records none
#if defined(__cpp_lib_source_location)
  // A class that takes a std::source_location of its own can hand it over.
  data.node().set_created_at(std::source_location::current());
  EXPECT_EQ(data.node().created_at().line(), static_cast<unsigned>(__LINE__ - 1));
#endif
}

TEST(CreationLocation, InProblemsOnRequestNeverInTheJson) {
  App app;
  Stack stack(app, "s");
  GenericResource bucket(stack, "bucket", "aws_s3_bucket");
  const unsigned bucket_line = __LINE__ - 1;
  bool fail = true;
  bucket.node().add_validation([&]() -> std::vector<std::string> {
    if (fail) return {"bucket name missing"};
    return {};
  });
  EXPECT_THAT(problems_of(app), ElementsAre("[app/s/bucket] validation bucket name missing"));
  EXPECT_THAT(problems_of(app, {.source_locations = true}),
              ElementsAre(EndsWith("bucket name missing (created at " +
                                   std::string(bucket.node().created_at().file_name()) + ":" +
                                   std::to_string(bucket_line) + ")")));
  fail = false;
  auto plain = app.synth_in_memory();
  auto located = app.synth_in_memory({.source_locations = true});
  EXPECT_EQ(plain.stacks.at(0).json, located.stacks.at(0).json);
  EXPECT_THAT(located.stacks.at(0).json, Not(HasSubstr("construct_links_test")));
}
