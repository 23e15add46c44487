#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/json.hpp"
#include "edustack/core/value.hpp"

namespace edustack::inline core {

// write_terraform_json and write_json are public: edustack/core/json.hpp.

bool valid_utf8(std::string_view text);
// "byte 0xff at offset 3": where text stops being UTF-8.
std::string describe_invalid_utf8(std::string_view text);

// Calls visit for every value JSON cannot carry, with its path (object keys, list indexes).
using InvalidValueVisitor =
    std::function<void(const std::vector<std::string>& path, const std::string& what)>;
void for_each_invalid_value(const Value& value, const InvalidValueVisitor& visit);

namespace detail {

// A Terraform JSON document written piece by piece (Stack::synthesize): each body is written
// to text when it is placed, so that it can be freed at once; only the document's structure
// (blocks, types, names) is kept, as a tree of keys, and text() writes the document in key
// order. The text is what write_terraform_json writes for the Value document that the same
// operations build with Value::operator[], find and List::push_back. An operation that would
// reach into a body already written, or that would throw on the Value document, returns false:
// the caller then builds the Value document instead (the stream is not used any more).
class JsonDocumentStream {
 public:
  // expected_size: a generous estimate of the text's size (reserved twice: for the bodies and
  // for the document).
  explicit JsonDocumentStream(std::size_t expected_size);
  ~JsonDocumentStream();
  JsonDocumentStream(const JsonDocumentStream&) = delete;
  JsonDocumentStream& operator=(const JsonDocumentStream&) = delete;

  // document[path[0]]...[path[n - 1]]: a null member where there is none.
  bool touch(const std::vector<std::string>& path);
  // body as member path[n - 1] of document[path[0]]...[path[n - 2]], unless that member is
  // there already (placed false: the first one wins, as in Stack::synthesize).
  bool place(const std::vector<std::string>& path, const Value& body, bool& placed);
  // body appended to the list at path (created when there is none).
  bool append(const std::vector<std::string>& path, const Value& body);
  // document[path[0]]...[path[n - 1]] = body, whatever was there.
  bool assign(const std::vector<std::string>& path, const Value& body);

  // Some value or key JSON cannot carry was written (as write_terraform_json reports it).
  bool invalid() const noexcept;
  // The document, 2-space indented, keys sorted, final newline.
  std::string text();
  // The same text passed to sink in order, in chunks of about chunk_size bytes, so that it is
  // never held whole (App::synth writes it straight into the output file: bench/README.md,
  // issue 16); stops when sink returns false. Returns the text's size, or nothing when stopped.
  // It may be called any number of times and gives the same bytes each time.
  std::optional<std::size_t> write_text(const std::function<bool(std::string_view)>& sink,
                                        std::size_t chunk_size = std::size_t{1} << 20);

 private:
  struct Node;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace detail

}  // namespace edustack::inline core
