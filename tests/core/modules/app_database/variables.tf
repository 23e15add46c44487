# Interface fixture for the typed module bindings (tests/core/module_binding_test.cpp): the
# reader must find every variable and output below and nothing inside comments, strings,
# heredocs or other blocks.
variable "name" {
  type        = string
  description = "Identifier of the cluster"
  validation {
    condition     = length(var.name) > 0
    error_message = "A name is needed, got \"${var.name}\"."
  }
}

variable "instance_count" { type = number
  default = 2 }

variable "subnet_ids" {
  type = list(string)
}

variable "tags" {
  type     = map(string)
  default  = {}
  nullable = false
}

variable "master_password" {
  type      = string
  sensitive = true
  default   = null
}

variable "settings" {
  type = object({
    engine  = string
    version = optional(string, "16")
  })
  default = { engine = "aurora-postgresql" }
}

variable "deletion_protection" { # a comment { with a brace
  type    = bool
  default = true
}

/* a block comment: variable "fake" { } */
// variable "also_fake" {}

locals {
  heredoc = <<EOT
variable "heredoc_fake" {}
EOT
  template = "${var.name}-{not a block}"
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = var.settings.engine
  master_password    = var.master_password
  tags = merge(var.tags, {
    Name = "${var.name}-db"
  })
}

output "endpoint" {
  value       = aws_rds_cluster.this.endpoint
  description = "Writer endpoint"
}

output "port" { value = aws_rds_cluster.this.port }

output "name" { value = var.name }
