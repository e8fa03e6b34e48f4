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

if (builds.size() != 4) throw new AssertionError("expected 4 builds in build.log, found " + builds.size())

// 1: the failed resource's reason, and the rollback
says(1, 'CREATE_FAILED                                AWS::Lambda::Function        Function')
says(1, 'Stack broken-template could not be created (ROLLBACK_COMPLETE). Failed resources:')
matches(1, /Function \(AWS::Lambda::Function\): .*memorySize.*128/)
says(1, 'DELETE_COMPLETE                              AWS::IAM::Role               FunctionRole')
says(1, 'ROLLBACK_COMPLETE                            AWS::CloudFormation::Stack   broken-template')
says(1, 'BUILD FAILURE')

// 2: a stack in ROLLBACK_COMPLETE can only be deleted: the message says how
says(2, 'Stack broken-template is in ROLLBACK_COMPLETE')
says(2, '-Dlambda-sdlc.recreateFailed=true')
saysNot(2, 'UPDATE_IN_PROGRESS')
says(2, 'BUILD FAILURE')

// 3: deleted and created again from the fixed template
says(3, 'Stack broken-template is in ROLLBACK_COMPLETE; deleting it to create it again (lambda-sdlc.recreateFailed).')
matches(3, /Recreated stack broken-template on http:\/\/127\.0\.0\.1:\d+ \(CREATE_COMPLETE\); function broken-template \(Function\)\./)
says(3, 'BUILD SUCCESS')

// 4: the failed update is rolled back to the fixed stack
says(4, 'UPDATE_FAILED                                AWS::Lambda::Function        Function')
says(4, 'Stack broken-template could not be updated (UPDATE_ROLLBACK_COMPLETE). Failed resources:')
matches(4, /Function \(AWS::Lambda::Function\): .*memorySize.*128/)
says(4, 'CloudFormation rolled the stack back to its previous state (UPDATE_ROLLBACK_COMPLETE).')
says(4, 'BUILD FAILURE')
