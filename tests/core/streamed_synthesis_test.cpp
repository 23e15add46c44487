// Stack::synthesize writes a stack's document piece by piece (each element's body to text as
// soon as it is synthesized); a stack with document overrides is built as a Value document
// instead. These tests build the same app twice, once with a document override that changes
// nothing (so it takes the Value document), and compare the texts byte for byte: every kind of
// element, the positions Terraform reads verbatim, "${" in keys and strings, lists of blocks,
// cross-stack outputs and remote state, metadata. Problems are reported as before either way.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <edustack/edustack.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

using namespace edustack;

namespace {

std::vector<std::string> streamed_problem_lines(const SynthError& error) {
  std::vector<std::string> lines;
  for (const auto& problem : error.problems()) lines.push_back(problem.to_string());
  return lines;
}

// An app of two stacks; with value_document, each stack has an override that sets what is
// there already (the required version), which makes it build the whole document as a Value.
struct StreamedApp {
  App app;
  Stack network{app, "network", {.required_version = ">= 1.11"}};
  Stack data{app, "data", {.required_version = ">= 1.11"}};
  std::vector<std::unique_ptr<Construct>> owned;

  template <class T, class... Args>
  T& make(Args&&... args) {
    owned.push_back(std::make_unique<T>(std::forward<Args>(args)...));
    return static_cast<T&>(*owned.back());
  }

  explicit StreamedApp(bool value_document) {
    make<LocalBackend>(network, "state");
    make<LocalBackend>(data, "state",
                       LocalBackendConfig{.path = "state-${keep}.tfstate", .workspace_dir = ""});
    make<Provider>(network, "aws",
                   ProviderConfig{.name = "aws",
                                  .source = "hashicorp/aws",
                                  .version = "~> 6.0",
                                  .alias = "",
                                  .arguments = Value::Object{{"region", "eu-west-2"}}});
    make<Provider>(network, "aws_west",
                   ProviderConfig{.name = "aws",
                                  .source = "",
                                  .version = "",
                                  .alias = "west",
                                  .arguments = Value::Object{{"region", "eu-west-1"}}});
    make<Variable>(network, "size",
                   VariableConfig{.type = "number",
                                  .default_ = "${keep}",
                                  .description = "%{keep}",
                                  .sensitive = false,
                                  .nullable = false,
                                  .ephemeral = false});
    make<Local>(network, "name", Value("edu-${literal}"));
    Construct& inner = make<Construct>(network, "inner");
    auto& vpc = make<GenericResource>(
        inner, "vpc", "aws_vpc",
        Value::Object{{"cidr_block", "10.0.0.0/16"},
                      {"tags", Value::Object{{"${key}", "%{value}"}, {"Name", "vpc"}}},
                      {"list", Value::List{"${x}", Value::List{}, Value::Object{}}},
                      {"nested", Value::Object{{"k", Value::List{Value::Object{{"a", 1.5}}}}}},
                      {"escaped", "quote \" backslash \\ tab \t newline \n ü"}});
    vpc.moved_from_path("vpc");
    vpc.import_from("vpc-0123");
    auto& bucket = make<GenericResource>(network, "bucket", "aws_s3_bucket",
                                         Value::Object{{"bucket", "b"}, {"count", 2}});
    bucket.add_override("lifecycle.ignore_changes", Value::List{"tags"});
    make<GenericDataSource>(network, "zones", "aws_availability_zones",
                            Value::Object{{"state", "available"}});
    make<Output>(network, "bucket_arn",
                 OutputConfig{.value = bucket.attribute("arn"),
                              .description = "ARN ${not escaped}",
                              .sensitive = false,
                              .depends_on = {bucket}});
    // References across stacks: an output in network, terraform_remote_state in data.
    make<GenericResource>(
        data, "subnet", "aws_subnet",
        Value::Object{{"vpc_id", Value(vpc.attribute("id"))},
                      {"name", Value(fn::format("%s-${literal}", {vpc.attribute("arn")}))}});
    make<GenericResource>(data, "empty", "aws_s3_bucket");
    if (value_document) {
      network.add_override("terraform.required_version", ">= 1.11");
      data.add_override("terraform.required_version", ">= 1.11");
    }
  }
};

void expect_streamed_same_texts(const SynthOptions& options) {
  StreamedApp streamed(false);
  StreamedApp value_document(true);
  auto a = streamed.app.synth_in_memory(options);
  auto b = value_document.app.synth_in_memory(options);
  ASSERT_EQ(a.stacks.size(), 2u);
  ASSERT_EQ(b.stacks.size(), 2u);
  for (std::size_t i = 0; i < a.stacks.size(); ++i) {
    EXPECT_EQ(a.stacks[i].json, b.stacks[i].json) << a.stacks[i].name;
    EXPECT_EQ(a.stacks[i].resource_count, b.stacks[i].resource_count);
  }
  // The texts hold what the checks look for (so that the comparison compares something).
  const std::string& network = a.stacks[0].name == "network" ? a.stacks[0].json : a.stacks[1].json;
  const std::string& data = a.stacks[0].name == "data" ? a.stacks[0].json : a.stacks[1].json;
  EXPECT_NE(network.find("\"$${key}\": \"%%{value}\""), std::string::npos);
  EXPECT_NE(network.find("\"description\": \"%{keep}\""), std::string::npos);
  EXPECT_NE(network.find("\"description\": \"ARN ${not escaped}\""), std::string::npos);
  EXPECT_NE(network.find("\"moved\": ["), std::string::npos);
  EXPECT_NE(network.find("\"import\": ["), std::string::npos);
  EXPECT_NE(network.find("\"alias\": \"west\""), std::string::npos);
  EXPECT_NE(data.find("\"path\": \"state-${keep}.tfstate\""), std::string::npos);
  EXPECT_NE(data.find("terraform_remote_state"), std::string::npos);
  EXPECT_EQ(options.metadata, network.find("\"//\": {") != std::string::npos);
}

}  // namespace

