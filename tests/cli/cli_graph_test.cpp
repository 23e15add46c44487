// `graph` draws construct-level dependencies (Node::add_dependency) as synthesis resolves them:
// cli::run on an app built in the test, its output captured.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <edustack/cli.hpp>
#include <edustack/edustack.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

using namespace edustack;
using ::testing::HasSubstr;
using ::testing::Not;

std::string graph_of(App& app, const char* format) {
  std::vector<std::string> arguments{"app", "graph", "--format", format};
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  ::testing::internal::CaptureStdout();
  int code = cli::run(app, static_cast<int>(argv.size()), argv.data());
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(code, 0);
  return out;
}

// A construct ("service": a queue and a topic) depends on another ("storage": a bucket and its
// policy, which refers to the bucket); the topic also refers to the queue.
struct DependencyApp {
  App app;
  Stack stack{app, "s"};
  Construct storage{stack, "storage"};
  GenericResource bucket{storage, "bucket", "aws_s3_bucket", {{"bucket", "b"}}};
  GenericResource policy{
      storage, "policy", "aws_s3_bucket_policy", {{"bucket", bucket.attribute("id")}}};
  Construct service{stack, "service"};
  GenericResource queue{service, "queue", "aws_sqs_queue", {{"name", "q"}}};
  GenericResource topic{service, "topic", "aws_sns_topic", {{"name", queue.attribute("name")}}};

  DependencyApp() { service.node().add_dependency(storage); }
};

TEST(CliGraph, ConstructDependenciesAreDashedArrowsToTheResources) {
  DependencyApp with;
  std::string dot = graph_of(with.app, "dot");
  // n0 bucket, n1 policy, n2 queue, n3 topic: references first, then the resolved dependency of
  // each resource of "service" on each resource of "storage".
  EXPECT_THAT(dot, HasSubstr("n0 [label=\"bucket\\naws_s3_bucket\""));
  EXPECT_THAT(dot, HasSubstr("n3 [label=\"topic\\naws_sns_topic\""));
  EXPECT_THAT(dot, HasSubstr("  n1 -> n0;\n  n3 -> n2;\n"
                             "  n2 -> n0 [style=dashed, tooltip=\"construct dependency\"];\n"
                             "  n2 -> n1 [style=dashed, tooltip=\"construct dependency\"];\n"
                             "  n3 -> n0 [style=dashed, tooltip=\"construct dependency\"];\n"
                             "  n3 -> n1 [style=dashed, tooltip=\"construct dependency\"];\n}\n"));
  std::string mermaid = graph_of(with.app, "mermaid");
  EXPECT_THAT(mermaid, HasSubstr("  n1 --> n0\n  n3 --> n2\n"
                                 "  n2 -.-> n0\n  n2 -.-> n1\n  n3 -.-> n0\n  n3 -.-> n1\n"));
  // The same pairs synthesis writes as depends_on.
  auto result = with.app.synth_in_memory();
  ASSERT_EQ(result.stacks.size(), 1u);
  auto document = nlohmann::json::parse(result.stacks[0].json);
  const nlohmann::json expected{with.bucket.address(), with.policy.address()};
  for (const auto& [type, name] :
       {std::pair{"aws_sqs_queue", &with.queue}, std::pair{"aws_sns_topic", &with.topic}}) {
    EXPECT_EQ(document["resource"][type][name->logical_id()]["depends_on"], expected) << type;
  }
}

TEST(CliGraph, NoDashedArrowWithoutAConstructDependency) {
  App app;
  Stack stack(app, "s");
  GenericResource bucket(stack, "bucket", "aws_s3_bucket", {{"bucket", "b"}});
  GenericResource queue(stack, "queue", "aws_sqs_queue", {{"name", "q"}});
  queue.add_dependency(bucket);  // an element's own depends_on: a plain arrow, as before
  std::string dot = graph_of(app, "dot");
  EXPECT_THAT(dot, HasSubstr("  n1 -> n0;\n}\n"));
  EXPECT_THAT(dot, Not(HasSubstr("dashed, tooltip")));
}

}  // namespace
