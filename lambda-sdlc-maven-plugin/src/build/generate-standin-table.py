#!/usr/bin/env python3
"""Writes standin-table.json (read by StandInTable.java), the resource types the local cloud provisions as stand-ins, from AWS's schemas.

Sources (facts to generate from, never a dependency of the plugin):
  - cfn-lint's data/schemas: the CloudFormation registry's resource schemas (us-east-1) with their
    primaryIdentifier, createOnlyProperties and readOnlyProperties; the Fn::GetAtt attributes of a type
    are derived as cfn-lint derives them (cfnlint/schema/_getatts.py: the read-only properties, every
    property for the types whose GetAtt reaches all of them, plus its list of exceptions);
  - FORMATS below, written by hand from the CloudFormation template reference's "Return values" of each
    type: what Ref returns and the shape of each attribute (ARNs, URLs, ids). The generator fails when a
    common type has a GetAtt attribute with neither a format nor an entry in UNAVAILABLE, so a new
    attribute in the schemas is never silently missing.

Run it again when cfn-lint's data changes, then review the diff:
  python3 lambda-sdlc-maven-plugin/src/build/generate-standin-table.py [site-packages-dir]

Placeholders of the formats (evaluated by StandInProvider):
  {name}            the resource's name: its name property when the template sets it, else one CloudFormation
                    would generate (see NAME below)
  {id}              the physical id            {partition} {region} {account} {stack} {logical}
  {prop:P}          the template's value of property P (a dotted path), {prop:P|d} with a default d
  {last:P}          the last ':'- or '/'-separated part of property P (a name inside an ARN)
  {hex:N} {alnum:N} {ALNUM:N} {mixed:N} {digits:N}   N random characters (lower-case hex, lower-case letters
                    and digits, upper-case letters and digits, both cases and digits, digits); the same
                    placeholder gives the same value everywhere in one resource, and keeps it across updates
  {uuid}            a random UUID (the same rules)
  {now}             the creation time, ISO-8601        {streamlabel} the creation time as a DynamoDB stream label
  {fifo}            ".fifo" when the template sets FifoQueue/FifoTopic to true (for generated names)
  {s3website}       the S3 website endpoint's host part for the region (s3-website-<r> or s3-website.<r>)
  {eventsrule}      "rule/<name>" or "rule/<bus>/<name>" for a rule on a custom event bus
  {wsscheme}        "wss" for a WEBSOCKET API, else "https"
  {ip}              a random documentation IPv4 address (RFC 5737 TEST-NET-3)
  [a, b]            (a whole format) a list attribute; [] an empty one
"""
import json
import pathlib
import re
import sys

SITE = pathlib.Path(sys.argv[1] if len(sys.argv) > 1
                    else "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages")
CFNLINT = SITE / "cfnlint"
SCHEMAS = CFNLINT / "data/schemas"
OUT = (pathlib.Path(__file__).resolve().parents[1]
       / "main/resources/io/github/lambdasdlc/local/cloudformation/resources/standin-table.json")

ARN = "arn:{partition}:"

