// A user-defined compliance rule next to the FERPA pack.
//
// The rule: queues that carry coursework uploads keep messages for at least 4 days, so a
// weekend outage of the consumer loses nothing. It runs at synthesis like the built-in rules,
// can be suppressed the same way, and appears in every report format.
//
//   ./custom_rule            prints the text report (exit code 1 on unsuppressed errors)
//   ./custom_rule OUTDIR     also writes the stack into OUTDIR (the terraform tests apply it)

#include <edustack/compliance.hpp>
#include <edustack/edustack.hpp>
#include <iostream>

using namespace edustack;
namespace compliance = edustack::compliance;

namespace {

std::shared_ptr<const compliance::Rule> queue_retention_rule() {
  return compliance::make_rule(
      {.id = "ACME-SQS-001",
       .severity = compliance::Severity::warning,
       .message = "queue keeps messages for less than 4 days",
       .fix = "set message_retention_seconds to 345600 or more",
       .resource_types = {"aws_sqs_queue"}},
      [](const compliance::ResourceView& queue) -> compliance::Violations {
        const Value* retention = queue.get("message_retention_seconds");
        auto seconds = compliance::number(retention);
        if (seconds && *seconds >= 345600) return {};  // compliant
        // One violation; its text is appended to the rule's message.
        return {"message_retention_seconds is " +
                (retention ? compliance::text(retention) : std::string("not set (4 days)"))};
      });
}

}  // namespace

int main(int argc, char** argv) {
  App app;
  Stack stack(app, "courses");
  Provider aws(
      stack, "aws",
      {.name = "aws",
       .source = "hashicorp/aws",
       .version = "~> 6.0",
       .arguments = Value::Object{
           {"region", "eu-west-2"},
           {"default_tags",
            Value::List{Value::Object{{"tags", Value::Object{{"DataClassification", "internal"},
                                                             {"Environment", "dev"}}}}}}}});
  compliance::enable(stack, {.rules = {queue_retention_rule()}});

  GenericResource key(stack, "key", "aws_kms_key", {{"enable_key_rotation", true}});
  // Flagged by the custom rule (a warning: synthesis still succeeds).
  GenericResource uploads(
      stack, "uploads", "aws_sqs_queue",
      {{"kms_master_key_id", key.attribute("arn")}, {"message_retention_seconds", 3600}});
  // Also flagged, but suppressed with a reason: listed in the report, never silent.
  GenericResource pings(
      stack, "pings", "aws_sqs_queue",
      {{"kms_master_key_id", key.attribute("arn")}, {"message_retention_seconds", 60}});
  compliance::suppress(pings, "ACME-SQS-001", "health pings are worthless after a minute");

  auto report = compliance::check(app);
  std::cout << compliance::to_text(report);
  // `custom_rule OUTDIR` also writes the stack (OUTDIR/stacks/courses/main.tf.json).
  if (argc > 1) {
    try {
      app.synth(argv[1]);
    } catch (const Error& error) {
      std::cerr << "error: " << error.what() << "\n";
      return 1;
    }
  }
  return report.passed() ? 0 : 1;
}
