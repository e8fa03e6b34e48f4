"""boto3, unchanged, against the local cloud: AWS_ENDPOINT_URL and placeholder credentials come from the test."""
import io
import json
import sys
import zipfile

import boto3
import botocore.exceptions

TEMPLATE = """
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 7
Outputs:
  LogGroup:
    Value: !Ref Logs
"""


def zipped(source):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", source)
    return buf.getvalue()


def main():
    cfn = boto3.client("cloudformation")
    lam = boto3.client("lambda")
    fast = {"Delay": 1, "MaxAttempts": 60}
    result = {}

    cfn.create_stack(StackName="boto3-stack", TemplateBody=TEMPLATE)
    cfn.get_waiter("stack_create_complete").wait(StackName="boto3-stack", WaiterConfig=fast)
    stack = cfn.describe_stacks(StackName="boto3-stack")["Stacks"][0]
    result["stack_status"] = stack["StackStatus"]
    result["output_key"] = stack["Outputs"][0]["OutputKey"]
    try:
        cfn.describe_stacks(StackName="no-such-stack")
    except botocore.exceptions.ClientError as e:
        result["missing_stack_code"] = e.response["Error"]["Code"]
        result["missing_stack_message"] = e.response["Error"]["Message"]
    cfn.delete_stack(StackName="boto3-stack")
    cfn.get_waiter("stack_delete_complete").wait(StackName="boto3-stack", WaiterConfig=fast)

    fn = lam.create_function(FunctionName="boto3-fn", Runtime="python3.13", Handler="index.handler",
                             Role="arn:aws:iam::000000000000:role/r",
                             Code={"ZipFile": zipped("def handler(e, c):\n    return e\n")})
    result["function_arn"] = fn["FunctionArn"]
    lam.get_waiter("function_active_v2").wait(FunctionName="boto3-fn", WaiterConfig=fast)
    lam.update_function_code(FunctionName="boto3-fn", ZipFile=zipped("def handler(e, c):\n    return 1\n"))
    try:
        lam.update_function_configuration(FunctionName="boto3-fn", Timeout=10)
        result["conflict_code"] = None
    except botocore.exceptions.ClientError as e:
        result["conflict_code"] = e.response["Error"]["Code"]
        result["conflict_status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
    lam.get_waiter("function_updated_v2").wait(FunctionName="boto3-fn", WaiterConfig=fast)
    result["last_update_status"] = lam.get_function(FunctionName="boto3-fn")["Configuration"]["LastUpdateStatus"]
    try:
        lam.get_function(FunctionName="nope")
    except lam.exceptions.ResourceNotFoundException as e:
        result["missing_function_message"] = e.response["Error"]["Message"]
    if len(sys.argv) > 1 and sys.argv[1] == "invoke":
        out = lam.invoke(FunctionName="boto3-fn", Payload=json.dumps({"a": 1}), LogType="Tail")
        result["invoke_status"] = out["StatusCode"]
        result["invoke_payload"] = json.loads(out["Payload"].read())
        result["invoke_has_log"] = "LogResult" in out
    lam.delete_function(FunctionName="boto3-fn")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
