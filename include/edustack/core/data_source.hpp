#pragma once

#include <string>
#include <string_view>

#include "edustack/core/resource.hpp"
#include "edustack/core/source_location.hpp"

namespace edustack::inline core {

// A data source: read-only information from a provider, referenced as data.<type>.<name>.
class DataSource : public ResourceBase {
 public:
  std::string address() const override;
  std::string id_namespace() const override;
  ~DataSource() override;

 protected:
  DataSource(Construct& scope, std::string_view id, std::string type, ResourceOptions options,
             std::optional<SourceLocation> created_at = std::nullopt);
  void fragments(std::vector<Fragment>& out) const override;
};

class GenericDataSource : public DataSource {
 public:
  GenericDataSource(Construct& scope, std::string_view id, std::string type,
                    Value::Object arguments = {}, ResourceOptions options = {},
                    SourceLocation created_at = SourceLocation::current());

 protected:
  Value arguments() const override { return arguments_; }

 private:
  Value::Object arguments_;
};

}  // namespace edustack::inline core
