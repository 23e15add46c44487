#pragma once

// The constructs of the assessment stack, held by pointer (they are owned by the tree) and
// forward-declared, so each translation unit includes only the construct headers it builds.

#include <string>

#include "edustack/stacks/assessment.hpp"

namespace edustack::constructs {
class KmsKey;
class EncryptedBucket;
class Network;
class AuroraPostgres;
class Redis;
class AuditTrail;
class FargateService;
class RestApiProxy;
class AnalyticsPipeline;
}  // namespace edustack::constructs

namespace edustack::stacks {

struct AssessmentStack::Parts {
  constructs::KmsKey* rds_key = nullptr;
  constructs::KmsKey* cache_key = nullptr;
  constructs::KmsKey* storage_key = nullptr;
  constructs::KmsKey* logs_key = nullptr;
  constructs::KmsKey* stream_key = nullptr;
  constructs::KmsKey* secrets_key = nullptr;
  constructs::Network* network = nullptr;
  constructs::AuroraPostgres* database = nullptr;
  constructs::Redis* cache = nullptr;
  constructs::AuditTrail* audit = nullptr;
  constructs::FargateService* service = nullptr;
  constructs::RestApiProxy* api = nullptr;
  constructs::AnalyticsPipeline* analytics = nullptr;
};

// One function per part of the platform, each in its own translation unit.
void build_foundation(AssessmentStack& stack, AssessmentStack::Parts& parts);
void build_network(AssessmentStack& stack, AssessmentStack::Parts& parts);
void build_data(AssessmentStack& stack, AssessmentStack::Parts& parts);
void build_compute(AssessmentStack& stack, AssessmentStack::Parts& parts);
void build_observability(AssessmentStack& stack, AssessmentStack::Parts& parts);

}  // namespace edustack::stacks
