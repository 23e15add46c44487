# Hand-written sources of src/aws (the generated sources.cmake includes this file). None today:
# the provider configuration (include/edustack/aws/provider.hpp) is generated header-only from
# the provider block's schema (docs/generator.md).
