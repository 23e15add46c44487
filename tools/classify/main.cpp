// edustack-classify: sorts every resource type of the provider schemas into what the destroy
// guard of `edustack apply` / `destroy` needs to know (docs/reliability.md, "Destroy guard"):
//
//   stateless  deleting or replacing it loses nothing the configuration cannot recreate
//   data       it holds data; the table names what kind ("database", "bucket", ...)
//   guarded    not known to be stateless: guarded like data, without a kind
//
//   edustack-classify --schemas ../shared/schemas --out src/cli/resource_classes.inc [--check]
//
// The rules are below, in the order they are tried; the first that matches decides. Each table
// row records the rule that decided it. Conservative: a type no stateless rule names is guarded.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr int kExitSkipped = 77;  // CTest SKIP_RETURN_CODE

// '*' matches any run of characters (also none); everything else matches itself.
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

struct Pattern {
  const char* glob;
  const char* kind;  // for data rules; unused for stateless ones
};

// Rule 1, "reviewed": types a later rule would guard (a marker attribute below) whose delete or
// replace was reviewed to lose nothing the configuration does not hold. Kept short on purpose.
constexpr const char* reviewed_stateless[] = {
    "aws_autoscaling_group",        // force_delete: instances are recreated from templates
    "aws_cloudwatch_event_rule",    // force_destroy: for rules managed by other services
    "aws_cloudwatch_event_target",  // force_destroy: likewise
    "aws_db_option_group",          // skip_destroy: a configuration set
    "aws_db_parameter_group",       // skip_destroy: a configuration set
    "aws_ecs_service",              // force_delete: tasks are recreated from definitions
    "aws_ecs_task_definition",      // skip_destroy: keeps old revisions, all from config
    "aws_lambda_function",          // skip_destroy: code and settings come from config
    "aws_lambda_provisioned_concurrency_config",  // skip_destroy: a setting
    "aws_s3_bucket_public_access_block",          // skip_destroy: a setting of the bucket
    "aws_volume_attachment",                      // skip_destroy: detaching keeps the volume
};

