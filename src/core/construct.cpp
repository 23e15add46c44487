#include "edustack/core/construct.hpp"

#include <algorithm>
#include <optional>

#include "edustack/core/stack.hpp"
#include "edustack/error.hpp"
#include "json_writer.hpp"

namespace edustack::inline core {

namespace {

void check_id(const Construct* scope, std::string_view id) {
  auto where = [&] {
    std::string path = scope ? scope->node().path() : std::string();
    return path.empty() ? std::string(id) : path + "/" + std::string(id);
  };
  if (id.empty()) {
    throw ConstructError::invalid_id(scope ? scope->node().path() : "", "an id must not be empty");
  }
  if (id.find('/') != std::string_view::npos) {
    throw ConstructError::invalid_id(where(), "\"" + std::string(id) + "\" must not contain \"/\"");
  }
  if (!valid_utf8(id)) {
    // The id is not echoed: it would make the message invalid UTF-8 too.
    throw ConstructError::invalid_id(
        scope ? scope->node().path() : "",
        "an id must be UTF-8 text (" + describe_invalid_utf8(id) + ")");
  }
}

// The path below the stack ("network/vpc"), or nothing for a stack, the app and constructs
// outside any stack.
std::optional<std::string> stack_relative_path(const Construct& construct) {
  std::string path;
  for (const Construct* current = &construct; current->node().scope();
       current = current->node().scope()) {
    if (dynamic_cast<const Stack*>(current)) {
      if (current == &construct) return std::nullopt;
      return path;
    }
    const std::string& id = current->node().id();
    path = path.empty() ? id : id + "/" + path;
  }
  return std::nullopt;
}

bool contains(const Construct& ancestor, const Construct& construct) {
  for (const Construct* current = &construct; current; current = current->node().scope()) {
    if (current == &ancestor) return true;
  }
  return false;
}

void erase_one(std::vector<Construct*>& list, const Construct* item) {
  auto it = std::find(list.begin(), list.end(), item);
  if (it != list.end()) list.erase(it);
}

}  // namespace

Node::Node(Construct& host, Construct* scope, std::string id)
    : host_(host), scope_(scope), id_(std::move(id)) {}

std::string Node::path() const {
  if (!scope_) return id_;
  return scope_->node().path() + "/" + id_;
}

Construct& Node::root() const {
  Construct* current = &host_;
  while (current->node().scope_) current = current->node().scope_;
  return *current;
}

const std::vector<Construct*>& Node::children() const {
  if (removed_children_ > 0) {
    std::size_t kept = 0;
    for (Construct* child : children_) {
      if (!child) continue;
      child->node().index_in_scope_ = kept;
      children_[kept++] = child;
    }
    children_.resize(kept);
    removed_children_ = 0;
  }
  return children_;
}

Construct* Node::try_find_child(std::string_view id) const {
  auto it = children_by_id_.find(id);
  return it == children_by_id_.end() ? nullptr : it->second;
}

Construct& Node::find_child(std::string_view id) const {
  if (auto* child = try_find_child(id)) return *child;
  throw ConstructError::not_found(path(), std::string(id));
}

Construct* Node::try_find(std::string_view relative_path) const {
  Construct* current = &host_;
  std::size_t start = 0;
  while (current && start <= relative_path.size()) {
    auto slash = relative_path.find('/', start);
    if (slash == std::string_view::npos) slash = relative_path.size();
    auto part = relative_path.substr(start, slash - start);
    if (!part.empty()) current = current->node().try_find_child(part);
    start = slash + 1;
  }
  return current;
}

Construct& Node::find(std::string_view relative_path) const {
  if (auto* found = try_find(relative_path)) return *found;
  throw ConstructError::not_found(path(), std::string(relative_path));
}

std::vector<Construct*> Node::find_all() const {
  std::vector<Construct*> out;
  std::vector<Construct*> pending{&host_};
  while (!pending.empty()) {
    Construct* current = pending.back();
    pending.pop_back();
    out.push_back(current);
    const auto& kids = current->node().children();
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) pending.push_back(*it);
  }
  return out;
}

void Node::add_validation(Validation validation) { validations_.push_back(std::move(validation)); }

std::vector<std::string> Node::validate() const {
  std::vector<std::string> messages = host_.validate();
  for (const auto& validation : validations_) {
    auto more = validation();
    messages.insert(messages.end(), more.begin(), more.end());
  }
  return messages;
}

void Node::add_info(std::string message) {
  annotations_.push_back({Annotation::Level::info, path(), std::move(message), {}});
}
void Node::add_warning(std::string message) {
  annotations_.push_back({Annotation::Level::warning, path(), std::move(message), {}});
}
void Node::add_error(std::string message) {
  annotations_.push_back({Annotation::Level::error, path(), std::move(message), {}});
}

void Node::add_aspect(std::shared_ptr<Aspect> aspect) { aspects_.push_back(std::move(aspect)); }

