#pragma once

// Everything a stack author needs from the core. Generated AWS types live in
// edustack/aws/<type>.hpp and are included one by one, to keep builds fast.
#include "edustack/core/app.hpp"
#include "edustack/core/arguments.hpp"
#include "edustack/core/aspect.hpp"
#include "edustack/core/backend.hpp"
#include "edustack/core/construct.hpp"
#include "edustack/core/data_source.hpp"
#include "edustack/core/dynamic_block.hpp"
#include "edustack/core/element.hpp"
#include "edustack/core/expression.hpp"
#include "edustack/core/functions.hpp"
#include "edustack/core/iterator.hpp"
#include "edustack/core/local.hpp"
#include "edustack/core/logical_id.hpp"
#include "edustack/core/module.hpp"
#include "edustack/core/output.hpp"
#include "edustack/core/provider.hpp"
#include "edustack/core/resource.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/core/variable.hpp"
#include "edustack/error.hpp"
