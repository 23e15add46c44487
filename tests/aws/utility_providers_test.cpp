// The utility providers ship prebuilt (include/edustack/<provider>, generated header-only from
// their schemas): each provider class registers its required_providers entry, resources, data
// sources and ephemeral resources serialize their typed configs, provider functions render.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "edustack/core/app.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"
#include "edustack/random/password.hpp"
#include "edustack/random/provider.hpp"
#include "edustack/time/functions.hpp"
#include "utility_stack.hpp"

namespace {

using nlohmann::json;

json utility_json() {
  edustack::App app;
  edustack::Stack stack(app, "utility");
  utility_test::build_utility_stack(stack);
  return json::parse(app.synth_in_memory().stacks.at(0).json);
}

TEST(UtilityProviders, EachProviderClassRegistersItsSourceAndVersion) {
  const json out = utility_json();
  const json& required = out["terraform"]["required_providers"];
  const json expected = {{"archive", {{"source", "hashicorp/archive"}, {"version", "~> 2.8"}}},
                         {"cloudinit", {{"source", "hashicorp/cloudinit"}, {"version", "~> 2.4"}}},
                         {"external", {{"source", "hashicorp/external"}, {"version", "~> 2.4"}}},
                         {"http", {{"source", "hashicorp/http"}, {"version", "~> 3.6"}}},
                         {"local", {{"source", "hashicorp/local"}, {"version", "~> 2.9"}}},
                         {"null", {{"source", "hashicorp/null"}, {"version", "~> 3.3"}}},
                         {"random", {{"source", "hashicorp/random"}, {"version", "~> 3.9"}}},
                         {"time", {{"source", "hashicorp/time"}, {"version", "~> 0.14"}}},
                         {"tls", {{"source", "hashicorp/tls"}, {"version", "~> 4.2"}}}};
  EXPECT_EQ(required, expected) << required.dump(2);
  EXPECT_EQ(edustack::random::Provider::source, std::string("hashicorp/random"));
}

TEST(UtilityProviders, TypedConfigsSerializeAsTerraformExpects) {
  const json out = utility_json();
  const json& r = out["resource"];
  EXPECT_EQ(r["random_pet"]["name"]["length"], 2);
  EXPECT_EQ(r["random_password"]["db"]["special"], false);
  EXPECT_EQ(r["tls_private_key"]["ca"]["algorithm"], "ECDSA");
  EXPECT_EQ(r["time_rotating"]["keys"]["rotation_days"], 30);
  EXPECT_EQ(r["null_resource"]["rotate"]["triggers"]["when"], "${time_rotating.keys.rfc3339}");
  EXPECT_EQ(r["local_file"]["readme"]["content"], "${random_pet.name.id}");
  EXPECT_TRUE(r["time_static"].contains("created"));
  const json& d = out["data"];
  EXPECT_EQ(d["archive_file"]["bundle"]["source"],
            json::parse(R"j([{"content": "print('hi')", "filename": "main.py"}])j"));
  EXPECT_EQ(d["external"]["lookup"]["program"], json::array({"python3", "lookup.py"}));
  EXPECT_EQ(d["http"]["health"]["url"], "https://example.com/health");
  EXPECT_EQ(d["cloudinit_config"]["init"]["part"][0]["content"],
            "${tls_private_key.ca.public_key_openssh}");
  // An ephemeral resource is an `ephemeral` block, not a resource.
  EXPECT_EQ(out["ephemeral"]["random_password"]["session"]["length"], 16);
  EXPECT_FALSE(r["random_password"].contains("session"));
}

TEST(UtilityProviders, ProviderFunctionsRenderTypedCalls) {
  const json out = utility_json();
  EXPECT_EQ(out["output"]["rotation_year"]["value"],
            "${provider::time::rfc3339_parse(time_rotating.keys.rfc3339)}");
  EXPECT_EQ(edustack::time::functions::rfc3339_parse("2026-12-01T00:00:00Z").to_string(),
            "${provider::time::rfc3339_parse(\"2026-12-01T00:00:00Z\")}");
}

TEST(UtilityProviders, SensitiveAttributesAreMarked) {
  edustack::App app;
  edustack::Stack stack(app, "s");
  edustack::random::Password password(stack, "p", {.length = 8});
  edustack::Output leak(stack, "leak", {.value = password.result()});
  // A non-sensitive output of a sensitive attribute fails synthesis, as terraform would.
  EXPECT_THROW(app.synth_in_memory(), edustack::Error);
}

}  // namespace