// Rule 2, "family": types known to hold data, with what they hold. Names, or globs over names.
constexpr Pattern data_families[] = {
    // databases
    {"aws_athena_database", "database"},
    {"aws_db_instance", "database"},
    {"aws_docdb_cluster", "database"},
    {"aws_docdb_cluster_instance", "database"},
    {"aws_docdb_global_cluster", "database"},
    {"aws_docdbelastic_cluster", "database"},
    {"aws_dsql_cluster", "database"},
    {"aws_dynamodb_global_table", "database"},
    {"aws_dynamodb_table", "database"},
    {"aws_dynamodb_table_replica", "database"},
    {"aws_keyspaces_keyspace", "database"},
    {"aws_keyspaces_table", "database"},
    {"aws_lightsail_database", "database"},
    {"aws_neptune_cluster", "database"},
    {"aws_neptune_cluster_instance", "database"},
    {"aws_neptune_global_cluster", "database"},
    {"aws_neptunegraph_graph", "database"},
    {"aws_qldb_ledger", "database"},
    {"aws_rds_cluster", "database"},
    {"aws_rds_cluster_instance", "database"},
    {"aws_rds_global_cluster", "database"},
    {"aws_redshift_cluster", "database"},
    {"aws_redshiftserverless_namespace", "database"},
    {"aws_simpledb_domain", "database"},
    {"aws_timestreaminfluxdb_db_cluster", "database"},
    {"aws_timestreaminfluxdb_db_instance", "database"},
    {"aws_timestreamwrite_database", "database"},
    {"aws_timestreamwrite_table", "database"},
    {"aws_glue_catalog_database", "data catalog"},
    {"aws_glue_catalog_table", "data catalog"},
    // snapshots, backups and images
    {"aws_db_cluster_snapshot", "database snapshot"},
    {"aws_db_snapshot", "database snapshot"},
    {"aws_db_snapshot_copy", "database snapshot"},
    {"aws_neptune_cluster_snapshot", "database snapshot"},
    {"aws_rds_cluster_snapshot_copy", "database snapshot"},
    {"aws_redshift_cluster_snapshot", "database snapshot"},
    {"aws_redshift_snapshot_copy", "database snapshot"},
    {"aws_redshiftserverless_snapshot", "database snapshot"},
    {"*_snapshot", "snapshot"},
    {"*_snapshot_copy", "snapshot"},
    {"*_snapshot_import", "snapshot"},
    {"aws_ami", "machine image"},
    {"aws_ami_copy", "machine image"},
    {"aws_ami_from_instance", "machine image"},
    {"aws_backup_logically_air_gapped_vault", "backup vault"},
    {"aws_backup_vault", "backup vault"},
    {"aws_glacier_vault", "archive vault"},
    // caches
    {"aws_dax_cluster", "cache"},
    {"aws_elasticache_cluster", "cache"},
    {"aws_elasticache_global_replication_group", "cache"},
    {"aws_elasticache_replication_group", "cache"},
    {"aws_elasticache_serverless_cache", "cache"},
    {"aws_memorydb_cluster", "cache"},
    {"aws_memorydb_multi_region_cluster", "cache"},
    // storage
    {"aws_lightsail_bucket", "bucket"},
    {"aws_s3_bucket", "bucket"},
    {"aws_s3_directory_bucket", "bucket"},
    {"aws_s3control_bucket", "bucket"},
    {"aws_s3tables_table_bucket", "bucket"},
    {"aws_s3vectors_vector_bucket", "bucket"},
    {"aws_s3_bucket_object", "object"},
    {"aws_s3_object", "object"},
    {"aws_s3_object_copy", "object"},
    {"aws_s3tables_namespace", "table namespace"},
    {"aws_s3tables_table", "table"},
    {"aws_s3vectors_index", "vector index"},
    {"aws_ebs_volume", "volume"},
    {"aws_lightsail_disk", "volume"},
    {"aws_instance", "instance disk"},
    {"aws_lightsail_instance", "instance disk"},
    {"aws_spot_instance_request", "instance disk"},
    {"aws_efs_file_system", "file system"},
    {"aws_fsx_*_file_system", "file system"},
    {"aws_fsx_file_cache", "file system"},
    {"aws_fsx_ontap_storage_virtual_machine", "file system"},
    {"aws_fsx_ontap_volume", "file system"},
    {"aws_fsx_openzfs_volume", "file system"},
    {"aws_storagegateway_*", "storage gateway"},
    // repositories
    {"aws_codeartifact_domain", "package repository"},
    {"aws_codeartifact_repository", "package repository"},
    {"aws_codecommit_repository", "source repository"},
    {"aws_ecr_repository", "image repository"},
    {"aws_ecrpublic_repository", "image repository"},
    // keys, secrets, credentials
    {"aws_cloudhsm_v2_cluster", "HSM keys"},
    {"aws_cloudhsm_v2_hsm", "HSM keys"},
    {"aws_kms_external_key", "KMS key"},
    {"aws_kms_key", "KMS key"},
    {"aws_kms_replica_external_key", "KMS key"},
    {"aws_kms_replica_key", "KMS key"},
    {"aws_paymentcryptography_key", "key"},
    {"aws_acmpca_certificate_authority", "certificate authority"},
    {"aws_secretsmanager_secret", "secret"},
    {"aws_secretsmanager_secret_version", "secret"},
    {"aws_ssm_parameter", "parameter"},
    {"aws_api_gateway_api_key", "API key"},
    {"aws_api_gateway_client_certificate", "credentials"},
    {"aws_appsync_api_key", "API key"},
    {"aws_iam_access_key", "credentials"},
    {"aws_iam_server_certificate", "credentials"},
    {"aws_iam_service_specific_credential", "credentials"},
    {"aws_iam_signing_certificate", "credentials"},
    {"aws_iam_user", "credentials"},
    {"aws_iam_user_login_profile", "credentials"},
    {"aws_iam_virtual_mfa_device", "credentials"},
    {"aws_lightsail_key_pair", "credentials"},
    {"random_bytes", "generated secret"},
    {"random_password", "generated secret"},
    {"random_string", "generated secret"},
    {"tls_private_key", "private key"},
    // streams, queues, logs, events
    {"aws_kinesis_firehose_delivery_stream", "stream"},
    {"aws_kinesis_stream", "stream"},
    {"aws_kinesis_video_stream", "stream"},
    {"aws_msk_cluster", "stream"},
    {"aws_msk_serverless_cluster", "stream"},
    {"aws_mq_broker", "queue"},
    {"aws_sqs_queue", "queue"},
    {"aws_cloudwatch_log_group", "log group"},
    {"aws_cloudwatch_log_stream", "log stream"},
    {"aws_cloudtrail_event_data_store", "event store"},
    {"aws_cloudwatch_event_archive", "event archive"},
    // search
    {"aws_cloudsearch_domain", "search domain"},
    {"aws_elasticsearch_domain", "search domain"},
    {"aws_kendra_index", "search domain"},
    {"aws_opensearch_domain", "search domain"},
    {"aws_opensearchserverless_collection", "search domain"},
    // identities and names others depend on
    {"aws_cognito_identity_pool", "identity pool"},
    {"aws_cognito_user_pool", "user directory"},
    {"aws_directory_service_directory", "user directory"},
    {"aws_identitystore_group", "user directory"},
    {"aws_identitystore_user", "user directory"},
    {"aws_route53_zone", "DNS zone"},
    {"aws_eip", "IP address"},
    {"aws_globalaccelerator_accelerator", "IP address"},
    {"aws_lightsail_static_ip", "IP address"},
};