# NAME: type -> (name property or None, maximum length of a generated name, style). Styles: "stack" is
# <stack>-<logical>-<13 upper-case letters/digits> shortened to the maximum, "lower" the same in lower case,
# "logical" is <logical>-<12 mixed-case letters/digits> (Secrets Manager, Step Functions), "ssm" is
# CFN-<logical>-<12 mixed-case letters/digits>.
# FORMATS: type -> (physical id, Ref, {attribute: format}).
COMMON = {
    # DynamoDB
    "AWS::DynamoDB::Table": (("TableName", 255, "stack"), "{name}", "{name}", {
        "Arn": ARN + "dynamodb:{region}:{account}:table/{name}",
        "StreamArn": ARN + "dynamodb:{region}:{account}:table/{name}/stream/{streamlabel}"}),
    "AWS::DynamoDB::GlobalTable": (("TableName", 255, "stack"), "{name}", "{name}", {
        "Arn": ARN + "dynamodb:{region}:{account}:table/{name}",
        "StreamArn": ARN + "dynamodb:{region}:{account}:table/{name}/stream/{streamlabel}",
        "TableId": "{uuid}"}),
    # SQS, SNS
    "AWS::SQS::Queue": (("QueueName", 80, "stack"), "https://sqs.{region}.amazonaws.com/{account}/{name}",
                        "{id}", {
        "Arn": ARN + "sqs:{region}:{account}:{name}",
        "QueueName": "{name}",
        "QueueUrl": "{id}"}),
    "AWS::SQS::QueuePolicy": ((None, 128, "stack"), "{name}", "{id}", {"Id": "{id}"}),
    "AWS::SNS::Topic": (("TopicName", 256, "stack"), ARN + "sns:{region}:{account}:{name}", "{id}", {
        "TopicArn": "{id}",
        "TopicName": "{name}"}),
    "AWS::SNS::Subscription": ((None, 0, "stack"), "{prop:TopicArn}:{uuid}", "{id}", {"Arn": "{id}"}),
    "AWS::SNS::TopicPolicy": ((None, 128, "stack"), "{name}", "{id}", {"Id": "{id}"}),
    # S3
    "AWS::S3::Bucket": (("BucketName", 63, "lower"), "{name}", "{name}", {
        "Arn": ARN + "s3:::{name}",
        "DomainName": "{name}.s3.amazonaws.com",
        "DualStackDomainName": "{name}.s3.dualstack.{region}.amazonaws.com",
        "RegionalDomainName": "{name}.s3.{region}.amazonaws.com",
        "WebsiteURL": "http://{name}.{s3website}.amazonaws.com"}),
    "AWS::S3::BucketPolicy": ((None, 0, "stack"), "{prop:Bucket}", "{id}", {}),
    # EventBridge and EventBridge Scheduler
    "AWS::Events::Rule": (("Name", 64, "stack"), "{name}", "{name}", {
        "Arn": ARN + "events:{region}:{account}:{eventsrule}"}),
    "AWS::Events::EventBus": (("Name", 256, "stack"), "{name}", "{name}", {
        "Arn": ARN + "events:{region}:{account}:event-bus/{name}"}),
    "AWS::Scheduler::Schedule": (("Name", 64, "stack"), "{name}", "{name}", {
        "Arn": ARN + "scheduler:{region}:{account}:schedule/{prop:GroupName|default}/{name}"}),
    "AWS::Scheduler::ScheduleGroup": (("Name", 64, "stack"), "{name}", "{name}", {
        "Arn": ARN + "scheduler:{region}:{account}:schedule-group/{name}",
        "CreationDate": "{now}",
        "LastModificationDate": "{now}",
        "State": "ACTIVE"}),
    # API Gateway (REST, v1)
    "AWS::ApiGateway::RestApi": ((None, 0, "stack"), "{alnum:10}", "{id}", {
        "RestApiId": "{id}",
        "RootResourceId": "{alnum:10}"}),
    "AWS::ApiGateway::Resource": ((None, 0, "stack"), "{alnum:6}", "{id}", {"ResourceId": "{id}"}),
    "AWS::ApiGateway::Method": ((None, 0, "stack"), "{stack}-{logical}-{ALNUM:13}", "{id}", {}),
    "AWS::ApiGateway::Deployment": ((None, 0, "stack"), "{alnum:6}", "{id}", {"DeploymentId": "{id}"}),
    "AWS::ApiGateway::Stage": ((None, 0, "stack"), "{prop:StageName}", "{id}", {}),
    "AWS::ApiGateway::Authorizer": ((None, 0, "stack"), "{alnum:6}", "{id}", {"AuthorizerId": "{id}"}),
    "AWS::ApiGateway::ApiKey": ((None, 0, "stack"), "{alnum:10}", "{id}", {"APIKeyId": "{id}"}),
    "AWS::ApiGateway::UsagePlan": ((None, 0, "stack"), "{alnum:6}", "{id}", {"Id": "{id}"}),
    # API Gateway v2 (HTTP and WebSocket APIs)
    "AWS::ApiGatewayV2::Api": ((None, 0, "stack"), "{alnum:10}", "{id}", {
        "ApiId": "{id}",
        "ApiEndpoint": "{wsscheme}://{id}.execute-api.{region}.amazonaws.com"}),
    "AWS::ApiGatewayV2::Stage": ((None, 0, "stack"), "{prop:StageName}", "{id}", {"Id": "{id}"}),
    "AWS::ApiGatewayV2::Route": ((None, 0, "stack"), "{alnum:7}", "{id}", {"RouteId": "{id}"}),
    "AWS::ApiGatewayV2::Integration": ((None, 0, "stack"), "{alnum:7}", "{id}", {"IntegrationId": "{id}"}),
    "AWS::ApiGatewayV2::Authorizer": ((None, 0, "stack"), "{alnum:6}", "{id}", {"AuthorizerId": "{id}"}),
    "AWS::ApiGatewayV2::Deployment": ((None, 0, "stack"), "{alnum:6}", "{id}", {"DeploymentId": "{id}"}),
    # Systems Manager, Secrets Manager, KMS
    "AWS::SSM::Parameter": (("Name", 2048, "ssm"), "{name}", "{name}", {}),
    "AWS::SecretsManager::Secret": (("Name", 512, "logical"),
                                    ARN + "secretsmanager:{region}:{account}:secret:{name}-{mixed:6}", "{id}", {
        "Id": "{id}"}),
    "AWS::KMS::Key": ((None, 0, "stack"), "{uuid}", "{id}", {
        "Arn": ARN + "kms:{region}:{account}:key/{id}",
        "KeyId": "{id}"}),
    "AWS::KMS::Alias": ((None, 0, "stack"), "{prop:AliasName}", "{id}", {}),
    # CloudWatch
    "AWS::CloudWatch::Alarm": (("AlarmName", 255, "stack"), "{name}", "{name}", {
        "Arn": ARN + "cloudwatch:{region}:{account}:alarm:{name}"}),
    "AWS::CloudWatch::Dashboard": (("DashboardName", 255, "stack"), "{name}", "{name}", {}),
    "AWS::Logs::MetricFilter": (("FilterName", 512, "stack"), "{name}", "{name}", {}),
    "AWS::Logs::SubscriptionFilter": (("FilterName", 512, "stack"), "{name}", "{name}", {}),
    # IAM (the role is emulated: LogGroupProvider's neighbour IamRoleProvider)
    "AWS::IAM::Policy": ((None, 128, "stack"), "{name}", "{id}", {"Id": "{id}"}),
    "AWS::IAM::ManagedPolicy": (("ManagedPolicyName", 128, "stack"),
                                "arn:{partition}:iam::{account}:policy{prop:Path|/}{name}", "{id}", {
        "PolicyArn": "{id}",
        "PolicyId": "ANPA{ALNUM:17}",
        "AttachmentCount": "0",
        "CreateDate": "{now}",
        "UpdateDate": "{now}",
        "DefaultVersionId": "v1",
        "IsAttachable": "true",
        "PermissionsBoundaryUsageCount": "0"}),
    "AWS::IAM::InstanceProfile": (("InstanceProfileName", 128, "stack"), "{name}", "{name}", {
        "Arn": "arn:{partition}:iam::{account}:instance-profile{prop:Path|/}{name}"}),
    "AWS::IAM::User": (("UserName", 64, "stack"), "{name}", "{name}", {
        "Arn": "arn:{partition}:iam::{account}:user{prop:Path|/}{name}"}),
    "AWS::IAM::Group": (("GroupName", 128, "stack"), "{name}", "{name}", {
        "Arn": "arn:{partition}:iam::{account}:group{prop:Path|/}{name}"}),
    # Lambda pieces the local Lambda service does not keep
    "AWS::Lambda::EventSourceMapping": ((None, 0, "stack"), "{uuid}", "{id}", {
        "Id": "{id}",
        "EventSourceMappingArn": ARN + "lambda:{region}:{account}:event-source-mapping:{id}"}),
    "AWS::Lambda::LayerVersion": (("LayerName", 140, "stack"),
                                  ARN + "lambda:{region}:{account}:layer:{name}:1", "{id}", {
        "LayerVersionArn": "{id}"}),
    "AWS::Lambda::LayerVersionPermission": ((None, 0, "stack"), "{prop:LayerVersionArn}", "{id}", {
        "Id": "{id}"}),
    "AWS::Lambda::EventInvokeConfig": ((None, 0, "stack"), "{stack}-{logical}-{ALNUM:13}", "{id}", {}),
    "AWS::Lambda::Url": ((None, 0, "stack"), "{prop:TargetFunctionArn}", "{id}", {
        "FunctionArn": "{prop:TargetFunctionArn}",
        "FunctionUrl": "https://{alnum:32}.lambda-url.{region}.on.aws/"}),
    # Step Functions, Kinesis, ECR, Cognito
    "AWS::StepFunctions::StateMachine": (("StateMachineName", 80, "logical"),
                                         ARN + "states:{region}:{account}:stateMachine:{name}", "{id}", {
        "Arn": "{id}",
        "Name": "{name}",
        "StateMachineRevisionId": "{id}"}),
    "AWS::Kinesis::Stream": (("Name", 128, "stack"), "{name}", "{name}", {
        "Arn": ARN + "kinesis:{region}:{account}:stream/{name}"}),
    "AWS::ECR::Repository": (("RepositoryName", 256, "lower"), "{name}", "{name}", {
        "Arn": ARN + "ecr:{region}:{account}:repository/{name}",
        "RepositoryUri": "{account}.dkr.ecr.{region}.amazonaws.com/{name}"}),
    "AWS::Cognito::UserPool": ((None, 0, "stack"), "{region}_{mixed:9}", "{id}", {
        "UserPoolId": "{id}",
        "Arn": ARN + "cognito-idp:{region}:{account}:userpool/{id}",
        "ProviderName": "cognito-idp.{region}.amazonaws.com/{id}",
        "ProviderURL": "https://cognito-idp.{region}.amazonaws.com/{id}"}),
    "AWS::Cognito::UserPoolClient": ((None, 0, "stack"), "{alnum:26}", "{id}", {
        "ClientId": "{id}",
        "Name": "{prop:ClientName|{id}}"}),
    # EC2 and VPC pieces
    "AWS::EC2::VPC": ((None, 0, "stack"), "vpc-{hex:17}", "{id}", {
        "VpcId": "{id}",
        "CidrBlockAssociations": "[vpc-cidr-assoc-{hex:17}]",
        "DefaultNetworkAcl": "acl-{hex:17}",
        "DefaultSecurityGroup": "sg-{hex:17}",
        "Ipv6CidrBlocks": "[]"}),
    "AWS::EC2::Subnet": ((None, 0, "stack"), "subnet-{hex:17}", "{id}", {
        "SubnetId": "{id}",
        "NetworkAclAssociationId": "aclassoc-{hex:17}",
        "Ipv6CidrBlocks": "[]",
        "AvailabilityZone": "{prop:AvailabilityZone|{region}a}"}),
    "AWS::EC2::SecurityGroup": ((None, 0, "stack"), "sg-{hex:17}", "{id}", {
        "GroupId": "{id}",
        "Id": "{id}"}),
    "AWS::EC2::SecurityGroupIngress": ((None, 0, "stack"), "sgr-{hex:17}", "{id}", {"Id": "{id}"}),
    "AWS::EC2::SecurityGroupEgress": ((None, 0, "stack"), "sgr-{hex:17}", "{id}", {"Id": "{id}"}),
    "AWS::EC2::InternetGateway": ((None, 0, "stack"), "igw-{hex:17}", "{id}", {"InternetGatewayId": "{id}"}),
    "AWS::EC2::VPCGatewayAttachment": ((None, 0, "stack"), "IGW|{prop:VpcId}", "{id}", {}),
    "AWS::EC2::RouteTable": ((None, 0, "stack"), "rtb-{hex:17}", "{id}", {"RouteTableId": "{id}"}),
    "AWS::EC2::Route": ((None, 0, "stack"), "{prop:RouteTableId}|{prop:DestinationCidrBlock|::/0}", "{id}", {
        "CidrBlock": "{prop:DestinationCidrBlock|::/0}"}),
    "AWS::EC2::SubnetRouteTableAssociation": ((None, 0, "stack"), "rtbassoc-{hex:17}", "{id}", {"Id": "{id}"}),
    "AWS::EC2::NatGateway": ((None, 0, "stack"), "nat-{hex:17}", "{id}", {"NatGatewayId": "{id}"}),
    "AWS::EC2::EIP": ((None, 0, "stack"), "{ip}", "{id}", {
        "PublicIp": "{id}",
        "AllocationId": "eipalloc-{hex:17}"}),
    "AWS::EC2::VPCEndpoint": ((None, 0, "stack"), "vpce-{hex:17}", "{id}", {
        "Id": "{id}",
        "CreationTimestamp": "{now}",
        "DnsEntries": "[{id}-{alnum:8}.{prop:ServiceName}]",
        "NetworkInterfaceIds": "[]"}),
    "AWS::EC2::NetworkAcl": ((None, 0, "stack"), "acl-{hex:17}", "{id}", {"Id": "{id}"}),
}

