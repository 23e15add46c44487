#pragma once

#include <initializer_list>
#include <utility>
#include <vector>

namespace edustack::inline core {

// An optional attribute of generated bindings whose value is a list or set of objects
// (`list(object({...}))`, a `nested_type` list or set): unset by default (not emitted), or a
// list, which may be empty. Unlike a list of blocks, an empty list is a value of its own:
// `[]` is how a configuration says "none" to an attribute that is computed when unset (the
// inline `ingress` rules of aws_security_group), so it is emitted.
//   .ingress = {{.from_port = 443, .protocol = "tcp", .to_port = 443}}   one object
//   .egress = core::ObjectList<aws::SecurityGroupEgress>::none()         []
template <class T>
class ObjectList : public std::vector<T> {
 public:
  ObjectList() = default;
  ObjectList(std::initializer_list<T> items) : std::vector<T>(items), set_(true) {}
  ObjectList(std::vector<T> items) : std::vector<T>(std::move(items)), set_(true) {}

  // The empty list, emitted as `[]`.
  static ObjectList none() { return ObjectList(std::vector<T>{}); }

  // Set when given a list (even an empty one) or when it has items.
  bool is_set() const noexcept { return set_ || !this->empty(); }
  // Back to unset (not emitted).
  void reset() noexcept {
    this->clear();
    set_ = false;
  }

 private:
  bool set_ = false;
};

}  // namespace edustack::inline core
