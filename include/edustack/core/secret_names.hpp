#pragma once

// The one secret-name policy: whether a setting's name says it holds a secret value. The
// constructs' input checks (an environment variable of FargateService) and the compliance rules
// (FERPA-ECS-002) both ask this, so a name one accepts the other accepts too.

#include <string_view>

namespace edustack::inline core {

// True for names with PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, APIKEY, PRIVATE_KEY,
// ACCESS_KEY or CREDENTIAL in them (any case), except names of a reference to a secret or a
// setting about one, which end in _ARN, _ID, _NAME, _PATH, _FILE, _URL, _ENDPOINT, _REGION,
// _HEADER, _LENGTH, _POLICY, _TTL, _DAYS, _ENABLED, _VERSION, _STAGE or _TYPE:
// DB_PASSWORD is a secret, DB_PASSWORD_ARN is where to find one.
bool is_secret_name(std::string_view name);

}  // namespace edustack::inline core
