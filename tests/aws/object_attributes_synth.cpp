// object_attributes_synth OUTDIR: a stack whose resources set object-typed attributes through
// their generated structs (a set of objects with members left unset, an object holding objects,
// a required map of objects, an explicit empty list), for the real terraform's whole cycle with
// the stand-in AWS provider (test terraform.stack.object_attributes): the unset members, written
// as null, must pass validate, and the second plan must be empty.
#include <cstdio>
#include <map>
#include <string>

#include "edustack/aws/lexv2models_bot_version.hpp"
#include "edustack/aws/provider.hpp"
#include "edustack/aws/s3tables_table.hpp"
#include "edustack/aws/security_group.hpp"
#include "edustack/aws/vpc.hpp"
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: object_attributes_synth OUTDIR\n");
    return 2;
  }
  namespace aws = edustack::aws;
  try {
    edustack::App app;
    edustack::Stack stack(app, "objects");
    aws::Provider provider(stack, "aws", {.region = "eu-west-2"});
    aws::Vpc vpc(stack, "vpc", {.cidr_block = "10.0.0.0/16"});
    aws::SecurityGroup web(
        stack, "web",
        {.egress = edustack::core::ObjectList<aws::SecurityGroupEgress>::none(),
         .ingress =
             {{.cidr_blocks = {"10.0.0.0/16"}, .from_port = 443, .protocol = "tcp", .to_port = 443},
              {.description = "from itself",
               .from_port = 5432,
               .protocol = "tcp",
               .self = true,
               .to_port = 5432}},
         .name = "web",
         .vpc_id = vpc.id()});
    aws::S3tablesTable table(
        stack, "table",
        {.format = "ICEBERG",
         .maintenance_configuration = {{.iceberg_compaction = {{.status = "enabled"}}}},
         .name = "scores",
         .namespace_ = "assessment",
         .table_bucket_arn = "arn:aws:s3tables:eu-west-2:123456789012:bucket/edu"});
    aws::Lexv2modelsBotVersion bot(
        stack, "bot",
        {.bot_id = "BOT1",
         .locale_specification =
             std::map<std::string, aws::Lexv2modelsBotVersionLocaleSpecification>{
                 {"en_GB", {.source_bot_version = "DRAFT"}}}});
    app.synth(argv[1]);
  } catch (const edustack::Error& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 1;
  }
  return 0;
}
