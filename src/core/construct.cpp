#include "edustack/core/construct.hpp"

#include <algorithm>

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

Construct::Construct(std::string_view root_id) : node_(*this, nullptr, std::string(root_id)) {
  check_id(nullptr, root_id);
}

Construct::Construct(Construct& scope, std::string_view id)
    : node_(*this, &scope, std::string(id)) {
  check_id(&scope, id);
  auto& parent = scope.node_;
  if (parent.children_by_id_.count(node_.id_)) {
    throw ConstructError::duplicate_id(parent.path(), node_.id_);
  }
  node_.index_in_scope_ = parent.children().size();
  parent.children_.push_back(this);
  parent.children_by_id_.emplace(node_.id_, this);
}

Construct::~Construct() {
  while (!node_.owned_.empty()) node_.owned_.pop_back();
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