// Rule 3, "attribute": schema attributes (top level of the resource) that mark data: the
// provider protects the resource against deletion, keeps a final snapshot, empties it only when
// forced, keeps deleted keys or secrets recoverable, retains or stores data.
struct Marker {
  const char* glob;
  const char* kind;
};
constexpr Marker data_markers[] = {
    {"deletion_protection", "deletion-protected data"},
    {"deletion_protection_enabled", "deletion-protected data"},
    {"delete_protection", "deletion-protected data"},
    {"deletion_protected", "deletion-protected data"},
    {"skip_final_snapshot", "data kept in a final snapshot"},
    {"final_snapshot_identifier", "data kept in a final snapshot"},
    {"final_snapshot_name", "data kept in a final snapshot"},
    {"final_snapshot", "data kept in a final snapshot"},
    {"skip_final_backup", "data kept in a final backup"},
    {"force_destroy", "contents deleted only when forced"},
    {"recovery_window_in_days", "recoverable secret"},
    {"deletion_window_in_days", "key material"},
    {"permanent_deletion_time_in_days", "key material"},
    {"object_lock_*", "locked objects"},
    {"*retention*", "retained data"},
    {"allocated_storage", "storage"},
    {"storage_capacity", "storage"},
    {"*storage_size*", "storage"},
};

// Rule 4, "protection": attributes that guard against deletion without saying data is lost
// (the provider can keep the remote object, or must be forced). Guarded, without a kind.
constexpr const char* protection_markers[] = {
    "skip_destroy",
    "force_delete",
    "enable_deletion_protection",
    "retain_on_delete",
};

