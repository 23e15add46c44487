#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <edustack/schema/provider_schema.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "schema_fixture.hpp"

using namespace edustack::schema;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {

constexpr const char* kAws = "registry.terraform.io/hashicorp/aws";

// A small schema with two providers, for the format details the AWS schema does not show.
constexpr const char* kTwoProviders = R"({
  "format_version": "1.0",
  "provider_schemas": {
    "registry.terraform.io/hashicorp/aws": {
      "provider": {"version": 0, "block": {"attributes": {
        "region": {"type": "string", "optional": true}}}},
      "resource_schemas": {
        "aws_thing": {"version": 0, "block": {
          "attributes": {
            "id": {"type": "string", "computed": true},
            "name": {"type": "string", "required": true},
            "caf\u00e9": {"type": ["tuple", ["string", "number"]], "optional": true},
            "rules": {"type": ["list", ["object", {"port": "number", "note": "string"}, ["note"]]],
                      "optional": true},
            "settings": {"nested_type": {"nesting_mode": "list", "attributes": {
              "key": {"type": "string", "required": true},
              "value": {"type": "dynamic", "optional": true}}}, "optional": true}
          },
          "block_types": {
            "part": {"nesting_mode": "set", "min_items": 1, "max_items": 3,
                     "block": {"attributes": {"size": {"type": "number", "optional": true}}}}
          }}}
      },
      "data_source_schemas": {"aws_thing": {"version": 0, "block": {}}},
      "schemas_not_included": ["aws_hidden"],
      "provider_version": "9.9.9"
    },
    "registry.example.com/acme/widget": {
      "resource_schemas": {"widget_box": {"version": 0, "block": {"attributes": {
        "colour": {"type": "string", "optional": true}}}}}
    }
  }
})";

struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& text) {
    path = std::filesystem::temp_directory_path() /
           ("edustack-schema-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST(ProviderSchema, LoadsTheSharedAwsSchema) {
  EDUSTACK_REQUIRE_AWS_SCHEMA();
  const ProviderSchema& schema = *aws_schema();
  EXPECT_THAT(schema.providers(), ElementsAre(kAws));
  EXPECT_EQ(schema.provider_version(kAws), "6.47.0");
  EXPECT_EQ(schema.provider_version("hashicorp/aws"), "6.47.0");
  EXPECT_EQ(schema.resource_types(kAws).size(), 1657u);
  EXPECT_EQ(schema.data_source_types(kAws).size(), 662u);
  EXPECT_EQ(schema.origin(), aws_schema_path());
}

TEST(ProviderSchema, DescribesAttributes) {
  EDUSTACK_REQUIRE_AWS_SCHEMA();
  const Block* vpc = aws_schema()->resource("aws_vpc");
  ASSERT_NE(vpc, nullptr);
  const Attribute* cidr = vpc->find_attribute("cidr_block");
  ASSERT_NE(cidr, nullptr);
  EXPECT_EQ(cidr->type.kind, Type::Kind::string);
  EXPECT_TRUE(cidr->optional);
  EXPECT_TRUE(cidr->computed);
  EXPECT_TRUE(cidr->settable());
  const Attribute* arn = vpc->find_attribute("arn");
  ASSERT_NE(arn, nullptr);
  EXPECT_FALSE(arn->settable());
  EXPECT_EQ(vpc->find_attribute("tags")->type.to_string(), "map(string)");
  EXPECT_EQ(vpc->find_attribute("cidr_blok"), nullptr);

  const Block* subnet = aws_schema()->resource("aws_subnet");
  ASSERT_NE(subnet, nullptr);
  EXPECT_TRUE(subnet->find_attribute("vpc_id")->required);

  const Block* group = aws_schema()->resource("aws_security_group");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->find_attribute("ingress")->type.to_string(),
            "set(object({cidr_blocks=list(string), description=string, from_port=number, "
            "ipv6_cidr_blocks=list(string), prefix_list_ids=list(string), protocol=string, "
            "security_groups=set(string), self=bool, to_port=number}))");
}

TEST(ProviderSchema, DescribesNestedBlocks) {
  EDUSTACK_REQUIRE_AWS_SCHEMA();
  const Block* lifecycle = aws_schema()->resource("aws_s3_bucket_lifecycle_configuration");
  ASSERT_NE(lifecycle, nullptr);
  const BlockType* rule = lifecycle->find_block_type("rule");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->nesting, NestingMode::list);
  const BlockType* filter = rule->block->find_block_type("filter");
  ASSERT_NE(filter, nullptr);
  EXPECT_NE(filter->block->find_attribute("prefix"), nullptr);
  EXPECT_EQ(rule->block->find_block_type("transition")->nesting, NestingMode::set);
  EXPECT_EQ(lifecycle->find_block_type("timeouts")->nesting, NestingMode::single);

  const Block* listener = aws_schema()->resource("aws_lb_listener");
  ASSERT_NE(listener, nullptr);
  EXPECT_EQ(listener->find_block_type("default_action")->min_items, 1u);
  EXPECT_EQ(listener->find_block_type("mutual_authentication")->max_items, 1u);
  EXPECT_EQ(listener->find_block_type("default_action")->max_items, 0u);
}

