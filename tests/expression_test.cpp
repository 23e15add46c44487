#include <gtest/gtest.h>

#include <edustack/edustack.hpp>

using namespace edustack;