# Attributes of common types that a stand-in cannot give a faithful value for, with the reason (GetAtt on
# them fails the resource with that reason rather than inventing a value).
UNAVAILABLE = {
    "AWS::S3::Bucket": "only S3 Metadata tables have them",
    "AWS::EC2::Subnet": "they describe Amazon VPC Block Public Access state",
    "AWS::EC2::NatGateway": "they describe the gateway's network interfaces",
    "AWS::EC2::VPCEndpoint": None,
    "AWS::Cognito::UserPoolClient": "the client secret is made by Cognito",
    "AWS::Events::EventBus": None,
    "AWS::SSM::Parameter": None,
    "AWS::EC2::VPCGatewayAttachment": "it depends on the gateway's kind",
    "AWS::Kinesis::Stream": "warm throughput is an On-demand Advantage setting of Kinesis",
}

# cfn-lint's lists (see the module docstring), read from its source so that they stay in step with it.
getatts_source = (CFNLINT / "schema/_getatts.py").read_text()
ns = {}
exec(compile(getatts_source.split("class AttributeDict")[0], "_getatts", "exec"), ns)
ALL_PROPERTY_TYPES = set(ns["_all_property_types"])
EXCEPTIONS = ns["_exceptions"]

types = {}
exec((SCHEMAS / "providers/us_east_1.py").read_text().split("from __future__ import annotations")[1], {},
     {"types": types})