TEST(ProviderSchema, LooksUpTypesByProviderPrefix) {
  EDUSTACK_REQUIRE_AWS_SCHEMA();
  const ProviderSchema& schema = *aws_schema();
  const Lookup vpc = schema.lookup(ElementKind::resource, "aws_vpc");
  EXPECT_EQ(vpc.status, Lookup::Status::found);
  EXPECT_EQ(vpc.provider, kAws);
  EXPECT_NE(vpc.block, nullptr);
  EXPECT_EQ(schema.lookup(ElementKind::resource, "aws_vpc").block, vpc.block);  // cached

  EXPECT_EQ(schema.lookup(ElementKind::data_source, "aws_region").status, Lookup::Status::found);
  EXPECT_EQ(schema.lookup(ElementKind::resource, "aws_region").status,
            Lookup::Status::unknown_type);
  EXPECT_EQ(schema.lookup(ElementKind::resource, "aws_vpcx").status, Lookup::Status::unknown_type);
  EXPECT_EQ(schema.lookup(ElementKind::resource, "aws_wafv2_web_acl").status,
            Lookup::Status::schema_not_included);
  const Lookup random = schema.lookup(ElementKind::resource, "random_pet");
  EXPECT_EQ(random.status, Lookup::Status::no_provider);
  EXPECT_THAT(random.provider, IsEmpty());
  EXPECT_EQ(schema.resource("google_compute_instance"), nullptr);
  EXPECT_EQ(schema.provider_config(kAws), nullptr);  // the shared copy has no provider block
}

TEST(ProviderSchema, DecodesEverySchemaInTheSharedFile) {
  EDUSTACK_REQUIRE_AWS_SCHEMA();
  const ProviderSchema schema = ProviderSchema::load(aws_schema_path());
  EXPECT_NO_THROW(schema.decode_all());
}

TEST(ProviderSchema, ParsesSeveralProvidersFromAString) {
  const ProviderSchema schema = ProviderSchema::parse(kTwoProviders, "two.json");
  EXPECT_THAT(schema.providers(), ElementsAre("registry.example.com/acme/widget",
                                              "registry.terraform.io/hashicorp/aws"));
  EXPECT_EQ(schema.provider_version("hashicorp/aws"), "9.9.9");
  EXPECT_EQ(schema.provider_version("registry.example.com/acme/widget"), "");
  EXPECT_THAT(schema.resource_types("registry.example.com/acme/widget"), ElementsAre("widget_box"));

  const Lookup widget = schema.lookup(ElementKind::resource, "widget_box");
  EXPECT_EQ(widget.status, Lookup::Status::found);
  EXPECT_EQ(widget.provider, "registry.example.com/acme/widget");
  EXPECT_EQ(schema.lookup(ElementKind::resource, "aws_hidden").status,
            Lookup::Status::schema_not_included);
  // A source hint (from required_providers) wins over the prefix.
  EXPECT_EQ(schema.lookup(ElementKind::resource, "widget_box", "hashicorp/aws").status,
            Lookup::Status::unknown_type);

  const Block* thing = schema.resource("aws_thing");
  ASSERT_NE(thing, nullptr);
  EXPECT_EQ(thing->find_attribute("caf\xc3\xa9")->type.to_string(), "tuple([string, number])");
  const Type& rules = thing->find_attribute("rules")->type;
  EXPECT_EQ(rules.to_string(), "list(object({note=string, port=number}))");
  EXPECT_THAT(rules.elements[0].optional_attributes, ElementsAre("note"));
  const Attribute* settings = thing->find_attribute("settings");
  ASSERT_NE(settings->nested, nullptr);
  EXPECT_EQ(settings->nested_mode, NestingMode::list);
  EXPECT_TRUE(settings->nested->find_attribute("key")->required);
  EXPECT_EQ(settings->nested->find_attribute("value")->type.kind, Type::Kind::dynamic);
  const BlockType* part = thing->find_block_type("part");
  EXPECT_EQ(part->min_items, 1u);
  EXPECT_EQ(part->max_items, 3u);
  EXPECT_EQ(to_string(part->nesting), "set");

  const Block* provider = schema.provider_config("hashicorp/aws");
  ASSERT_NE(provider, nullptr);
  EXPECT_NE(provider->find_attribute("region"), nullptr);
  EXPECT_NO_THROW(schema.decode_all());
}

