// Asserts on what each step printed (all steps log into the one build.log).
def log = new File(basedir, 'build.log').getText('UTF-8')

def expect = { String text ->
  if (!log.contains(text)) {
    throw new AssertionError("build.log lacks: " + text)
  }
}

expect 'CREATE_COMPLETE                              AWS::Lambda::Url             Url'
expect 'CREATE_COMPLETE                              AWS::ApiGatewayV2::Api       Api'
def urls = (log =~ /Function URL: (http:\/\/127\.0\.0\.1:\d+\/) \(function-url, AuthType NONE\)/).collect { it[1] }
if (urls.size() != 2) {
  throw new AssertionError("expected the function URL in both status runs, found " + urls)
}
if (urls[0] != urls[1]) {
  throw new AssertionError("the function URL changed across runs: " + urls)
}
def outputs = (log =~ /Output         FunctionUrl = (\S+)/).collect { it[1] }
if (outputs.isEmpty() || outputs[0] != urls[0]) {
  throw new AssertionError("the stack's FunctionUrl output " + outputs + " is not the URL status lists " + urls)
}
if (!(log =~ /Output         ApiEndpoint = http:\/\/127\.0\.0\.1:\d+\s/).find()) {
  throw new AssertionError("build.log lacks the HTTP API's endpoint")
}
