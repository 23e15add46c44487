"""Secrets Manager rotation for an Aurora cluster's master password or an ElastiCache Redis
replication group's AUTH token.

Packaged into the stack by edustack (constructs::RotatingSecret): the C++ build embeds this file
and zips it reproducibly. It uses boto3 only (part of the Lambda Python runtime).

Environment:
  TARGET_KIND      "aurora-postgresql" or "redis"
  TARGET_ID        DB cluster identifier or replication group id
  PASSWORD_LENGTH  length of a new password (default 32)
  EXCLUDE_PUNCTUATION  "true" (default) for letters and digits only

The secret is a JSON object with a "password" key (and "username" for databases). The four
steps follow the Secrets Manager rotation protocol:
  createSecret  stage a new password as AWSPENDING (once per rotation token)
  setSecret     give the new password to the database or cache
  testSecret    wait until the change is applied (boto3 alone cannot open a database or Redis
                connection, so the test is the service reporting the modification done)
  finishSecret  move AWSCURRENT to the new version
"""

import json
import logging
import os
import time

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

POLL_SECONDS = 10


def lambda_handler(event, context):
    arn = event["SecretId"]
    token = event["ClientRequestToken"]
    step = event["Step"]
    secrets = boto3.client("secretsmanager")

    metadata = secrets.describe_secret(SecretId=arn)
    if not metadata.get("RotationEnabled"):
        raise ValueError("secret %s does not have rotation enabled" % arn)
    versions = metadata.get("VersionIdsToStages", {})
    if token not in versions:
        raise ValueError("version %s of secret %s has no stage" % (token, arn))
    if "AWSCURRENT" in versions[token]:
        logger.info("version %s of %s is already AWSCURRENT", token, arn)
        return
    if "AWSPENDING" not in versions[token]:
        raise ValueError("version %s of secret %s is not AWSPENDING" % (token, arn))

    steps = {
        "createSecret": create_secret,
        "setSecret": set_secret,
        "testSecret": test_secret,
        "finishSecret": finish_secret,
    }
    if step not in steps:
        raise ValueError("unknown rotation step %s" % step)
    steps[step](secrets, arn, token, context)


def create_secret(secrets, arn, token, context):
    current = json.loads(secrets.get_secret_value(SecretId=arn, VersionStage="AWSCURRENT")["SecretString"])
    try:
        secrets.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
        logger.info("createSecret: a pending version already exists for %s", arn)
        return
    except secrets.exceptions.ResourceNotFoundException:
        pass
    password = secrets.get_random_password(
        PasswordLength=int(os.environ.get("PASSWORD_LENGTH", "32")),
        ExcludePunctuation=os.environ.get("EXCLUDE_PUNCTUATION", "true") == "true",
        ExcludeCharacters=" \"'/@\\",
    )["RandomPassword"]
    current["password"] = password
    secrets.put_secret_value(
        SecretId=arn,
        ClientRequestToken=token,
        SecretString=json.dumps(current),
        VersionStages=["AWSPENDING"],
    )
    logger.info("createSecret: staged a new version of %s", arn)


def pending_password(secrets, arn, token):
    value = secrets.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
    return json.loads(value["SecretString"])["password"]


def set_secret(secrets, arn, token, context):
    password = pending_password(secrets, arn, token)
    kind = os.environ["TARGET_KIND"]
    target = os.environ["TARGET_ID"]
    wait_until_available(kind, target, context)
    if kind == "aurora-postgresql":
        boto3.client("rds").modify_db_cluster(
            DBClusterIdentifier=target, MasterUserPassword=password, ApplyImmediately=True
        )
    elif kind == "redis":
        # ROTATE keeps the previous token valid too, so clients that still hold it keep working
        # until they read the new secret.
        boto3.client("elasticache").modify_replication_group(
            ReplicationGroupId=target,
            AuthToken=password,
            AuthTokenUpdateStrategy="ROTATE",
            ApplyImmediately=True,
        )
    else:
        raise ValueError("unknown TARGET_KIND %s" % kind)
    logger.info("setSecret: %s %s is being updated", kind, target)


def test_secret(secrets, arn, token, context):
    pending_password(secrets, arn, token)  # the pending version must still be readable
    wait_until_available(os.environ["TARGET_KIND"], os.environ["TARGET_ID"], context)
    logger.info("testSecret: the new password of %s is applied", arn)


def finish_secret(secrets, arn, token, context):
    metadata = secrets.describe_secret(SecretId=arn)
    current = None
    for version, stages in metadata["VersionIdsToStages"].items():
        if "AWSCURRENT" in stages:
            if version == token:
                logger.info("finishSecret: %s is already AWSCURRENT", token)
                return
            current = version
            break
    secrets.update_secret_version_stage(
        SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token, RemoveFromVersionId=current
    )
    logger.info("finishSecret: version %s of %s is AWSCURRENT", token, arn)


def applied(kind, target):
    if kind == "aurora-postgresql":
        cluster = boto3.client("rds").describe_db_clusters(DBClusterIdentifier=target)["DBClusters"][0]
        pending = cluster.get("PendingModifiedValues", {})
        return cluster["Status"] == "available" and "MasterUserPassword" not in pending
    if kind == "redis":
        group = boto3.client("elasticache").describe_replication_groups(ReplicationGroupId=target)[
            "ReplicationGroups"
        ][0]
        pending = group.get("PendingModifiedValues", {})
        return group["Status"] == "available" and "AuthTokenStatus" not in pending
    raise ValueError("unknown TARGET_KIND %s" % kind)


def wait_until_available(kind, target, context):
    # Leave 15 s to report; Secrets Manager retries the step when the function fails.
    while not applied(kind, target):
        if context.get_remaining_time_in_millis() < (POLL_SECONDS + 15) * 1000:
            raise RuntimeError("%s %s is still being modified" % (kind, target))
        time.sleep(POLL_SECONDS)
