// Fuzzes the provider-schema loader: any bytes are either a schema or an edustack::Error
// (SchemaError, IoError), never a crash, a hang or another exception. Loading through a file
// (the path `edustack validate` takes) is checked too, on a regular file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <edustack/error.hpp>
#include <edustack/schema/provider_schema.hpp>
#include <string>

using namespace edustack::schema;

namespace {

void exercise(const ProviderSchema& schema) {
  for (const auto& source : schema.providers()) {
    (void)schema.has_provider(source);
    (void)schema.provider_version(source);
    for (const auto& type : schema.resource_types(source)) {
      (void)schema.lookup(ElementKind::resource, type, source);
    }
    for (const auto& type : schema.data_source_types(source)) {
      (void)schema.lookup(ElementKind::data_source, type, source);
    }
    (void)schema.provider_config(source);
  }
  (void)schema.lookup(ElementKind::resource, "aws_vpc");
  schema.decode_all();
}

std::string temp_file() {
  char name[] = "/tmp/edustack-fuzz-schema-XXXXXX";
  int fd = ::mkstemp(name);
  if (fd >= 0) ::close(fd);
  static std::string path;
  path = name;
  std::atexit([] { std::remove(path.c_str()); });
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    exercise(ProviderSchema::parse(text, "fuzz"));
  } catch (const edustack::Error&) {
  }
  // Every 16th input also through load(), which must agree with parse().
  if (size % 16 == 0) {
    static const std::string path = temp_file();
    if (std::FILE* file = std::fopen(path.c_str(), "wb")) {
      std::fwrite(data, 1, size, file);
      std::fclose(file);
      try {
        exercise(ProviderSchema::load(path));
      } catch (const edustack::Error&) {
      }
    }
  }
  return 0;
}
