// A typed module binding makes a module's required input (a variable without a default) a
// Required field: leaving out subnet_ids of the app_database fixture does not compile.
#include "edustack/core/app.hpp"
#include "edustack/core/stack.hpp"
#include "edustack/modules/app_database.hpp"

int main() {
  edustack::App app;
  edustack::Stack stack(app, "test");
#ifdef EDUSTACK_COMPILE_FAIL
  edustack::modules::AppDatabase db(stack, "db", {.source = "./db"}, {.name = "a"});
#else
  edustack::modules::AppDatabase db(stack, "db", {.source = "./db"},
                                    {.name = "a", .subnet_ids = {"subnet-a"}});
#endif
}
