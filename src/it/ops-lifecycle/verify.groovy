// Asserts on what each step printed (all steps log into the one build.log).
def log = new File(basedir, 'build.log').getText('UTF-8')

def expect = { String text ->
  if (!log.contains(text)) {
    throw new AssertionError("build.log lacks: " + text)
  }
}
def expectMatch = { String regex ->
  if (!(log =~ regex).find()) {
    throw new AssertionError("build.log matches nothing like: " + regex)
  }
}

// 1: the SDLC goals
expect 'Created stack ops-lifecycle on http://127.0.0.1:'
expect 'Prepared function ops-lifecycle: runtime python3.13 -> java21'

// 2: status
expectMatch(/Stack ops-lifecycle on http:\/\/127\.0\.0\.1:\d+: CREATE_COMPLETE/)
expect 'Runtime        java21'
expect 'Handler        com.example.Greeter::handleRequest'
expect 'State          Active, LastUpdateStatus Successful'
expect 'Code           this build (CodeSha256 '
expect 'Environment    API_KEY (values not shown)'
expect 'Runtime: template python3.13, live java21 (expected: the prepare goal switched the python3.13 stub to Java)'
expect 'Environment: template [], live [API_KEY] (only live [API_KEY]; values not shown)'
expect 'Versions: none published (only $LATEST)'
expect '  Parameter      LogRetentionInDays = 14'
expect '  Output         FunctionName = ops-lifecycle'
expectMatch(/  Output         FunctionArn = arn:aws:lambda:us-east-1:000000000000:function:ops-lifecycle \(export ops-lifecycle-FunctionArn\)/)
if (log.contains('s3cr3t-value-never-printed')) {
  throw new AssertionError('build.log shows the value of an environment variable')
}

// 3 and 4: invoke
expect '"greeting" : "Hello, Ada!",'
expect 'Response (status 200, version $LATEST):'
expectMatch(/Duration [0-9.]+ ms, billed [0-9]+ ms, memory [0-9]+ of 512 MB used/)
expect 'Error response (Unhandled) (status 200, version $LATEST):'
expect 'Function ops-lifecycle failed (Unhandled): java.lang.IllegalArgumentException: name is required'

// 5 and 6: logs
expectMatch('\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\[\\$LATEST\\][0-9a-f]{8} Greeting Ada')
expectMatch('\\[\\$LATEST\\][0-9a-f]{8} Refusing an event without a name')
expectMatch('\\[\\$LATEST\\][0-9a-f]{8} REPORT RequestId: ')
expect 'Log events of function ops-lifecycle since '
expect '(log group /aws/lambda/ops-lifecycle, filter Greeting):'

// 7 and 8: template
expect 'Wrote src/main/cloudformation/template.yaml with the built-in template'
expect 'src/main/cloudformation/template.yaml already holds the built-in template: already up to date.'
assert new File(basedir, 'src/main/cloudformation/template.yaml').text.contains('Type: AWS::Lambda::Function')

// 9 to 11: destroy
expect 'destroy deletes stack ops-lifecycle on AWS (region eu-west-1)'
expect '-Dlambda-sdlc.confirm=ops-lifecycle'
expect 'Deleting stack ops-lifecycle (CREATE_COMPLETE) on http://127.0.0.1:'
expectMatch(/DELETE_COMPLETE +AWS::Lambda::Function +Function/)
expectMatch(/Deleted stack ops-lifecycle from http:\/\/127\.0\.0\.1:\d+\./)
expectMatch(/Stack ops-lifecycle does not exist on http:\/\/127\.0\.0\.1:\d+: nothing to destroy\./)
expectMatch(/Stack ops-lifecycle: does not exist on http:\/\/127\.0\.0\.1:\d+\. Create it with mvn lambda-sdlc:init\./)
// 12 to 15: events of the deleted stack, then wipe
expectMatch(/Stack ops-lifecycle on http:\/\/127\.0\.0\.1:\d+ \(deleted [^)]+\): its 3 newest events, oldest first \(-Dlambda-sdlc\.events=N shows more\):/)
expectMatch(/Z  DELETE_COMPLETE +AWS::CloudFormation::Stack  ops-lifecycle/)
expect 'Removed log group /aws/lambda/ops-lifecycle ('
expect 'Removed the record of deleted stack ops-lifecycle ('
expectMatch(/Removed what the local cloud keeps of stack ops-lifecycle from .*lambda-sdlc-local: [0-9.]+ (B|KB|MB) freed\./)
expect 'Nothing to remove of what the local cloud keeps of stack ops-lifecycle in '
expect 'Removed runtime caches ('
expectMatch(/Removed the local cloud's state from .*lambda-sdlc-local: [0-9.]+ (B|KB|MB) freed\./)
assert !new File(basedir, 'target/lambda-sdlc-local').exists()
true
