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

says(1, 'Created stack missing-handler')
says(1, 'The handler class com.example.Greeterr (lambda-sdlc.handler) is not in the deployment package missing-handler-1.0.0-lambda.zip. Classes in it that implement RequestHandler or RequestStreamHandler: com.example.Greeter. Fix lambda-sdlc.handler.')
saysNot(1, 'Prepared function')
saysNot(1, 'Uploading')
says(1, 'BUILD FAILURE')