// Rule 5, "name": names of types that hold only configuration: links between resources
// (associations, attachments, routes, rules, permissions, policies), IAM, alarms, networks,
// API definitions, settings of a bucket or queue. Tried only after rules 2 to 4.
constexpr const char* stateless_names[] = {
    // links between resources
    "*_association",
    "*_associations",
    "*_attachment",
    "*_attachments",
    "*_attachment_accepter",
    "*_policy",
    "*_policies",
    "*_permission",
    "*_permissions",
    "*_alias",
    "*_tag",
    "*_tags",
    // IAM: roles, policies, groups, instance profiles, OIDC providers (users and keys are rule 2)
    "aws_iam_*",
    // networks
    "aws_default_network_acl",
    "aws_default_route_table",
    "aws_default_security_group",
    "aws_egress_only_internet_gateway",
    "aws_flow_log",
    "aws_internet_gateway",
    "aws_main_route_table_association",
    "aws_nat_gateway",
    "aws_network_acl",
    "aws_network_acl_rule",
    "aws_network_interface",
    "aws_placement_group",
    "aws_route",
    "aws_route_table",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_subnet",
    "aws_vpc",
    "aws_vpc_dhcp_options",
    "aws_vpc_endpoint",
    "aws_vpc_endpoint_connection_accepter",
    "aws_vpc_endpoint_connection_notification",
    "aws_vpc_endpoint_private_dns",
    "aws_vpc_security_group_egress_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_vpc_association",
    "aws_alb_listener",
    "aws_alb_listener_*",
    "aws_alb_target_group",
    "aws_lb_cookie_stickiness_policy",
    "aws_lb_listener",
    "aws_lb_listener_*",
    "aws_lb_target_group",
    "aws_route53_record",
    "aws_route53_health_check",
    // alarms, dashboards, metrics and log plumbing
    "*_alarm",
    "aws_cloudwatch_dashboard",
    "aws_cloudwatch_event_bus",
    "aws_cloudwatch_event_connection",
    "aws_cloudwatch_log_metric_filter",
    "aws_cloudwatch_log_subscription_filter",
    "aws_cloudwatch_log_destination",
    "aws_cloudtrail",  // the trail: its logs are in a bucket or log group, guarded themselves
    "aws_xray_group",
    "aws_xray_sampling_rule",
    // API Gateway: methods, integrations, responses, resources, deployments, stages, models
    "aws_api_gateway_*",
    "aws_apigatewayv2_*",
    // compute defined by configuration
    "aws_appautoscaling_*",
    "aws_autoscaling_*",
    "aws_ecs_capacity_provider",
    "aws_ecs_cluster",
    "aws_ecs_cluster_capacity_providers",
    "aws_eks_addon",
    "aws_eks_fargate_profile",
    "aws_eks_node_group",
    "aws_key_pair",
    "aws_lambda_event_source_mapping",
    "aws_lambda_function_event_invoke_config",
    "aws_lambda_function_url",
    "aws_launch_configuration",
    "aws_launch_template",
    "aws_fis_experiment_template",
    "aws_scheduler_schedule",
    "aws_secretsmanager_secret_rotation",
    // settings of something else
    "aws_acm_certificate_validation",
    "aws_cloudfront_cache_policy",
    "aws_cloudfront_function",
    "aws_cloudfront_origin_access_control",
    "aws_cloudfront_origin_access_identity",
    "aws_cloudfront_origin_request_policy",
    "aws_cloudfront_response_headers_policy",
    "aws_db_subnet_group",
    "aws_docdb_cluster_parameter_group",
    "aws_docdb_subnet_group",
    "aws_elasticache_parameter_group",
    "aws_elasticache_subnet_group",
    "aws_memorydb_parameter_group",
    "aws_memorydb_subnet_group",
    "aws_neptune_cluster_parameter_group",
    "aws_neptune_parameter_group",
    "aws_neptune_subnet_group",
    "aws_rds_cluster_parameter_group",
    "aws_redshift_parameter_group",
    "aws_redshift_subnet_group",
    "aws_s3_bucket_*",
    "aws_sns_topic_subscription",
    "aws_sqs_queue_redrive_allow_policy",
    "aws_sqs_queue_redrive_policy",
    "aws_wafv2_ip_set",
    "aws_wafv2_regex_pattern_set",
    "aws_wafv2_web_acl_logging_configuration",
    // utility providers
    "archive_file",
    "cloudinit_config",
    "local_file",
    "local_sensitive_file",
    "null_resource",
    "random_id",
    "random_integer",
    "random_pet",
    "random_shuffle",
    "random_uuid",
    "random_uuid4",
    "random_uuid7",
    "time_offset",
    "time_rotating",
    "time_sleep",
    "tls_cert_request",
};

struct Row {
  std::string type;
  std::string klass;  // stateless | data | guarded
  std::string kind;
  std::string rule;
};

std::set<std::string> top_level_names(const Json& schema) {
  std::set<std::string> names;
  const Json& block = schema.at("block");
  for (const char* key : {"attributes", "block_types"}) {
    if (auto it = block.find(key); it != block.end() && it->is_object()) {
      for (const auto& [name, value] : it->items()) names.insert(name);
    }
  }
  return names;
}

Row classify(const std::string& type, const std::set<std::string>& names) {
  for (const char* name : reviewed_stateless) {
    if (type == name) return {type, "stateless", "", "reviewed"};
  }
  for (const auto& family : data_families) {
    if (glob_match(family.glob, type)) {
      return {type, "data", family.kind, std::string("family:") + family.glob};
    }
  }
  for (const auto& marker : data_markers) {
    for (const auto& name : names) {
      if (glob_match(marker.glob, name)) return {type, "data", marker.kind, "attribute:" + name};
    }
  }
  for (const char* marker : protection_markers) {
    if (names.count(marker) != 0) return {type, "guarded", "", std::string("attribute:") + marker};
  }
  for (const char* pattern : stateless_names) {
    if (glob_match(pattern, type)) return {type, "stateless", "", std::string("name:") + pattern};
  }
  return {type, "guarded", "", "default"};
}

struct Provider {
  std::string file;
  std::string address;
  std::string version;
  std::size_t types = 0;
};

