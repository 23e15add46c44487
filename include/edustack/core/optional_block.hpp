#pragma once

#include <optional>
#include <utility>

namespace edustack::inline core {

// An optional nested block of a generated config struct (a `single` block, or a list/set block
// with max_items 1): empty by default, or one block. Written like a list block with one item:
//   .timeouts = {{.create = "5m"}}      or      .timeouts = aws::VpcTimeouts{.create = "5m"}
//
// It replaces std::optional<Block> for compile cost alone: std::optional instantiates about a
// dozen class templates and type traits per block type, which for the ~270 block types of the
// 50 largest generated headers doubled the time to compile a file that includes them
// (bench/README.md). This one is a pointer; the block lives on the heap.
template <class T>
class OptionalBlock {
 public:
  using value_type = T;

  OptionalBlock() noexcept = default;
  OptionalBlock(std::nullopt_t) noexcept {}
  OptionalBlock(T block) : block_(new T(std::move(block))) {}
  OptionalBlock(const OptionalBlock& other)
      : block_(other.block_ ? new T(*other.block_) : nullptr) {}
  OptionalBlock(OptionalBlock&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  OptionalBlock& operator=(OptionalBlock other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~OptionalBlock() { delete block_; }

  bool has_value() const noexcept { return block_ != nullptr; }
  explicit operator bool() const noexcept { return block_ != nullptr; }
  T& operator*() { return *block_; }
  const T& operator*() const { return *block_; }
  T* operator->() { return block_; }
  const T* operator->() const { return block_; }
  // Throws std::bad_optional_access when empty.
  T& value() {
    if (!block_) throw std::bad_optional_access();
    return *block_;
  }
  const T& value() const {
    if (!block_) throw std::bad_optional_access();
    return *block_;
  }
  void reset() noexcept {
    delete block_;
    block_ = nullptr;
  }

 private:
  T* block_ = nullptr;
};

}  // namespace edustack::inline core
