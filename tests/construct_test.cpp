#include <gtest/gtest.h>

#include <edustack/edustack.hpp>

using namespace edustack;

TEST(Construct, PathJoinsIdsFromTheRoot) {
  App app;
  Stack stack(app, "stack");
  Construct network(stack, "network");
  Construct vpc(network, "vpc");
  EXPECT_EQ(vpc.node().path(), "app/stack/network/vpc");
  EXPECT_EQ(&vpc.node().root(), &app);
}
