#pragma once

#include <cstddef>
#include <initializer_list>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace edustack::inline core {

// The field type of a list or set block of generated bindings (`rule`, `ingress`, ... with no
// max_items of 1), and of a required list of objects: the blocks in the order written, emitted
// as a JSON array when not empty. Written like a std::vector<Block>:
//   .rule = {{.id = "logs", .status = "Enabled"}, {.id = "tmp", .status = "Enabled"}}
//   .rule = rules                       (a std::vector<Block>, copied or moved)
//   config.rule.push_back({.id = "more", .status = "Enabled"});
//   for (const auto& rule : config.rule) ...
// It has the members of std::vector that blocks are used with (size, empty, begin/end,
// operator[], at, front, back, data, push_back, emplace_back, pop_back, clear, reserve,
// capacity, swap, ==) and converts from a std::vector<Block>; to_vector() gives one back.
//
// It replaces std::vector<Block> for compile cost alone: a struct member of type
// std::vector<Block> instantiates std::vector's class template, its base, std::allocator<Block>
// and the allocator traits for every block type, wherever the header is included (5.2 s of the
// 15 s of the 50 largest generated AWS headers, bench/README.md, issue 12). This class is a
// pointer, a size and a capacity; its members are defined in the class, so none of them is
// compiled for a block type until a program uses it.
template <class T>
class BlockList {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;

  BlockList() noexcept = default;
  BlockList(std::initializer_list<T> blocks) {
    reserve(blocks.size());
    for (const T& block : blocks) push_unchecked(block);
  }
  // From a std::vector<T>: its blocks copied (an lvalue) or moved (an rvalue). A template, so
  // that overload resolution between BlockList's constructors never instantiates std::vector<T>.
  template <class V>
  requires std::is_same_v<std::remove_cvref_t<V>, std::vector<T>> BlockList(V&& blocks) {
    reserve(blocks.size());
    for (auto& block : blocks) {
      if constexpr (std::is_rvalue_reference_v<V&&>) {
        push_unchecked(std::move(block));
      } else {
        push_unchecked(block);
      }
    }
  }
  BlockList(const BlockList& other) {
    reserve(other.size_);
    for (const T& block : other) push_unchecked(block);
  }
  BlockList(BlockList&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  // Copy (or move) and swap: `list = {{...}}`, `list = other`, `list = vector`, `list = {}`.
  BlockList& operator=(BlockList other) noexcept {
    swap(other);
    return *this;
  }
  ~BlockList() {
    clear();
    release(data_);
  }

  // A std::vector of copies of the blocks.
  std::vector<T> to_vector() const { return std::vector<T>(begin(), end()); }

  size_type size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  size_type capacity() const noexcept { return capacity_; }

  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T* begin() noexcept { return data_; }
  const T* begin() const noexcept { return data_; }
  const T* cbegin() const noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* end() const noexcept { return data_ + size_; }
  const T* cend() const noexcept { return data_ + size_; }

  T& operator[](size_type i) noexcept { return data_[i]; }
  const T& operator[](size_type i) const noexcept { return data_[i]; }
  // Throws std::out_of_range when i >= size().
  T& at(size_type i) {
    check(i);
    return data_[i];
  }
  const T& at(size_type i) const {
    check(i);
    return data_[i];
  }
  T& front() noexcept { return data_[0]; }
  const T& front() const noexcept { return data_[0]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }

  void push_back(const T& block) { emplace_back(block); }
  void push_back(T&& block) { emplace_back(std::move(block)); }
  // As std::vector's: the arguments may refer to a block of this list.
  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ < capacity_) {
      ::new (static_cast<void*>(data_ + size_)) T(std::forward<Args>(args)...);
      return data_[size_++];
    }
    const size_type grown = capacity_ == 0 ? 1 : 2 * capacity_;
    T* fresh = allocate(grown);
    try {
      ::new (static_cast<void*>(fresh + size_)) T(std::forward<Args>(args)...);
    } catch (...) {
      release(fresh);
      throw;
    }
    try {
      relocate_to(fresh);
    } catch (...) {
      fresh[size_].~T();
      release(fresh);
      throw;
    }
    capacity_ = grown;
    return data_[size_++];
  }
  void pop_back() noexcept { data_[--size_].~T(); }
  void clear() noexcept {
    while (size_ > 0) data_[--size_].~T();
  }
  void reserve(size_type wanted) {
    if (wanted <= capacity_) return;
    T* fresh = allocate(wanted);
    try {
      relocate_to(fresh);
    } catch (...) {
      release(fresh);
      throw;
    }
    capacity_ = wanted;
  }
  void swap(BlockList& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
  }

 private:
  static T* allocate(size_type count) {
    if (count > static_cast<size_type>(-1) / sizeof(T)) throw std::length_error("BlockList");
    if constexpr (alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      return static_cast<T*>(::operator new(count * sizeof(T), std::align_val_t(alignof(T))));
    } else {
      return static_cast<T*>(::operator new(count * sizeof(T)));
    }
  }
  static void release(T* blocks) noexcept {
    if (!blocks) return;
    if constexpr (alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(static_cast<void*>(blocks), std::align_val_t(alignof(T)));
    } else {
      ::operator delete(static_cast<void*>(blocks));
    }
  }
  // Capacity is known to be there (a constructor's reserve).
  template <class U>
  void push_unchecked(U&& block) {
    ::new (static_cast<void*>(data_ + size_)) T(std::forward<U>(block));
    ++size_;
  }
  // Moves (or, when T's move may throw and it can be copied, copies) the blocks into `fresh`,
  // then frees the old storage; on an exception the list is unchanged.
  void relocate_to(T* fresh) {
    constexpr bool move =
        std::is_nothrow_move_constructible_v<T> || !std::is_copy_constructible_v<T>;
    size_type done = 0;
    try {
      for (; done < size_; ++done) {
        if constexpr (move) {
          ::new (static_cast<void*>(fresh + done)) T(std::move(data_[done]));
        } else {
          ::new (static_cast<void*>(fresh + done)) T(data_[done]);
        }
      }
    } catch (...) {
      while (done > 0) fresh[--done].~T();
      throw;
    }
    for (size_type i = size_; i > 0; --i) data_[i - 1].~T();
    release(data_);
    data_ = fresh;
  }
  void check(size_type i) const {
    if (i >= size_) throw std::out_of_range("BlockList::at: index out of range");
  }

  T* data_ = nullptr;
  size_type size_ = 0;
  size_type capacity_ = 0;
};

// Equal when they hold equal blocks in the same order (needs T's ==).
template <class T>
bool operator==(const BlockList<T>& a, const BlockList<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i])) return false;
  }
  return true;
}

template <class T>
void swap(BlockList<T>& a, BlockList<T>& b) noexcept {
  a.swap(b);
}

}  // namespace edustack::inline core