std::string c_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string render(const std::vector<Row>& rows, const std::vector<Provider>& providers) {
  std::map<std::string, std::size_t> per_class;
  for (const auto& row : rows) ++per_class[row.klass];
  std::ostringstream out;
  out << "// Generated by edustack-classify (tools/classify) from the provider schemas below. Do "
         "not edit:\n"
         "//   cmake --build build/dev --target edustack-regenerate-classes\n"
         "// One row per resource type, sorted: {type, class, kind, rule that decided}. The rules "
         "are in\n"
         "// tools/classify/main.cpp and docs/reliability.md (\"Destroy guard\").\n//\n";
  for (const auto& provider : providers) {
    out << "//   " << provider.address << " " << provider.version << ": " << provider.types
        << " resource types (" << provider.file << ")\n";
  }
  out << "//   " << rows.size() << " types: " << per_class["stateless"] << " stateless, "
      << per_class["data"] << " data, " << per_class["guarded"] << " guarded\n";
  for (const auto& row : rows) {
    out << "{" << c_string(row.type) << ", ResourceClass::" << row.klass << ", "
        << c_string(row.kind) << ", " << c_string(row.rule) << "},\n";
  }
  return out.str();
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

constexpr const char* kUsage =
    R"(usage: edustack-classify --schemas DIR --out FILE [--check] [--skip-if-unavailable] [--summary]

Classifies every resource type of every provider schema in DIR (files *-provider-*.json, the
output of `terraform providers schema -json`) as stateless, data or guarded, and writes the
sorted table FILE (src/cli/resource_classes.inc).

  --check                write nothing; exit 1 when FILE differs from what would be written
  --skip-if-unavailable  exit 77 (a CTest skip) when DIR holds no schema
  --summary              print how many types each rule decided
)";

}  // namespace

int main(int argc, char** argv) {
  std::string schemas;
  std::string out_file;
  bool check = false;
  bool skip = false;
  bool summary = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--schemas" || arg == "--out") && i + 1 < argc) {
      (arg == "--schemas" ? schemas : out_file) = argv[++i];
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--skip-if-unavailable") {
      skip = true;
    } else if (arg == "--summary") {
      summary = true;
    } else {
      std::cerr << "edustack-classify: unknown argument \"" << arg << "\"\n" << kUsage;
      return 2;
    }
  }
  if (schemas.empty() || out_file.empty()) {
    std::cerr << kUsage;
    return 2;
  }

  std::vector<fs::path> files;
  std::error_code error;
  if (fs::is_directory(schemas, error)) {
    for (const auto& entry : fs::directory_iterator(schemas)) {
      std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name.find("-provider-") != std::string::npos &&
          entry.path().extension() == ".json") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "edustack-classify: no provider schema (*-provider-*.json) in " << schemas << "\n";
    return skip ? kExitSkipped : 1;
  }

  std::map<std::string, Row> rows_by_type;
  std::vector<Provider> providers;
  for (const auto& file : files) {
    Json document;
    try {
      document = Json::parse(read_text(file));
    } catch (const Json::exception& e) {
      std::cerr << "edustack-classify: " << file.string() << ": " << e.what() << "\n";
      return 1;
    }
    auto it = document.find("provider_schemas");
    if (it == document.end() || !it->is_object()) continue;  // the aws provider-block fact file
    for (const auto& [address, provider] : it->items()) {
      auto resources = provider.find("resource_schemas");
      if (resources == provider.end() || !resources->is_object() || resources->empty()) continue;
      Provider info{file.filename().string(), address, provider.value("provider_version", "?"),
                    resources->size()};
      providers.push_back(info);
      for (const auto& [type, schema] : resources->items()) {
        if (rows_by_type.count(type) != 0) {
          std::cerr << "edustack-classify: resource type " << type << " is in two schemas\n";
          return 1;
        }
        rows_by_type.emplace(type, classify(type, top_level_names(schema)));
      }
    }
  }
  std::vector<Row> rows;
  for (auto& [type, row] : rows_by_type) rows.push_back(std::move(row));

  if (summary) {
    std::map<std::string, std::size_t> per_rule;
    for (const auto& row : rows) {
      std::string rule = row.rule.rfind("attribute:", 0) == 0 ? "attribute" : row.rule;
      ++per_rule[row.klass + " " + rule];
    }
    for (const auto& [rule, n] : per_rule) std::cout << n << " " << rule << "\n";
  }

  std::string text = render(rows, providers);
  if (check) {
    if (read_text(out_file) == text) return 0;
    std::cerr << "edustack-classify: " << out_file
              << " is not what the rules make of the schemas in " << schemas
              << ": regenerate it (cmake --build build/dev --target edustack-regenerate-classes) "
                 "and review the difference\n";
    return 1;
  }
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "edustack-classify: cannot write " << out_file << "\n";
    return 1;
  }
  return 0;
}
