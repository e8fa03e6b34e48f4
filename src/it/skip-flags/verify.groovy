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

if (builds.size() != 6) throw new AssertionError("expected 6 builds in build.log, found " + builds.size())

['init', 'prepare', 'integration-test', 'deploy'].each { says(1, "Skipping ${it} (lambda-sdlc.skip).".toString()) }
['init', 'prepare', 'integration-test', 'deploy'].each { says(2, "Skipping ${it} (lambda-sdlc.${it}.skip).".toString()) }
says(3, 'Skipping integration-test (skipITs).')
says(4, 'Skipping integration-test (skipTests).')
says(5, 'Skipping integration-test (maven.test.skip).')
says(6, 'Skipping the local cloud (lambda-sdlc.local.skip).')
(1..6).each { n ->
  says(n, 'BUILD SUCCESS')
  saysNot(n, 'Started the local cloud')
}
assert !new File(basedir, 'target/lambda-sdlc-local').exists() : 'no local cloud state was written'
