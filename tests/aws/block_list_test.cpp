// List block fields are core::BlockList<Block> (docs/generator.md, "Nested blocks"): they accept
// the forms users write for a std::vector<Block> and synthesize the same JSON; and BlockList
// itself behaves like the vector it replaces.
#include "edustack/core/block_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "edustack/aws/ecs_task_definition.hpp"
#include "edustack/aws/lb_listener.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/tls/self_signed_cert.hpp"
#include "synth_one_stack.hpp"

namespace {

using namespace edustack;
using nlohmann::json;

using Volume = aws::EcsTaskDefinitionVolume;
using Action = aws::LbListenerDefaultAction;

static_assert(std::is_same_v<decltype(aws::EcsTaskDefinitionConfig::volume), BlockList<Volume>>);
static_assert(
    std::is_base_of_v<BlockList<Action>, decltype(aws::LbListenerConfig::default_action)>);
static_assert(std::is_same_v<decltype(tls::SelfSignedCertConfig::subject),
                             BlockList<tls::SelfSignedCertSubject>>);

class BlockListFields : public ::testing::Test {
 protected:
  aws::EcsTaskDefinitionConfig task(BlockList<Volume> volumes) {
    return {.container_definitions = "[]", .family = "app", .volume = std::move(volumes)};
  }

