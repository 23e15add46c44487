#include "utility_stack.hpp"

#include "edustack/archive/data/file.hpp"
#include "edustack/archive/provider.hpp"
#include "edustack/cloudinit/data/config.hpp"
#include "edustack/cloudinit/provider.hpp"
#include "edustack/core/output.hpp"
#include "edustack/external/data/external.hpp"
#include "edustack/external/provider.hpp"
#include "edustack/http/data/http.hpp"
#include "edustack/http/provider.hpp"
#include "edustack/local/file.hpp"
#include "edustack/local/provider.hpp"
#include "edustack/null/provider.hpp"
#include "edustack/null/resource.hpp"
#include "edustack/random/ephemeral/password.hpp"
#include "edustack/random/password.hpp"
#include "edustack/random/pet.hpp"
#include "edustack/random/provider.hpp"
#include "edustack/time/functions.hpp"
#include "edustack/time/provider.hpp"
#include "edustack/time/rotating.hpp"
#include "edustack/time/static.hpp"
#include "edustack/tls/private_key.hpp"
#include "edustack/tls/provider.hpp"

namespace utility_test {

void build_utility_stack(edustack::core::Stack& stack) {
  using namespace edustack;
  stack.make<random::Provider>("random");
  stack.make<tls::Provider>("tls");
  stack.make<null::Provider>("null");
  stack.make<archive::Provider>("archive");
  stack.make<time::Provider>("time");
  stack.make<local::Provider>("local");
  stack.make<external::Provider>("external");
  stack.make<http::Provider>("http");
  stack.make<cloudinit::Provider>("cloudinit");

  auto& pet = stack.make<random::Pet>("name", random::PetConfig{.length = 2, .separator = "-"});
  stack.make<random::Password>("db", random::PasswordConfig{.length = 24, .special = false});
  stack.make<random::ephemeral::Password>("session",
                                          random::ephemeral::PasswordConfig{.length = 16});
  auto& key = stack.make<tls::PrivateKey>(
      "ca", tls::PrivateKeyConfig{.algorithm = "ECDSA", .ecdsa_curve = "P256"});
  auto& rotation = stack.make<time::Rotating>("keys", time::RotatingConfig{.rotation_days = 30});
  stack.make<time::Static>("created");
  stack.make<null::Resource>("rotate",
                             null::ResourceConfig{.triggers = {{"when", rotation.rfc3339()}}});
  stack.make<local::File>("readme",
                          local::FileConfig{.content = pet.id(), .filename = "out/readme.txt"});
  auto& bundle = stack.make<archive::data::File>(
      "bundle",
      archive::data::FileConfig{.output_path = "out/bundle.zip",
                                .source = {{.content = "print('hi')", .filename = "main.py"}},
                                .type = "zip"});
  stack.make<external::data::External>(
      "lookup", external::data::ExternalConfig{.program = {"python3", "lookup.py"}});
  stack.make<http::data::Http>("health",
                               http::data::HttpConfig{.url = "https://example.com/health"});
  stack.make<cloudinit::data::Config>(
      "init", cloudinit::data::ConfigConfig{.gzip = false,
                                            .part = {{.content = key.public_key_openssh(),
                                                      .content_type = "text/x-shellscript"}}});
  stack.make<Output>("bundle_sha", OutputConfig{.value = bundle.output_sha256()});
  stack.make<Output>("rotation_year",
                     OutputConfig{.value = time::functions::rfc3339_parse(rotation.rfc3339())});
}

}  // namespace utility_test