if not types:
    namespace = {}
    exec((SCHEMAS / "providers/us_east_1.py").read_text(), namespace)
    types = namespace["types"]


def pointer_to_attr(pointer):
    return ".".join(pointer.split("/")[2:])


def resolve(schema, ref):
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def leaf_attributes(schema, node, path, out, depth=0):
    if depth > 6:
        return
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "$ref" in node:
        leaf_attributes(schema, resolve(schema, node["$ref"]), path, out, depth + 1)
    elif "object" in kinds:
        for name, value in node.get("properties", {}).items():
            leaf_attributes(schema, value, path + "/" + name, out, depth + 1)
    elif "array" in kinds:
        items = node.get("items", {})
        if "$ref" in items:
            items = resolve(schema, items["$ref"])
        if items.get("type") not in ("object", "array") and "properties" not in items:
            out.append(pointer_to_attr(path))
    else:
        out.append(pointer_to_attr(path))


def attributes(type_name, schema):
    if type_name in ALL_PROPERTY_TYPES:
        out = []
        for name, value in schema.get("properties", {}).items():
            leaf_attributes(schema, value, "/properties/" + name, out)
        return out
    out = [pointer_to_attr("/properties/" + n) for n in EXCEPTIONS.get(type_name, [])]
    out += [pointer_to_attr(p) for p in schema.get("readOnlyProperties", [])]
    return list(dict.fromkeys(out))


