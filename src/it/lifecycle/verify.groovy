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

if (builds.size() != 3) throw new AssertionError("expected 3 builds in build.log, found " + builds.size())

// 1: fresh
matches(1, /Started the local cloud at http:\/\/127\.0\.0\.1:\d+ \(region us-east-1, state .*target.lambda-sdlc-local\)/)
says(1, 'Creating stack lifecycle from the built-in template')
says(1, 'CREATE_COMPLETE                              AWS::Lambda::Function        Function')
matches(1, /Created stack lifecycle on http:\/\/127\.0\.0\.1:\d+ \(CREATE_COMPLETE\); function lifecycle \(Function\)\./)
says(1, 'Handler: com.example.Greeter::handleRequest (the only RequestHandler in classes')
says(1, 'Prepared function lifecycle: runtime python3.13 -> java21, handler index.handler -> com.example.Greeter::handleRequest.')
says(1, "Function lifecycle does not run this build's code yet; pushing it before testing")
matches(1, /Uploading [\d.]+ KiB to function lifecycle/)
matches(1, /PASS greets \(.*init [\d.]+ ms\)/)
says(1, 'PASS no-name')
says(1, 'Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
// the cost summary: a line per case and one for the suite, at AWS's prices
matches(1, /Cost of these invocations at AWS's us-east-1 prices of \d{4}-\d\d-\d\d: x86_64, 512 MB; \$0\.20 per million requests/)
matches(1, /  greets +billed \d+ ms \(cold start, init included\), \d+ of 512 MB used, \$[\d.,]+ per million/)
matches(1, /  suite +2 invocations: billed p50 \d+ ms, max \d+ ms \(1 cold start, init included\)/)
matches(1, /Function lifecycle is up to date \(CodeSha256 [A-Za-z0-9+\/=]+\): nothing uploaded\./)
says(1, 'BUILD SUCCESS')
// every goal says first where its calls go: here the local cloud, with its state directory
if ((builds[0] =~ /Target: the local cloud at http:\/\/127\.0\.0\.1:\d+ \(state .*target.lambda-sdlc-local\); stack lifecycle/).size() != 4) {
  throw new AssertionError("build 1 should name its target once per goal (init, prepare, integration-test, deploy)")
}

// 2: the same build: nothing to do anywhere, no bytes uploaded
matches(2, /Stack lifecycle is up to date on http:\/\/127\.0\.0\.1:\d+ \(CREATE_COMPLETE\)/)
says(2, 'Function lifecycle is already prepared (java21, com.example.Greeter::handleRequest): nothing to change.')
says(2, "Function lifecycle runs this build's code")
says(2, 'Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
says(2, 'nothing uploaded.')
saysNot(2, 'Uploading')
saysNot(2, 'Prepared function')
saysNot(2, 'UPDATE_IN_PROGRESS')
says(2, 'BUILD SUCCESS')

// 3: newer code than the live function's, and pushBeforeTest=false
matches(3, /Function lifecycle does not run this build's code \(live CodeSha256 \S+, this build's lifecycle-1\.0\.0-lambda\.zip \S+\), so the event cases would test other code, and lambda-sdlc\.pushBeforeTest is false\./)
saysNot(3, 'Uploading')
saysNot(3, 'PASS ')
says(3, 'BUILD FAILURE')

// The report of build 2 (build 3 failed before running any case) records both cases as passed.
def report = new File(basedir, 'target/lambda-sdlc-reports/TEST-lambda-sdlc.lifecycle.xml')
assert report.isFile()
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.text() == '2'
assert suite.@failures.text() == '0'