void Node::add_dependency(Construct& dependency) {
  const std::string what = "cannot depend on " + dependency.node().path();
  if (&dependency == &host_) {
    throw ConfigError(path(), "dependency", "a construct cannot depend on itself");
  }
  if (&dependency.node().root() != &root()) {
    throw ConfigError(path(), "dependency", what + ", which is in another construct tree");
  }
  if (contains(dependency, host_)) {
    throw ConfigError(path(), "dependency",
                      what + ", which contains it (its resources would depend on themselves)");
  }
  if (contains(host_, dependency)) {
    throw ConfigError(path(), "dependency",
                      what + ", which is inside it (its resources would depend on themselves)");
  }
  if (std::find(dependencies_.begin(), dependencies_.end(), &dependency) != dependencies_.end()) {
    return;
  }
  dependencies_.push_back(&dependency);
  dependency.node().dependents_.push_back(&host_);
}

void Node::moved_from_path(std::string_view old_stack_relative_path) {
  const std::string old_path(old_stack_relative_path);
  bool valid = !old_path.empty() && old_path.front() != '/' && old_path.back() != '/' &&
               old_path.find("//") == std::string::npos && valid_utf8(old_path);
  if (!valid) {
    throw ConfigError(path(), "moved_from_path",
                      "\"" + (valid_utf8(old_path) ? old_path : std::string("(not UTF-8)")) +
                          "\" is not a construct path below the stack (ids joined by \"/\")");
  }
  if (!stack_relative_path(host_)) {
    throw ConfigError(path(), "moved_from_path",
                      "only a construct inside a stack can be moved: a stack's id is part of no "
                      "Terraform address");
  }
  if (std::find(previous_paths_.begin(), previous_paths_.end(), old_path) ==
      previous_paths_.end()) {
    previous_paths_.push_back(old_path);
  }
}

void Node::renamed_from(std::string_view old_id) {
  if (old_id.empty() || old_id.find('/') != std::string_view::npos || !valid_utf8(old_id)) {
    throw ConfigError(path(), "renamed_from",
                      "the old id must be a construct id: not empty, no \"/\", UTF-8 text");
  }
  auto current = stack_relative_path(host_);
  if (!current) {
    throw ConfigError(path(), "renamed_from",
                      "only a construct inside a stack can be renamed: a stack's id is part of no "
                      "Terraform address");
  }
  auto slash = current->rfind('/');
  std::string old_path = slash == std::string::npos
                             ? std::string(old_id)
                             : current->substr(0, slash + 1) + std::string(old_id);
  moved_from_path(old_path);
}

bool Node::is_locked() const noexcept {
  for (const Node* current = this; current;
       current = current->scope_ ? &current->scope_->node() : nullptr) {
    if (current->locked_) return true;
  }
  return false;
}

std::string Node::creation_site() const {
  if (created_at_.line() == 0) return {};
  return std::string(created_at_.file_name()) + ":" + std::to_string(created_at_.line());
}

Construct::Construct(std::string_view root_id) : node_(*this, nullptr, std::string(root_id)) {
  check_id(nullptr, root_id);
}

Construct::Construct(Construct& scope, std::string_view id, SourceLocation created_at)
    : node_(*this, &scope, std::string(id)) {
  check_id(&scope, id);
  node_.created_at_ = created_at;
  auto& parent = scope.node_;
  if (parent.is_locked()) {
    std::string site = node_.creation_site();
    throw ConstructError("construct.locked",
                         "[" + parent.path() + "] cannot add \"" + node_.id_ + "\"" +
                             (site.empty() ? "" : " (created at " + site + ")") +
                             ": the construct tree is locked (synthesis has begun, or lock() was "
                             "called); create constructs before synthesis, or in an aspect");
  }
  if (parent.children_by_id_.count(node_.id_)) {
    throw ConstructError::duplicate_id(parent.path(), node_.id_);
  }
  node_.index_in_scope_ = parent.children().size();
  parent.children_.push_back(this);
  parent.children_by_id_.emplace(node_.id_, this);
}

Construct::~Construct() {
  while (!node_.owned_.empty()) node_.owned_.pop_back();
  for (Construct* dependency : node_.dependencies_) erase_one(dependency->node_.dependents_, this);
  for (Construct* dependent : node_.dependents_) erase_one(dependent->node_.dependencies_, this);
  for (Construct* child : node_.children_) {
    if (child) child->node_.scope_ = nullptr;
  }
  if (node_.scope_) {
    auto& parent = node_.scope_->node_;
    parent.children_[node_.index_in_scope_] = nullptr;
    ++parent.removed_children_;
    parent.children_by_id_.erase(node_.id_);
  }
}

void apply_aspects(Construct& root) {
  // Walk by index so constructs added by an aspect during the walk are visited too.
  struct Frame {
    Construct* construct;
    std::vector<Aspect*> inherited;
  };
  std::vector<Frame> pending;
  pending.push_back({&root, {}});
  while (!pending.empty()) {
    Frame frame = std::move(pending.back());
    pending.pop_back();
    Node& node = frame.construct->node();
    std::vector<Aspect*> active = frame.inherited;
    for (const auto& aspect : node.aspects_) active.push_back(aspect.get());
    for (Aspect* aspect : active) {
      if (std::find(node.visited_by_.begin(), node.visited_by_.end(), aspect) !=
          node.visited_by_.end()) {
        continue;
      }
      node.visited_by_.push_back(aspect);
      aspect->visit(*frame.construct);
    }
    const auto& kids = node.children();
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) pending.push_back({*it, active});
  }
}

}  // namespace edustack::inline core
