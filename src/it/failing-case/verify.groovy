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

if (builds.size() != 1) throw new AssertionError("expected 1 builds in build.log, found " + builds.size())

says(1, 'PASS greets')
says(1, 'FAIL no-name-is-greeted')
says(1, 'the function failed (Unhandled): java.lang.IllegalArgumentException: name is required')
says(1, 'Tests run: 2, Failures: 1, Errors: 0, Skipped: 0')
says(1, 'There are failing event cases (Tests run: 2, Failures: 1, Errors: 0, Skipped: 0)')
says(1, 'BUILD FAILURE')

def report = new File(basedir, 'target/lambda-sdlc-reports/TEST-lambda-sdlc.failing-case.xml')
assert report.isFile()
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.text() == '2'
assert suite.@failures.text() == '1'
def failed = suite.testcase.find { it.@name.text() == 'no-name-is-greeted' }
assert failed.failure.size() == 1
assert failed.failure.@message.text().contains('java.lang.IllegalArgumentException: name is required') ||
    failed.failure.text().contains('java.lang.IllegalArgumentException: name is required')
def passed = suite.testcase.find { it.@name.text() == 'greets' }
assert passed.failure.size() == 0