def top_level(pointers):
    return sorted({p.split("/")[2] for p in pointers or [] if p.startswith("/properties/")})


def cfn_lint_version():
    for dist in SITE.glob("cfn_lint-*.dist-info"):
        return dist.name[len("cfn_lint-"):-len(".dist-info")]
    return "unknown"


def q(value):
    return json.dumps(value, ensure_ascii=True)


schema_rows = []
common_rows = []
problems = []
for type_name in sorted(types):
    if not re.fullmatch(r"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+", type_name):
        continue
    schema = json.loads((SCHEMAS / "resources" / (types[type_name] + ".json")).read_text())
    primary = [pointer_to_attr(p) for p in schema.get("primaryIdentifier", [])]
    attrs = attributes(type_name, schema)
    create_only = top_level(schema.get("createOnlyProperties"))
    schema_rows.append("|".join([type_name, ",".join(primary), ",".join(create_only), ",".join(attrs)]))
    if type_name in COMMON:
        (name_prop, max_len, style), physical, ref, formats = COMMON[type_name]
        cells = [type_name, name_prop or "", str(max_len), style, physical, ref]
        read_only = {pointer_to_attr(p) for p in schema.get("readOnlyProperties", [])}
        for attr in attrs:
            if attr in formats:
                cells.append(attr + "=" + formats[attr])
            elif attr == name_prop:
                cells.append(attr + "={name}")
            elif type_name in ALL_PROPERTY_TYPES and attr not in read_only:
                # A writable property: GetAtt answers the template's value.
                cells.append(attr + "={prop:" + attr + "}")
            elif type_name in UNAVAILABLE:
                reason = UNAVAILABLE[type_name] or "the local cloud does not keep it"
                cells.append(attr + "=!" + reason)
            else:
                problems.append(type_name + " has GetAtt attribute " + attr + " with no format")
        for attr in formats:
            if attr not in attrs:
                problems.append(type_name + " has a format for " + attr + ", which its schema does not list")
        common_rows.append(cells)
missing = sorted(set(COMMON) - {row[0] for row in common_rows})
if missing:
    problems.append("no schema for " + ", ".join(missing))
if problems:
    sys.exit("\n".join(problems))

# One row a line, so that a review of the regenerated file reads like a table's diff.
schema_lines = ",\n".join("    " + q(row) for row in schema_rows)
common_lines = ",\n".join("    [" + ", ".join(q(c) for c in row) + "]" for row in common_rows)
OUT.write_text("""{
  "generatedBy": "lambda-sdlc-maven-plugin/src/build/generate-standin-table.py: do not edit by hand",
  "cfnLint": %s,
  "schemas": [
%s],
  "formats": [
%s]
}
""" % (q(cfn_lint_version()), schema_lines, common_lines))
print("wrote", OUT, len(schema_rows), "types,", len(common_rows), "with formats")
