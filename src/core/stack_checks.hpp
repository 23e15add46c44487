#pragma once

// The checks terraform makes that edustack can make offline, run on every stack at synthesis
// (internal to the library): identifier syntax of names and attribute names, count together
// with for_each, dependency cycles, sensitive values in non-sensitive outputs, and values JSON
// cannot carry (NaN, infinity, invalid UTF-8). Each problem names the construct path and the
// field; every problem is reported, not only the first.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "edustack/core/element.hpp"
#include "edustack/core/value.hpp"
#include "edustack/error.hpp"

namespace edustack::inline core {

class Stack;

namespace detail {

class SynthChecks {
 public:
  SynthChecks(const Stack& stack, const std::vector<const Element*>& elements);

  // Element number `from` (its index in elements) refers to target.
  void reference(std::size_t from, const Element& target);

  // Names, attribute names and count/for_each of the final document (overrides applied).
  void check_document(const Value& document, std::vector<Diagnostic>& problems) const;
  // Whether check_document would find nothing in one entry placed at block_path (appended: to
  // the list there): a resource, data source, module, variable, output, local or provider
  // configuration, or a block it does not check. False too for another shape of block path
  // below the blocks it checks (it would read the document differently). For a document that
  // is written piece by piece and never held as a whole.
  static bool entry_passes(const std::vector<std::string>& block_path, const Value& body,
                           bool appended);
  void check_cycles(std::vector<Diagnostic>& problems) const;
  void check_sensitive_outputs(std::vector<Diagnostic>& problems) const;
  // Every NaN, infinity and invalid UTF-8 string of the document, with path and field.
  void check_values(const Value& document, std::vector<Diagnostic>& problems) const;

 private:
  struct Owner {
    std::string path;   // construct path
    std::string field;  // the rest of the JSON path below the element's block, dotted
  };
  Owner owner_of(const std::vector<std::string>& json_path) const;
  const Element* element_at(std::initializer_list<std::string_view> block_path) const;
  std::string path_of(std::initializer_list<std::string_view> block_path) const;

  // Joined block path -> the element whose fragment is there. Built on first use, which is
  // only when a problem must be attributed: the passing path pays nothing for it.
  const std::unordered_map<std::string, const Element*>& placements() const;

  const Stack& stack_;
  const std::vector<const Element*>& elements_;
  std::unordered_map<const Element*, std::uint32_t> index_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges_;  // from, to
  mutable std::optional<std::unordered_map<std::string, const Element*>> placements_;
};

}  // namespace detail

// Terraform identifiers: a letter or "_" first, then letters, digits, "_" or "-".
bool is_terraform_identifier(std::string_view name) noexcept;

}  // namespace edustack::inline core
