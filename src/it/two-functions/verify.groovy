// The invoker appends every build of this project to build.log; each starts with "Scanning for projects".
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1) as List

// Assertions that name the build and the text, instead of printing a whole build log.
def says = { int n, String text ->
  if (!builds[n - 1].contains(text)) throw new AssertionError("build " + n + " should say: " + text)
}
def saysNot = { int n, String text ->
  if (builds[n - 1].contains(text)) throw new AssertionError("build " + n + " should not say: " + text)
}
def matches = { int n, String regex ->
  if (!(builds[n - 1] =~ regex)) throw new AssertionError("build " + n + " should have a line matching: " + regex)
}

if (builds.size() != 2) throw new AssertionError("expected 2 builds in build.log, found " + builds.size())

says(1, 'CREATE_COMPLETE                              AWS::CloudFormation::Stack   two-functions')
says(1, 'ApiFunction')
says(1, 'AuditFunction')
says(1, 'functionLogicalId')
says(1, 'BUILD FAILURE')

says(2, 'Stack two-functions is up to date')
matches(2, /function two-functions-test-api \(ApiFunction\)\./)
says(2, 'Prepared function two-functions-test-api: runtime python3.13 -> java21')
matches(2, /Uploading [\d.]+ KiB to function two-functions-test-api/)
says(2, 'PASS greets-with-the-stack-parameter')
saysNot(2, 'two-functions-test-audit (')
saysNot(2, 'function two-functions-test-audit')
says(2, 'BUILD SUCCESS')
