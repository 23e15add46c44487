#pragma once

// Tags that name the required fields of the constructs' configs in compile errors:
// `core::Required<core::String, required::vpc_id> vpc_id;` left out of a designated initializer
// fails with "Field = edustack::constructs::required::vpc_id" (core/arguments.hpp).

#include "edustack/core/arguments.hpp"

namespace edustack::constructs::required {

struct backend_url;
struct flow_log_kms_key_arn;
struct health_url;
struct kms_key_arn;
struct log_kms_key_arn;
struct subnet_ids;
struct vpc_id;

}  // namespace edustack::constructs::required
