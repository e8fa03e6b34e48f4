"""Calls services the local cloud does not emulate, one per protocol, through boto3 (endpoint from
AWS_ENDPOINT_URL); prints each error's code and message as JSON, as boto3 parsed them from the response."""
import json

import boto3
from botocore.exceptions import ClientError

calls = {
    "dynamodb": lambda: boto3.client("dynamodb").list_tables(),            # AWS JSON 1.0
    "sns": lambda: boto3.client("sns").list_topics(),                      # Query
    "s3": lambda: boto3.client("s3").list_buckets(),                       # REST-XML
    "cloudwatch": lambda: boto3.client("cloudwatch").list_metrics(),       # Smithy RPC v2 CBOR
    "ec2": lambda: boto3.client("ec2").describe_regions(),                 # EC2
    "apigatewayv2": lambda: boto3.client("apigatewayv2").get_apis(),       # REST-JSON
}
out = {}
for name, call in calls.items():
    try:
        call()
        out[name] = {"code": None}
    except ClientError as e:
        out[name] = {"code": e.response["Error"].get("Code"), "message": e.response["Error"].get("Message"),
                     "status": e.response["ResponseMetadata"].get("HTTPStatusCode")}
print(json.dumps(out))
