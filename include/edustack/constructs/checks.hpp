#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edustack/core/construct.hpp"

// Input checks shared by the construct library, so a bad value fails where it was written, not
// at apply. The check_* functions throw edustack::ConfigError naming the construct path and the
// field; ConfigProblems collects every problem of a construct's configuration first and throws
// one ConfigError listing all of them.
namespace edustack::constructs {

// What AWS accepts for a kind of name.
struct NameRule {
  const char* what;
  std::size_t min_length;
  std::size_t max_length;
  const char* punctuation;  // allowed besides letters and digits
  bool lowercase_only = false;
  bool starts_with_letter = false;
  bool alnum_at_ends = false;  // no punctuation at the start or the end
};

inline constexpr NameRule kLoadBalancerName{"load balancer name", 1, 32, "-", false, false, true};
inline constexpr NameRule kTargetGroupName{"target group name", 1, 32, "-", false, false, true};
inline constexpr NameRule kS3BucketName{"S3 bucket name", 3, 63, "-.", true, false, true};
inline constexpr NameRule kIamRoleName{"IAM role name", 1, 64, "+=,.@-_"};
inline constexpr NameRule kLogGroupName{"log group name", 1, 512, "_-/.#"};
inline constexpr NameRule kKinesisStreamName{"Kinesis stream name", 1, 128, "_-."};
inline constexpr NameRule kFirehoseName{"Firehose delivery stream name", 1, 64, "_-."};
inline constexpr NameRule kRdsClusterIdentifier{
    "RDS cluster identifier", 1, 63, "-", true, true, true};
inline constexpr NameRule kElastiCacheGroupId{
    "ElastiCache replication group id", 1, 40, "-", true, true, true};
inline constexpr NameRule kSqsQueueName{"SQS queue name", 1, 80, "-_"};
inline constexpr NameRule kSecretName{"Secrets Manager secret name", 1, 512, "/_+=.@-"};
inline constexpr NameRule kLambdaFunctionName{"Lambda function name", 1, 64, "-_"};
inline constexpr NameRule kEcsName{"ECS name", 1, 255, "-_", false, false, false};
inline constexpr NameRule kScheduleName{"schedule name", 1, 64, "-_."};
inline constexpr NameRule kApiName{"API name", 1, 128, "-_ ."};
inline constexpr NameRule kKmsAliasName{"KMS alias name", 1, 250, "/_-"};
inline constexpr NameRule kSecurityGroupName{"security group name", 1, 255,
                                             "-_ ./()#,@[]+=&;{}!$*:"};
inline constexpr NameRule kAlarmName{"alarm name", 1, 255, "-_ ./():#"};

void check_name(const core::Construct& owner, std::string_view field, std::string_view name,
                const NameRule& rule);
// The same check without a construct (for suffixes checked before anything is built).
std::optional<std::string> name_problem(std::string_view name, const NameRule& rule);

// CloudWatch Logs accepts only these retention periods (days).
const std::vector<int>& allowed_log_retention_days();
void check_log_retention(const core::Construct& owner, std::string_view field, int days);

// An IPv4 CIDR block.
struct Cidr {
  std::uint32_t address = 0;  // network address, host bits zero
  int prefix = 0;

  static std::optional<Cidr> parse(std::string_view text);
  std::uint32_t size() const { return prefix == 0 ? 0 : (1u << (32 - prefix)); }
  std::uint32_t last() const { return address + (size() - 1); }
  bool contains(const Cidr& other) const;
  bool overlaps(const Cidr& other) const;
  // The index-th subnet with newbits more prefix bits (what Terraform's cidrsubnet computes).
  Cidr subnet(int newbits, std::uint32_t index) const;
  std::string to_string() const;
};

// Parses or throws ConfigError("... is not an IPv4 CIDR block").
Cidr check_cidr(const core::Construct& owner, std::string_view field, std::string_view text);

// "eu-west-2a" belongs to "eu-west-2"; throws otherwise.
void check_availability_zone(const core::Construct& owner, std::string_view field,
                             std::string_view zone, std::string_view region);

// A number within [min, max] (and a multiple of step when step > 0).
void check_range(const core::Construct& owner, std::string_view field, double value, double min,
                 double max, double step = 0);

// The same checks as problem texts (std::nullopt: no problem), shared by both ways to report.
std::optional<std::string> log_retention_problem(int days);
std::optional<std::string> cidr_problem(std::string_view text);
std::optional<std::string> availability_zone_problem(std::string_view zone,
                                                     std::string_view region);
std::optional<std::string> range_problem(double value, double min, double max, double step = 0);

// The problems of one construct's configuration, collected so that a construct checks all of
// it and reports every problem at once (the constructs library's validations that collect),
// before it creates anything. throw_if_any() throws one edustack::ConfigError: path() is the
// construct, field() the first problem's field, and what() one "[path] field: message" line per
// problem (with one problem, exactly the message check_* would throw).
class ConfigProblems {
 public:
  struct Problem {
    std::string field;
    std::string message;
  };

  explicit ConfigProblems(const core::Construct& owner);

  void add(std::string field, std::string message);
  // Adds the problem, if any; true when there was none.
  bool add_if(std::string_view field, std::optional<std::string> problem);

  bool name(std::string_view field, std::string_view value, const NameRule& rule);
  bool log_retention(std::string_view field, int days);
  std::optional<Cidr> cidr(std::string_view field, std::string_view text);
  bool availability_zone(std::string_view field, std::string_view zone, std::string_view region);
  bool range(std::string_view field, double value, double min, double max, double step = 0);

  bool empty() const noexcept { return problems_.empty(); }
  const std::vector<Problem>& problems() const noexcept { return problems_; }
  // Throws ConfigError listing every problem; returns when there is none.
  void throw_if_any() const;

 private:
  std::string path_;
  std::vector<Problem> problems_;
};

}  // namespace edustack::constructs
