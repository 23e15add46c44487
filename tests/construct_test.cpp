#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/edustack.hpp>

using namespace edustack;
using ::testing::HasSubstr;

namespace {

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return std::string(e.id()) + ": " + e.what();
  }
  return "no error";
}

}  // namespace

TEST(Construct, PathJoinsIdsFromTheRoot) {
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  Construct vpc(network, "vpc");
  EXPECT_EQ(vpc.node().path(), "app/stack/network/vpc");
  EXPECT_EQ(&vpc.node().root(), &app);
  EXPECT_EQ(vpc.node().scope(), &network);
}

TEST(Construct, ChildrenKeepInsertionOrder) {
  App app;
  Stack stack(app, "stack");
  Construct b(stack, "b");
  Construct a(stack, "a");
  Construct c(stack, "c");
  ASSERT_EQ(stack.node().children().size(), 3u);
  EXPECT_EQ(stack.node().children()[0], &b);
  EXPECT_EQ(stack.node().children()[1], &a);
  EXPECT_EQ(stack.node().children()[2], &c);
}

TEST(Construct, FindsByRelativePath) {
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  Construct vpc(network, "vpc");
  EXPECT_EQ(&app.node().find("stack/network/vpc"), &vpc);
  EXPECT_EQ(stack.node().try_find("network/vpc"), &vpc);
  EXPECT_EQ(stack.node().try_find("network/nope"), nullptr);
  EXPECT_EQ(&network.node().find_child("vpc"), &vpc);
  EXPECT_THAT(error_of([&] { app.node().find("stack/missing"); }),
              HasSubstr("construct.not_found: [app] no construct at path \"stack/missing\""));
}

TEST(Construct, FindAllIsDepthFirstInInsertionOrder) {
  App app;
  Stack stack(app, "s");
  Construct a(stack, "a");
  Construct a1(a, "a1");
  Construct b(stack, "b");
  std::vector<std::string> paths;
  for (auto* c : app.node().find_all()) paths.push_back(c->node().path());
  EXPECT_EQ(paths, (std::vector<std::string>{"app", "app/s", "app/s/a", "app/s/a/a1", "app/s/b"}));
}

TEST(Construct, RejectsEmptyId) {
  App app;
  Stack stack(app, "stack");
  EXPECT_EQ(error_of([&] { Construct bad(stack, ""); }),
            "construct.invalid_id: [app/stack] invalid construct id: an id must not be empty");
}

TEST(Construct, RejectsSlashInId) {
  App app;
  Stack stack(app, "stack");
  EXPECT_EQ(error_of([&] { Construct bad(stack, "a/b"); }),
            "construct.invalid_id: [app/stack/a/b] invalid construct id: \"a/b\" must not "
            "contain \"/\"");
}

TEST(Construct, RejectsDuplicateSiblingIdNamingTheScope) {
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  Construct vpc(network, "vpc");
  EXPECT_EQ(error_of([&] { Construct again(network, "vpc"); }),
            "construct.duplicate_id: [app/stack/network] there is already a construct with id "
            "\"vpc\" in this scope");
  // The failed construct left the tree as it was.
  EXPECT_EQ(network.node().children().size(), 1u);
}

TEST(Construct, SameIdUnderDifferentScopesIsFine) {
  App app;
  Stack stack(app, "stack");
  Construct a(stack, "a");
  Construct b(stack, "b");
  Construct x1(a, "x");
  Construct x2(b, "x");
  EXPECT_NE(x1.node().path(), x2.node().path());
}

TEST(Construct, DestroyedChildLeavesItsScope) {
  App app;
  Stack stack(app, "stack");
  {
    Construct temporary(stack, "temporary");
    EXPECT_EQ(stack.node().children().size(), 1u);
  }
  EXPECT_TRUE(stack.node().children().empty());
  Construct again(stack, "temporary");  // the id is free again
  EXPECT_EQ(stack.node().children().size(), 1u);
}

TEST(Construct, MakeCreatesOwnedChildren) {
  App app;
  Stack stack(app, "stack");
  auto& group = stack.make<Construct>("group");
  for (int i = 0; i < 3; ++i) group.make<Construct>("item" + std::to_string(i));
  EXPECT_EQ(group.node().children().size(), 3u);
  EXPECT_EQ(app.node().find("stack/group/item2").node().path(), "app/stack/group/item2");
}

TEST(Construct, ElementOutsideAStackIsAnError) {
  App app;
  Construct loose(app, "loose");
  EXPECT_THAT(error_of([&] { GenericResource r(loose, "r", "aws_vpc"); }),
              HasSubstr("construct.no_stack: [app/loose/r] a Terraform element must be created "
                        "inside a Stack"));
}

TEST(Construct, ValidationsCollectMessages) {
  App app;
  Stack stack(app, "stack");
  Construct c(stack, "c");
  c.node().add_validation([] { return std::vector<std::string>{"first", "second"}; });
  EXPECT_EQ(c.node().validate(), (std::vector<std::string>{"first", "second"}));
}

TEST(Construct, AppMakesStacksItOwns) {
  struct MyStack : Stack {
    MyStack(App& app, std::string_view id, int count) : Stack(app, id) {
      for (int i = 0; i < count; ++i) make<Construct>("c" + std::to_string(i));
    }
  };
  App app;
  auto& stack = app.make<MyStack>("mine", 2);
  EXPECT_EQ(app.stacks(), std::vector<Stack*>{&stack});
  EXPECT_EQ(stack.node().children().size(), 2u);
}
