# A small network module used by examples/modules/modules_stack.cpp: one VPC and one subnet.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type        = string
  description = "Name tag of the VPC and the subnet."
}

variable "cidr_block" {
  type = string
}

variable "subnet_cidr" {
  type = string
}

variable "tags" {
  type     = map(string)
  default  = {}
  nullable = false
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_subnet" "this" {
  vpc_id     = aws_vpc.this.id
  cidr_block = var.subnet_cidr
  tags       = merge(var.tags, { Name = "${var.name}-a" })
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "subnet_id" {
  value = aws_subnet.this.id
}