TEST(StreamedSynthesis, SameTextAsTheValueDocument) { expect_streamed_same_texts({}); }

TEST(StreamedSynthesis, SameTextAsTheValueDocumentWithMetadata) {
  SynthOptions options;
  options.metadata = true;
  expect_streamed_same_texts(options);
}

// A problem found while the document is streamed is reported as the Value document reports it:
// every problem at once, with construct path and field.
TEST(StreamedSynthesis, ProblemsAreAllReported) {
  App app;
  Stack stack(app, "stack");
  GenericResource bad_name(stack, "r", "aws_s3_bucket", {{"bad key", 1}});
  GenericResource nan(stack, "n", "aws_s3_bucket", {{"size", std::nan("")}});
  GenericResource fine(stack, "f", "aws_s3_bucket", {{"bucket", "b"}});
  try {
    app.synth_in_memory();
    FAIL() << "expected problems";
  } catch (const SynthError& error) {
    const auto lines = streamed_problem_lines(error);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0],
              "[app/stack/r] synth.invalid_identifier \"bad key\": the attribute name is not a "
              "valid Terraform identifier (a letter or \"_\" first, then letters, digits, \"_\" "
              "or \"-\")");
    EXPECT_EQ(lines[1],
              "[app/stack/n] synth.invalid_value size: NaN is not a number JSON or Terraform "
              "can hold");
  }
}

namespace {

std::string streamed_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

// App::synth with keep_json false writes each streamed document from its pieces straight into
// its file: the same bytes as the document held whole, json left empty, json_size its size; a
// file already holding those bytes is left alone (compared chunk by chunk), another is replaced.
TEST(StreamedSynthesis, WrittenStraightIntoTheFile) {
  namespace fs = std::filesystem;
  const fs::path root =
      fs::temp_directory_path() / ("edustack-streamed-" + std::to_string(::getpid()));
  fs::remove_all(root);
  StreamedApp held(false);
  StreamedApp streamed(false);
  auto kept = held.app.synth(root / "kept");
  SynthOptions options;
  options.keep_json = false;
  auto written = streamed.app.synth(root / "streamed", options);
  ASSERT_EQ(kept.stacks.size(), 2u);
  ASSERT_EQ(written.stacks.size(), 2u);
  for (std::size_t i = 0; i < kept.stacks.size(); ++i) {
    const auto& file = kept.stacks[i].file;
    const std::string text = streamed_file_text(root / "streamed" / file);
    EXPECT_FALSE(kept.stacks[i].json.empty());
    EXPECT_EQ(text, kept.stacks[i].json) << file;
    EXPECT_EQ(kept.stacks[i].json_size, kept.stacks[i].json.size());
    EXPECT_TRUE(written.stacks[i].json.empty());
    EXPECT_EQ(written.stacks[i].json_size, text.size());
  }
  EXPECT_EQ(streamed_file_text(root / "streamed/manifest.json"),
            streamed_file_text(root / "kept/manifest.json"));

  // Unchanged: the same inode. Changed (one byte at the end): replaced by the right bytes.
  const fs::path first = root / "streamed" / written.stacks[0].file;
  const fs::path second = root / "streamed" / written.stacks[1].file;
  std::string altered = streamed_file_text(second);
  altered.back() = ' ';
  { std::ofstream(second, std::ios::binary) << altered; }
  struct stat before {};
  ASSERT_EQ(::stat(first.c_str(), &before), 0);
  auto again = streamed.app.synth(root / "streamed", options);
  struct stat after {};
  ASSERT_EQ(::stat(first.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
  EXPECT_EQ(streamed_file_text(second), kept.stacks[1].json);
  EXPECT_EQ(again.stacks[1].json_size, kept.stacks[1].json.size());
  fs::remove_all(root);
}