  App app;
  Stack stack{app, "test"};
};

TEST_F(BlockListFields, AnOptionalListBlockAcceptsTheFormsOfAVector) {
  const std::vector<Volume> two{{.name = "a"}, {.host_path = "/b", .name = "b"}};
  aws::EcsTaskDefinition braced(stack, "braced",
                                {.container_definitions = "[]",
                                 .family = "app",
                                 .volume = {{.name = "a"}, {.host_path = "/b", .name = "b"}}});
  aws::EcsTaskDefinition from_vector(
      stack, "from_vector", {.container_definitions = "[]", .family = "app", .volume = two});
  std::vector<Volume> moved = two;
  aws::EcsTaskDefinition from_moved_vector(
      stack, "from_moved_vector",
      {.container_definitions = "[]", .family = "app", .volume = std::move(moved)});
  aws::EcsTaskDefinition pushed(stack, "pushed", task({}));
  pushed.config().volume.push_back({.name = "a"});
  Volume b{.host_path = "/b", .name = "b"};
  pushed.config().volume.push_back(b);
  aws::EcsTaskDefinition emplaced(stack, "emplaced", task({}));
  emplaced.config().volume.reserve(2);
  emplaced.config().volume.emplace_back(Volume{.name = "a"});
  emplaced.config().volume.emplace_back(b);
  aws::EcsTaskDefinition assigned(stack, "assigned", task({{.name = "gone"}}));
  assigned.config().volume = two;
  aws::EcsTaskDefinition assigned_braced(stack, "assigned_braced", task({}));
  assigned_braced.config().volume = {{.name = "a"}, {.host_path = "/b", .name = "b"}};
  aws::EcsTaskDefinition cleared(stack, "cleared", task(two));
  cleared.config().volume.clear();
  aws::EcsTaskDefinition emptied(stack, "emptied", task(two));
  emptied.config().volume = {};

  const json doc = aws_tests::synth_one_stack(app);
  const json& defs = doc["resource"]["aws_ecs_task_definition"];
  const json expected = json::parse(R"([{"name": "a"}, {"host_path": "/b", "name": "b"}])");
  for (const char* name : {"braced", "from_vector", "from_moved_vector", "pushed", "emplaced",
                           "assigned", "assigned_braced"}) {
    EXPECT_EQ(defs[name]["volume"], expected) << name;
  }
  // An empty list block is not written (as with std::vector).
  EXPECT_FALSE(defs["cleared"].contains("volume"));
  EXPECT_FALSE(defs["emptied"].contains("volume"));
}

TEST_F(BlockListFields, ReadingAListBlockAsAVector) {
  aws::EcsTaskDefinition def(stack, "def", task({{.name = "a"}, {.name = "b"}, {.name = "c"}}));
  const BlockList<Volume>& volumes = def.config().volume;
  ASSERT_EQ(volumes.size(), 3u);
  EXPECT_FALSE(volumes.empty());
  std::vector<std::string> names;
  for (const Volume& volume : volumes) names.push_back(volume.name.value().as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(volumes[1].name.value().as_string(), "b");
  EXPECT_EQ(volumes.back().name.value().as_string(), "c");
  EXPECT_EQ(volumes.front().name.value().as_string(), "a");
  EXPECT_EQ(volumes.end() - volumes.begin(), 3);
  EXPECT_EQ(std::count_if(volumes.begin(), volumes.end(),
                          [](const Volume& v) { return v.name.value().as_string() != "b"; }),
            2);
  std::vector<Volume> copy = volumes.to_vector();
  EXPECT_EQ(copy.size(), 3u);
  EXPECT_THROW((void)volumes.at(3), std::out_of_range);
}

TEST_F(BlockListFields, ARequiredListBlockAcceptsTheFormsOfAVector) {
  const std::vector<Action> forward{{.target_group_arn = "arn:tg", .type = "forward"}};
  aws::LbListener braced(stack, "braced",
                         {.default_action = {{.target_group_arn = "arn:tg", .type = "forward"}},
                          .load_balancer_arn = "arn:lb",
                          .port = 80});
  aws::LbListener from_vector(
      stack, "from_vector", {.default_action = forward, .load_balancer_arn = "arn:lb", .port = 80});
  aws::LbListener pushed(stack, "pushed",
                         {.default_action = {{.target_group_arn = "arn:tg", .type = "forward"}},
                          .load_balancer_arn = "arn:lb",
                          .port = 80});
  pushed.config().default_action.push_back({.order = 2, .type = "fixed-response"});
  pushed.config().default_action.back().fixed_response = {{.content_type = "text/plain"}};

  const json doc = aws_tests::synth_one_stack(app);
  const json& listeners = doc["resource"]["aws_lb_listener"];
  const json one = json::parse(R"([{"target_group_arn": "arn:tg", "type": "forward"}])");
  EXPECT_EQ(listeners["braced"]["default_action"], one);
  EXPECT_EQ(listeners["from_vector"]["default_action"], one);
  EXPECT_EQ(listeners["pushed"]["default_action"], json::parse(R"([
    {"target_group_arn": "arn:tg", "type": "forward"},
    {"fixed_response": [{"content_type": "text/plain"}], "order": 2, "type": "fixed-response"}
  ])"));
}

TEST_F(BlockListFields, AHeaderOnlyTypesListBlock) {
  tls::SelfSignedCert cert(stack, "cert",
                           {.allowed_uses = {"server_auth"},
                            .private_key_pem = "pem",
                            .subject = {{.common_name = "example.com", .organization = "Edu"}},
                            .validity_period_hours = 24});
  EXPECT_EQ(aws_tests::synth_one_stack(app)["resource"]["tls_self_signed_cert"]["cert"]["subject"],
            json::parse(R"([{"common_name": "example.com", "organization": "Edu"}])"));
}

// BlockList on its own, with a type like the blocks' (not default-constructible usefully, owning).
struct Item {
  std::string name;
  bool operator==(const Item&) const = default;
};

std::vector<std::string> names_of(const BlockList<Item>& items) {
  std::vector<std::string> names;
  for (const Item& item : items) names.push_back(item.name);
  return names;
}

TEST(BlockList, GrowsKeepingItsItemsInOrder) {
  BlockList<Item> items;
  EXPECT_TRUE(items.empty());
  EXPECT_EQ(items.capacity(), 0u);
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    items.push_back({"item " + std::to_string(i)});
    expected.push_back("item " + std::to_string(i));
    ASSERT_GE(items.capacity(), items.size());
  }
  EXPECT_EQ(names_of(items), expected);
  items.pop_back();
  expected.pop_back();
  EXPECT_EQ(names_of(items), expected);
}

TEST(BlockList, AppendingOneOfItsOwnItemsWhileGrowing) {
  BlockList<Item> items{{"a"}};
  for (int i = 0; i < 5; ++i) {
    items.push_back(items[0]);  // may reallocate: the argument must be copied first
    items.emplace_back(items.back());
  }
  EXPECT_EQ(items.size(), 11u);
  for (const Item& item : items) EXPECT_EQ(item.name, "a");
}

TEST(BlockList, CopiesAreIndependentAndMovesLeaveItEmpty) {
  BlockList<Item> items{{"a"}, {"b"}};
  BlockList<Item> copy = items;
  copy[0].name = "changed";
  EXPECT_EQ(names_of(items), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names_of(copy), (std::vector<std::string>{"changed", "b"}));

  BlockList<Item> moved = std::move(copy);
  EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_EQ(names_of(moved), (std::vector<std::string>{"changed", "b"}));

  BlockList<Item> assigned{{"x"}};
  assigned = items;
  EXPECT_EQ(assigned, items);
  assigned = std::move(moved);
  EXPECT_EQ(names_of(assigned), (std::vector<std::string>{"changed", "b"}));
  assigned = assigned;  // self-assignment keeps the items
  EXPECT_EQ(names_of(assigned), (std::vector<std::string>{"changed", "b"}));
  EXPECT_NE(assigned, items);

  BlockList<Item> other{{"o"}};
  swap(assigned, other);
  EXPECT_EQ(names_of(assigned), (std::vector<std::string>{"o"}));
  EXPECT_EQ(names_of(other), (std::vector<std::string>{"changed", "b"}));
}

TEST(BlockList, ReserveAndClear) {
  BlockList<Item> items{{"a"}, {"b"}};
  items.reserve(100);
  EXPECT_EQ(items.capacity(), 100u);
  EXPECT_EQ(names_of(items), (std::vector<std::string>{"a", "b"}));
  items.reserve(1);  // never shrinks
  EXPECT_EQ(items.capacity(), 100u);
  items.clear();
  EXPECT_TRUE(items.empty());
  EXPECT_EQ(items.capacity(), 100u);
  items.push_back({"c"});
  EXPECT_EQ(items.to_vector(), (std::vector<Item>{{"c"}}));
}

// The copy taken when an item's move may throw (a copy-only type): an exception while growing
// leaves the list as it was.
struct Fragile {
  static inline int copies_left = 1000;
  int value = 0;
  explicit Fragile(int v) : value(v) {}
  Fragile(const Fragile& other) : value(other.value) {
    if (--copies_left < 0) throw std::runtime_error("copy");
  }
  Fragile& operator=(const Fragile&) = default;
  ~Fragile() = default;
};

TEST(BlockList, AFailedGrowthLeavesTheListAsItWas) {
  Fragile::copies_left = 1000;
  BlockList<Fragile> items;
  items.emplace_back(1);
  items.emplace_back(2);  // capacity 2
  Fragile::copies_left = 1;
  EXPECT_THROW(items.emplace_back(3), std::runtime_error);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].value, 1);
  EXPECT_EQ(items[1].value, 2);
  Fragile::copies_left = 1000;
}

}  // namespace
