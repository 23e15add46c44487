"""Scheduled health check of the assessment service (EventBridge Scheduler -> this Lambda).

GETs HEALTH_URL and publishes two CloudWatch metrics in METRIC_NAMESPACE, dimension Service:
  HealthCheckSuccess  1 when the response is 2xx within TIMEOUT_SECONDS, else 0
  HealthCheckLatency  milliseconds the request took (also on failure)
A failed check raises after publishing, so the invocation counts as an error and Scheduler's
retry policy, then its dead-letter queue, see it.

Standard library and boto3 only (both in the Lambda Python runtime): nothing to vendor, so the
package is this one file and zips reproducibly.
"""

import os
import time
import urllib.error
import urllib.request

import boto3

_cloudwatch = boto3.client("cloudwatch")


def _check(url, timeout):
    started = time.monotonic()
    try:
        request = urllib.request.Request(url, method="GET", headers={"User-Agent": "edustack-health-check"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URL from config)
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return False, (time.monotonic() - started) * 1000.0, f"unreachable: {error}"
    latency = (time.monotonic() - started) * 1000.0
    return 200 <= status < 300, latency, f"HTTP {status}"


def lambda_handler(event, context):
    url = os.environ["HEALTH_URL"]
    namespace = os.environ.get("METRIC_NAMESPACE", "Edustack/HealthCheck")
    service = os.environ.get("SERVICE_NAME", "service")
    timeout = float(os.environ.get("TIMEOUT_SECONDS", "10"))

    healthy, latency_ms, detail = _check(url, timeout)
    dimensions = [{"Name": "Service", "Value": service}]
    _cloudwatch.put_metric_data(
        Namespace=namespace,
        MetricData=[
            {"MetricName": "HealthCheckSuccess", "Dimensions": dimensions, "Value": 1.0 if healthy else 0.0, "Unit": "Count"},
            {"MetricName": "HealthCheckLatency", "Dimensions": dimensions, "Value": latency_ms, "Unit": "Milliseconds"},
        ],
    )
    result = {"url": url, "healthy": healthy, "latency_ms": round(latency_ms, 1), "detail": detail}
    print(result)
    if not healthy:
        raise RuntimeError(f"health check of {url} failed: {detail}")
    return result
