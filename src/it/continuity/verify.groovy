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

if (builds.size() != 5) throw new AssertionError("expected 5 builds in build.log, found " + builds.size())

says(1, 'Created stack continuity')
says(1, 'Prepared function continuity: runtime python3.12 -> java21')
says(1, 'PASS greets')
says(1, 'BUILD SUCCESS')

// 2: the stack update resets the function to the stub, and init says so
says(2, 'UPDATE_COMPLETE                              AWS::CloudFormation::Stack   continuity')
says(2, "The stack update reset function Function from java21 to the template's python3.13 stub. The prepare and deploy goals restore its Java runtime and code.")
says(2, 'BUILD SUCCESS')

// 3: restored: prepare switches the runtime back, the Java code is pushed again, the cases pass
matches(3, /Stack continuity is up to date on http:\/\/127\.0\.0\.1:\d+/)
says(3, 'Prepared function continuity: runtime python3.13 -> java21.')
matches(3, /Uploading [\d.]+ KiB to function continuity/)
says(3, 'PASS greets')
says(3, 'BUILD SUCCESS')

// 4: the stack is deleted by a client of the endpoint
says(4, 'DeleteStack: stack continuity')
says(4, 'is DELETE_COMPLETE')
says(4, 'BUILD SUCCESS')

// 5: recreated from the template and restored
says(5, 'Creating stack continuity from')
matches(5, /Created stack continuity on http:\/\/127\.0\.0\.1:\d+ \(CREATE_COMPLETE\)/)
says(5, 'Prepared function continuity: runtime python3.13 -> java21, handler index.handler -> com.example.Greeter::handleRequest.')
matches(5, /Uploading [\d.]+ KiB to function continuity/)
says(5, 'PASS greets')
says(5, 'BUILD SUCCESS')
