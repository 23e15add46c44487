#pragma once

#include "edustack/core/stack.hpp"

namespace utility_test {

// One stack using each utility provider through its prebuilt bindings (random, tls, null,
// archive, time, local, external, http, cloudinit): a provider class each, resources, data
// sources, an ephemeral resource and a provider function. Built by the test and by
// utility_providers_synth (which the real terraform checks).
void build_utility_stack(edustack::core::Stack& stack);

}  // namespace utility_test
