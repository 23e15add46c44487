#pragma once

#include "edustack/core/construct.hpp"
#include "edustack/core/expression.hpp"

// The account, partition and region a stack deploys to, as expressions. Each is read by one
// data source per stack, created on first use, shared by every construct that needs it.
namespace edustack::constructs {

core::StringExpr account_id(core::Construct& scope);
core::StringExpr partition(core::Construct& scope);
core::StringExpr region_name(core::Construct& scope);

}  // namespace edustack::constructs
