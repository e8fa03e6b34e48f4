// The invoker appends every build of this project to build.log; each starts with "Scanning for projects".
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1) as List

def says = { int n, String text ->
  if (!builds[n - 1].contains(text)) throw new AssertionError("build " + n + " should say: " + text)
}
def saysNot = { int n, String text ->
  if (builds[n - 1].contains(text)) throw new AssertionError("build " + n + " should not say: " + text)
}

if (builds.size() != 5) throw new AssertionError("expected 5 builds in build.log, found " + builds.size())

// 1: created
says(1, 'Created stack init-preview')

// 2: the preview prints the change and applies nothing
says(2, 'Changes to stack init-preview (change set lambda-sdlc-')
says(2, 'Modify Function (AWS::Lambda::Function), replacement False: MemorySize')
says(2, 'Preview only (lambda-sdlc.preview): nothing applied.')
says(2, 'Previewed stack init-preview, nothing applied')
saysNot(2, 'UPDATE_IN_PROGRESS')

// 3: applied, after the same lines
says(3, 'Modify Function (AWS::Lambda::Function), replacement False: MemorySize')
says(3, 'UPDATE_COMPLETE')
says(3, 'Updated stack init-preview')

// 4: the log group would be replaced: refused, naming it and the way out
says(4, 'Modify FunctionLogGroup (AWS::Logs::LogGroup), replacement True: LogGroupName')
says(4, 'Stack init-preview was not updated: the change would replace or remove a resource that holds data: FunctionLogGroup (AWS::Logs::LogGroup, replacement True)')
says(4, '-Dlambda-sdlc.allowDataLoss=true')
saysNot(4, 'UPDATE_IN_PROGRESS')
says(4, 'BUILD FAILURE')

// 5: allowed
says(5, 'their data is lost (lambda-sdlc.allowDataLoss)')
says(5, 'Updated stack init-preview')
says(5, 'BUILD SUCCESS')