TEST(ProviderSchema, LoadsAFile) {
  TempFile file(kTwoProviders);
  const ProviderSchema schema = ProviderSchema::load(file.path);
  EXPECT_EQ(schema.origin(), file.path.string());
  EXPECT_NE(schema.resource("aws_thing"), nullptr);
}

TEST(ProviderSchema, LoadsSeveralFilesAsOneSchema) {
  TempFile aws(kTwoProviders);
  std::filesystem::path random = aws.path.string() + ".random.json";
  std::ofstream(random) << R"({"provider_schemas": {"registry.terraform.io/hashicorp/random": {
    "resource_schemas": {"random_pet": {"block": {"attributes": {"length": {"type": "number",
      "optional": true}}}}},
    "ephemeral_resource_schemas": {"random_password": {"block": {"attributes": {}}}}}}})";
  const ProviderSchema schema = ProviderSchema::load({aws.path, random});
  EXPECT_EQ(schema.origin(), aws.path.string() + " + " + random.string());
  EXPECT_NE(schema.resource("aws_thing"), nullptr) << "the first file's types";
  ASSERT_NE(schema.resource("random_pet"), nullptr) << "the second file's types";
  EXPECT_NE(schema.resource("random_pet")->find_attribute("length"), nullptr);
  EXPECT_EQ(schema.lookup(ElementKind::ephemeral_resource, "random_password").status,
            Lookup::Status::found);
  EXPECT_TRUE(schema.has_provider("hashicorp/random"));
  EXPECT_NO_THROW(schema.decode_all());

  try {
    (void)ProviderSchema::load({aws.path, random, aws.path});
    FAIL() << "a provider in two files was accepted";
  } catch (const SchemaError& error) {
    EXPECT_EQ(error.id(), "schema.duplicate_provider");
    EXPECT_THAT(error.what(), HasSubstr("is in two schema files"));
  }
  std::filesystem::remove(random);
}

TEST(ProviderSchema, MissingFileIsAnIoError) {
  try {
    (void)ProviderSchema::load("/nonexistent/schema.json");
    FAIL() << "expected IoError";
  } catch (const edustack::IoError& error) {
    EXPECT_EQ(error.id(), "schema.read_failed");
    EXPECT_THAT(error.what(), HasSubstr("/nonexistent/schema.json"));
    EXPECT_THAT(error.what(), HasSubstr("no such file"));
  }
}

TEST(ProviderSchema, MalformedJsonNamesTheByte) {
  TempFile file(R"({"provider_schemas": {"x": {"resource_schemas": {"a": [1, 2,]}}}})");
  try {
    (void)ProviderSchema::load(file.path);
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_EQ(error.id(), "schema.malformed");
    EXPECT_THAT(error.what(), HasSubstr(file.path.string() +
                                        ": not valid JSON at byte 60: unexpected character"));
  }
  for (const char* bad : {"", "   ", "[]", R"({"a": tru})", R"({"a": "unterminated})",
                          R"({"a": 01})", R"({"a": "\q"})", R"({"a": 1} x)", R"({"a" 1})"}) {
    EXPECT_THROW((void)ProviderSchema::parse(bad), SchemaError) << bad;
  }
}

TEST(ProviderSchema, RejectsDocumentsThatAreNotProviderSchemas) {
  try {
    (void)ProviderSchema::parse(R"({"resource": {"aws_vpc": {}}})", "main.tf.json");
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_EQ(std::string(error.what()),
              "main.tf.json: has no \"provider_schemas\"; expected the output of `terraform "
              "providers schema -json`");
  }
}

TEST(ProviderSchema, AMalformedTypeSchemaFailsWhenLookedUp) {
  const ProviderSchema schema = ProviderSchema::parse(R"({"provider_schemas": {
    "registry.terraform.io/hashicorp/aws": {"resource_schemas": {
      "aws_good": {"block": {"attributes": {"a": {"type": "string", "optional": true}}}},
      "aws_bad": {"block": {"attributes": {"a": {"type": ["frob", "string"]}}}},
      "aws_empty": {"version": 1}}}}})",
                                                      "odd.json");
  EXPECT_NE(schema.resource("aws_good"), nullptr);
  try {
    (void)schema.resource("aws_bad");
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_EQ(std::string(error.what()), "odd.json: schema of aws_bad.a: unknown type \"frob\"");
  }
  EXPECT_THROW((void)schema.resource("aws_empty"), SchemaError);
  EXPECT_THROW(schema.decode_all(), SchemaError);
}
