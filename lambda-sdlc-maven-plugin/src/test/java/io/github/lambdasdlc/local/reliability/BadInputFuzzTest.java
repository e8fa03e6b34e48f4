package io.github.lambdasdlc.local.reliability;

import static io.github.lambdasdlc.local.reliability.HostileInputs.BAD_NAMES;
import static io.github.lambdasdlc.local.reliability.HostileInputs.base64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;

/**
 * Sends malformed and hostile requests to every service over raw HTTP and checks that each is answered
 * with an AWS-shaped client error of its protocol, never a 500 and never a hang, and that the cloud
 * still serves the SDK afterwards. The cases come from a seeded generator: the default run sends
 * {@value #DEFAULT_CASES} of them plus a fixed list of expensive hostile zips; the slow variant
 * ({@code -Dreliability.slow=true}, {@code -Dfuzz.cases=100000}, {@code -Dfuzz.seed=N}) sends more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputFuzzTest {
  static final int DEFAULT_CASES = 1500;
  static final long DEFAULT_SEED = 20260101L;
  private static final Duration PER_REQUEST = Duration.ofSeconds(20);
  private static final String FUNCTIONS = "/2015-03-31/functions";
  private static final String[] CFN_ACTIONS = {"CreateStack", "UpdateStack", "DeleteStack", "DescribeStacks",
      "DescribeStackEvents", "DescribeStackResource", "DescribeStackResources", "ListStackResources", "ListStacks",
      "ListExports", "GetTemplate", "ValidateTemplate", "UpdateTerminationProtection", "CreateChangeSet",
      "describestacks", "", "Describe Stacks", "DescribeStacks\u0000", "../DescribeStacks"};
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"};

  /** One request and whether a success answer is acceptable for it (an accidentally valid input). */
  record Case(String label, String signingService, String method, String pathAndQuery, String contentType,
      byte[] body, boolean maySucceed, String amzTarget) {
    Case(String label, String signingService, String method, String pathAndQuery, String contentType, byte[] body,
        boolean maySucceed) {
      this(label, signingService, method, pathAndQuery, contentType, body, maySucceed, null);
    }

    Case withTarget(String target) {
      return new Case(label, signingService, method, pathAndQuery, contentType, body, maySucceed, target);
    }
  }

  @TempDir
  static Path dir;
  LocalCloud cloud;
  CloudFormationClient cfn;
  LambdaClient lambda;
  final List<String> problems = new ArrayList<>();
  final Map<String, Long> timeByKind = new java.util.TreeMap<>();

  @BeforeAll
  void start() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir).stackStepDelay(Duration.ZERO)
        .lambdaUpdateDelay(Duration.ofMillis(10)).build());
    cfn = ReliabilityClients.cloudFormation(cloud.endpoint());
    lambda = ReliabilityClients.lambda(cloud.endpoint());
    // Things to aim at: a stack and a function that exist.
    cfn.createStack(r -> r.stackName("target").templateBody(ReliabilityClients.STACK)
        .capabilities(Capability.CAPABILITY_IAM));
    lambda.createFunction(ReliabilityClients.createFunction("target-fn", ReliabilityClients.handlerZip("t")));
    lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName("target-fn").build(),
        ReliabilityClients.FAST_WAIT);
  }

  @AfterAll
  void stop() {
    cfn.close();
    lambda.close();
    cloud.close();
  }

  @Test
  void seededMalformedRequestsGetAwsShapedClientErrors() {
    run(DEFAULT_CASES, DEFAULT_SEED);
  }

  /** {@code -Dreliability.slow=true -Dfuzz.cases=100000 [-Dfuzz.seed=N]}: a long run. */
  @Test
  @Tag("slow")
  @EnabledIfSystemProperty(named = "reliability.slow", matches = "true")
  void longRun() {
    run(Integer.getInteger("fuzz.cases", 100_000), Long.getLong("fuzz.seed", DEFAULT_SEED + 1));
  }

  private void run(int cases, long seed) {
    problems.clear();
    Random random = new Random(seed);
    List<Supplier<Case>> generators = List.of(
        () -> cfnBrokenForm(random), () -> cfnBadParameters(random), () -> cfnBrokenTemplate(random),
        () -> cfnWrongMethod(random), () -> lambdaUnknownRoute(random), () -> lambdaBadName(random),
        () -> lambdaBrokenJson(random), () -> lambdaBadCode(random), () -> lambdaBadQuery(random),
        () -> logsBadRequest(random), () -> unroutable(random));
    long started = System.nanoTime();
    int sent = 0;
    for (Case c : expensiveCases()) {
      check(c);
      sent++;
    }
    for (int i = 0; i < cases; i++) {
      check(generators.get(random.nextInt(generators.size())).get());
      sent++;
    }
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.println("Fuzz: " + sent + " requests (seed " + seed + ") in " + millis + " ms, "
        + problems.size() + " problems");
    timeByKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
        .forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue() / 1_000_000 + " ms"));
    assertThat(problems).isEmpty();
    stillServesTheSdk();
  }

  // ------------------------------------------------------------------ checking

  private void check(Case c) {
    long started = System.nanoTime();
    try {
      problems.addAll(verdict(c));
    } finally {
      String kind = c.label().split(" ").length > 1 ? c.label().split(" ")[0] + " " + c.label().split(" ")[1] : c.label();
      timeByKind.merge(kind, System.nanoTime() - started, Long::sum);
    }
  }

  private List<String> verdict(Case c) {
    RawHttp.Answer response;
    try {
      response = send(c);
    } catch (RawHttp.Hang e) {
      return List.of("HANG " + c.label());
    } catch (Exception e) {
      return List.of("NO ANSWER (" + e + ") " + c.label());
    }
    int status = response.status();
    if (status >= 500) {
      return List.of(status + " " + c.label() + ": " + text(response.body(), 300));
    }
    if (status < 400) {
      return c.maySucceed() ? List.of() : List.of("ACCEPTED " + status + " " + c.label());
    }
    if (!servable(c.pathAndQuery())) {
      // The JDK server refuses a request target that is no URI (400) or has no path (404, no context)
      // before any service sees it: its own plain answer, not an AWS document (see docs/reliability.md).
      return status == 400 || status == 404 ? List.of() : List.of("NOT 4xx for a bad request target " + c.label());
    }
    String shapeProblem = "cloudformation".equals(c.signingService()) ? queryErrorProblem(response.body())
        : "s3".equals(c.signingService()) ? restXmlErrorProblem(response.body(), c.method())
        : jsonErrorProblem(response, c.method());
    return shapeProblem == null ? List.of()
        : List.of("SHAPE " + shapeProblem + " " + c.label() + ": " + text(response.body(), 200));
  }

  /** Whether the JDK server passes a request target on to the local cloud: a URI with a path. */
  private static boolean servable(String target) {
    try {
      return new URI(target).getRawPath().startsWith("/");
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private RawHttp.Answer send(Case c) throws java.io.IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (c.signingService() != null) {
      headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/" + c.signingService()
          + "/aws4_request, SignedHeaders=host, Signature=00");
    }
    if (c.contentType() != null) {
      headers.put("Content-Type", c.contentType());
    }
    if (c.amzTarget() != null) {
      headers.put("X-Amz-Target", c.amzTarget());
    }
    return RawHttp.exchange(cloud.endpoint(), c.method(), c.pathAndQuery(), headers, c.body(), PER_REQUEST);
  }

  /** Query: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. */
  static String queryErrorProblem(byte[] body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
      if (!doc.getDocumentElement().getLocalName().equals("ErrorResponse")) {
        return "root is " + doc.getDocumentElement().getLocalName();
      }
      for (String tag : List.of("Type", "Code", "Message", "RequestId")) {
        if (doc.getElementsByTagName(tag).getLength() != 1) {
          return "no single <" + tag + ">";
        }
      }
      String code = doc.getElementsByTagName("Code").item(0).getTextContent();
      return code.isBlank() ? "blank code" : null;
    } catch (Exception e) {
      return "not XML (" + e.getMessage() + ")";
    }
  }

  /** REST-XML as S3 answers (an unemulated service here): {@code <Error><Code/><Message/><RequestId/></Error>}. */
  static String restXmlErrorProblem(byte[] body, String method) {
    if (method.equals("HEAD")) {
      return null;
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
      if (!doc.getDocumentElement().getTagName().equals("Error")) {
        return "root is " + doc.getDocumentElement().getTagName();
      }
      for (String tag : List.of("Code", "Message")) {
        if (doc.getElementsByTagName(tag).getLength() != 1) {
          return "no single <" + tag + ">";
        }
      }
      return doc.getElementsByTagName("Code").item(0).getTextContent().isBlank() ? "blank code" : null;
    } catch (Exception e) {
      return "not XML (" + e.getMessage() + ")";
    }
  }

  /** REST-JSON / JSON: {@code x-amzn-ErrorType} and a JSON object with a message. */
  static String jsonErrorProblem(RawHttp.Answer response, String method) {
    if (response.header("x-amzn-ErrorType").filter(s -> !s.isBlank()).isEmpty()) {
      return "no x-amzn-ErrorType";
    }
    if (method.equals("HEAD")) {
      return null;
    }
    try {
      JsonNode body = Json.MAPPER.readTree(response.body());
      if (body == null || !body.isObject() || !(body.has("message") || body.has("Message"))) {
        return "body is not a JSON error object";
      }
      return null;
    } catch (Exception e) {
      return "not JSON (" + e.getMessage() + ")";
    }
  }

  private static String text(byte[] body, int max) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  private void stillServesTheSdk() {
    assertThat(cfn.describeStacks(r -> r.stackName("target")).stacks()).hasSize(1);
    lambda.createFunction(ReliabilityClients.createFunction("after-fuzz", ReliabilityClients.handlerZip("a")));
    lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName("after-fuzz").build(),
        ReliabilityClients.FAST_WAIT).matched().response().orElseThrow();
    lambda.updateFunctionCode(r -> r.functionName("after-fuzz")
        .zipFile(SdkBytes.fromByteArray(ReliabilityClients.handlerZip("b"))));
    assertThat(lambda.getFunction(r -> r.functionName("target-fn")).configuration().functionName())
        .isEqualTo("target-fn");
  }

  // ------------------------------------------------------------------ generators

  private static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String garbage(Random r, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      sb.append(kind < 6 ? (char) (32 + r.nextInt(95)) : kind < 8 ? (char) r.nextInt(32)
          : (char) (0x80 + r.nextInt(0x2000)));
    }
    return sb.toString();
  }

  private static byte[] randomBytes(Random r, int max) {
    byte[] b = new byte[r.nextInt(max + 1)];
    r.nextBytes(b);
    return b;
  }

  private static Case form(String label, String form, boolean maySucceed) {
    return new Case(label, "cloudformation", "POST", "/", "application/x-www-form-urlencoded; charset=utf-8",
        form.getBytes(StandardCharsets.UTF_8), maySucceed);
  }

  private Case cfnBrokenForm(Random r) {
    String[] pieces = {"Action=", "DescribeStacks", "&", "=", "%", "%zz", "%0", "&&&", "Version=2010-05-15",
        "StackName=", "target", "+", "%00", "Action", "Action=Action=", "\u00e9", "%FF%FE", ";", "#"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(6) == 0 ? garbage(r, 20) : pick(r, pieces));
    }
    String body = sb.toString();
    if (r.nextInt(5) == 0) {
      return new Case("cfn random bytes", "cloudformation", "POST", "/", "application/x-www-form-urlencoded",
          randomBytes(r, 2000), false);
    }
    // Some assemblies are a valid read, such as Action=DescribeStacks alone.
    return form("cfn broken form: " + body, body, true);
  }

  private Case cfnBadParameters(Random r) {
    String action = pick(r, CFN_ACTIONS);
    String name = pick(r, BAD_NAMES);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", action);
    p.put("Version", r.nextBoolean() ? "2010-05-15" : garbage(r, 12));
    p.put("StackName", name);
    switch (r.nextInt(7)) {
      case 0 -> p.put("NextToken", garbage(r, 200));
      case 1 -> p.put("StackStatusFilter.member.1", garbage(r, 30));
      case 2 -> p.put("Parameters.member." + pick(r, new String[] {"0", "-1", "99999999999", "x", "1"})
          + ".ParameterKey", garbage(r, 40));
      case 3 -> p.put("LogicalResourceId", pick(r, BAD_NAMES));
      case 4 -> p.put("TemplateStage", garbage(r, 10));
      case 5 -> p.put("EnableTerminationProtection", garbage(r, 6));
      default -> p.put("Capabilities.member.1", garbage(r, 20));
    }
    StringBuilder sb = new StringBuilder();
    p.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    // DeleteStack of a stack that does not exist succeeds on AWS; ListStacks/ListExports take no name.
    boolean maySucceed = action.equals("DeleteStack") || action.equals("ListStacks") || action.equals("ListExports");
    return form("cfn " + action + " StackName=" + abbreviate(name) + " " + p.keySet(), sb.toString(), maySucceed);
  }

  private Case cfnBrokenTemplate(Random r) {
    String template = ReliabilityClients.STACK;
    String label;
    switch (r.nextInt(9)) {
      case 0 -> {
        int cut = r.nextInt(template.length());
        template = template.substring(0, cut);
        label = "truncated at " + cut;
      }
      case 1 -> {
        int at = r.nextInt(template.length());
        template = template.substring(0, at) + garbage(r, 10) + template.substring(at);
        label = "garbage inserted at " + at;
      }
      case 2 -> {
        int depth = 500 + r.nextInt(5000);
        template = "[".repeat(depth) + "]".repeat(depth);
        template = "{\"Resources\":" + template + "}";
        label = "JSON nested " + depth;
      }
      case 3 -> {
        int depth = 100 + r.nextInt(2000);
        template = "a: " + "[".repeat(depth) + "]".repeat(depth);
        label = "YAML nested " + depth;
      }
      case 4 -> {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
          sb.append("a").append(i).append(": &a").append(i).append(" [");
          sb.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        template = sb.toString();
        label = "YAML billion laughs";
      }
      case 5 -> {
        template = "Resources:\n  R:\n    Type: " + pick(r, new String[] {"AWS::S3::Bucket", "Custom::X", "",
            "AWS::Lambda::Function", "!!java.net.URL [http://127.0.0.1/]", "!Ref R"}) + "\n    Properties: "
            + pick(r, new String[] {"{}", "[]", "!GetAtt R.Arn", "{Code: {ZipFile: 5}}", "!Sub '${'", "null"});
        label = "odd resource";
      }
      case 6 -> {
        template = "Description: " + "d".repeat(60_000) + "\nResources: {}";
        label = "over 51,200 bytes";
      }
      case 7 -> {
        template = "Resources:\n  A:\n    Type: AWS::IAM::Role\n    DependsOn: B\n    Properties: {}\n"
            + "  B:\n    Type: AWS::IAM::Role\n    DependsOn: A\n    Properties: {}\n";
        label = "circular";
      }
      default -> {
        template = garbage(r, 400);
        label = "garbage";
      }
    }
    String action = r.nextBoolean() ? "ValidateTemplate" : "CreateStack";
    String name = "fz" + Integer.toHexString(r.nextInt());
    String body = "Action=" + action + "&Version=2010-05-15&StackName=" + name + "&Capabilities.member.1=CAPABILITY_IAM"
        + "&TemplateBody=" + enc(template);
    // A cut or an insertion may leave a valid template by chance.
    // A cut or an insertion may leave a valid template by chance; resources with odd properties are
    // valid to ValidateTemplate and fail later, inside the stack, as on AWS.
    return form("cfn " + action + " template " + label, body, label.startsWith("truncated")
        || label.startsWith("garbage inserted") || label.equals("odd resource"));
  }

  private Case cfnWrongMethod(Random r) {
    String method = pick(r, new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"});
    String action = pick(r, CFN_ACTIONS);
    String query = "?Action=" + enc(action) + "&Version=2010-05-15&StackName=" + enc(pick(r, BAD_NAMES));
    // The Query protocol's answer does not depend on the method here: a valid read may succeed.
    return new Case("cfn " + method + " " + action, "cloudformation", method, "/" + query, null,
        r.nextBoolean() ? null : randomBytes(r, 100), true);
  }

  private Case lambdaUnknownRoute(Random r) {
    String[] segments = {"2015-03-31", "functions", "target-fn", "code", "configuration", "versions", "aliases",
        "invocations", "..", "%2e%2e", "policy", "concurrency", "", "2016-08-19", "account-settings", "x",
        "2099-01-01", "tags", "url", "%00", "event-source-mappings", "layers"};
    StringBuilder path = new StringBuilder();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      path.append('/').append(pick(r, segments));
    }
    String method = pick(r, METHODS);
    String p = path.toString();
    // Whatever valid route the assembly lands on may answer normally.
    return new Case("lambda " + method + " " + p, "lambda", method, p, "application/json",
        r.nextBoolean() ? null : randomBytes(r, 200), true);
  }

  private Case lambdaBadName(Random r) {
    String name = pick(r, BAD_NAMES);
    String encoded = r.nextBoolean() ? enc(name) : name.replaceAll("[^A-Za-z0-9:.$%_-]", "_");
    String[] tails = {"", "/configuration", "/code", "/versions", "/aliases", "/aliases/" + enc(pick(r, BAD_NAMES)),
        "/invocations"};
    String tail = pick(r, tails);
    String method = tail.equals("/code") || tail.startsWith("/aliases/") ? pick(r, new String[] {"PUT", "GET", "DELETE"})
        : tail.equals("/invocations") ? "POST" : pick(r, new String[] {"GET", "DELETE", "PUT", "POST"});
    String query = r.nextInt(3) == 0 ? "?Qualifier=" + enc(pick(r, BAD_NAMES)) : "";
    String path = FUNCTIONS + "/" + encoded + tail + query;
    if (encoded.isEmpty() && tail.isEmpty()) {
      path = FUNCTIONS + "//x" + query;
    }
    return new Case("lambda " + method + " name " + abbreviate(name) + tail + query, "lambda", method, path,
        "application/json", method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(), false);
  }

  private Case lambdaBrokenJson(Random r) {
    String[][] routes = {{"POST", FUNCTIONS}, {"PUT", FUNCTIONS + "/target-fn/configuration"},
        {"PUT", FUNCTIONS + "/target-fn/code"}, {"POST", FUNCTIONS + "/target-fn/versions"},
        {"POST", FUNCTIONS + "/target-fn/aliases"}, {"PUT", FUNCTIONS + "/target-fn/aliases/live"}};
    String[] route = routes[r.nextInt(routes.length)];
    byte[] body;
    String label;
    switch (r.nextInt(8)) {
      case 0 -> {
        body = randomBytes(r, 500);
        label = "random bytes";
      }
      case 1 -> {
        String valid = "{\"FunctionName\":\"fz\",\"Runtime\":\"python3.12\",\"Role\":\"" + ReliabilityClients.ROLE
            + "\",\"Handler\":\"index.handler\",\"Code\":{\"ZipFile\":\"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==\"}}";
        body = valid.substring(0, r.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
        label = "truncated JSON";
      }
      case 2 -> {
        int depth = 500 + r.nextInt(20_000);
        body = ("{\"Description\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
        label = "nested " + depth;
      }
      case 3 -> {
        String[] fields = {"FunctionName", "Runtime", "Role", "Handler", "MemorySize", "Timeout", "Environment",
            "Code", "ZipFile", "Publish", "Description", "FunctionVersion", "Name", "RoutingConfig", "Architectures",
            "RevisionId", "Layers", "EphemeralStorage", "TracingConfig", "DeadLetterConfig", "Tags"};
        String[] values = {"5", "-1", "1e309", "99999999999999999999999", "\"\"", "null", "[]", "{}", "true",
            "\"" + "v".repeat(100_000) + "\"", "\"\\u0000\"", "{\"Variables\":{\"\":\"\"}}", "{\"Variables\":5}",
            "[\"x86_64\",\"arm64\"]", "{\"ZipFile\":\"!!notbase64\"}", "{\"S3Bucket\":\"b\"}", "0.5", "\"\\ud800\""};
        StringBuilder sb = new StringBuilder("{");
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
          sb.append(i == 0 ? "" : ",").append('"').append(pick(r, fields)).append("\":").append(pick(r, values));
        }
        body = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        label = "wrong types " + abbreviate(new String(body, StandardCharsets.UTF_8));
      }
      case 4 -> {
        body = pick(r, new String[] {"[]", "null", "5", "\"s\"", "{}{}", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}",
            "\uFEFF{}", "{\"a\":1} trailing"}).getBytes(StandardCharsets.UTF_8);
        label = "not an object: " + new String(body, StandardCharsets.UTF_8);
      }
      case 5 -> {
        body = ("{\"FunctionName\":\"" + "n".repeat(10_240) + "\"}").getBytes(StandardCharsets.UTF_8);
        label = "10 KB name";
      }
      case 6 -> {
        body = new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'};
        label = "bad UTF-8";
      }
      default -> {
        body = "{\"FunctionName\":\"a\",\"FunctionName\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        label = "duplicate member";
      }
    }
    // PublishVersion with an empty or nearly empty document is a valid request.
    boolean maySucceed = route[1].endsWith("/versions") || route[1].endsWith("/configuration")
        || route[1].endsWith("/aliases/live");
    return new Case("lambda " + route[0] + " " + route[1] + " " + label, "lambda", route[0], route[1],
        "application/json", body, maySucceed);
  }

  private Case lambdaBadCode(Random r) {
    byte[] zip;
    String label;
    boolean maySucceed = false;
    switch (r.nextInt(9)) {
      case 0 -> {
        zip = HostileInputs.zipWithNames(pick(r, new String[] {"../evil.py", "../../etc/cron.d/x", "/abs.py",
            "C:/win.py", "a/../../b.py", "..\\evil.py", "ok/../../x"}));
        label = "traversal entry";
      }
      case 1 -> {
        zip = HostileInputs.symlinkZip();
        label = "symlink entry";
      }
      case 2 -> {
        byte[] good = ReliabilityClients.zip(HostileInputs.validHandler());
        int keep = r.nextInt(good.length - 22);
        zip = HostileInputs.truncated(good, keep);
        label = "truncated zip (" + keep + " of " + good.length + ")";
      }
      case 3 -> {
        zip = randomBytes(r, 300);
        label = "random bytes";
      }
      case 4 -> {
        zip = new byte[0];
        label = "empty";
      }
      case 5 -> {
        zip = new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        label = "empty zip";
      }
      case 6 -> {
        byte[] good = ReliabilityClients.zip(HostileInputs.validHandler());
        zip = good.clone();
        int at = 30 + r.nextInt(good.length - 30);
        zip[at] ^= (byte) (1 + r.nextInt(255));
        label = "flipped byte at " + at;
        // Flipping a byte of a timestamp or an unused field leaves a valid zip.
        maySucceed = true;
      }
      case 7 -> {
        zip = HostileInputs.zipWithNames("fine.py", "dir/\u0000nul.py");
        label = "NUL in entry name";
        maySucceed = true;
      }
      default -> {
        String body = pick(r, new String[] {"{\"ZipFile\":\"%%%\"}", "{\"ZipFile\":5}", "{\"ZipFile\":null}",
            "{\"ZipFile\":\"QQ\"}", "{\"ZipFile\":\"\"}", "{\"ImageUri\":\"x\"}", "{\"S3Bucket\":\"b\",\"S3Key\":\"k\"}"});
        return new Case("lambda code document " + body, "lambda", "PUT", FUNCTIONS + "/target-fn/code",
            "application/json", body.getBytes(StandardCharsets.UTF_8), false);
      }
    }
    return codeCase(r, label, zip, maySucceed);
  }

  private Case codeCase(Random r, String label, byte[] zip, boolean maySucceed) {
    if (r.nextBoolean()) {
      return new Case("lambda UpdateFunctionCode " + label, "lambda", "PUT", FUNCTIONS + "/target-fn/code",
          "application/json", ("{\"ZipFile\":\"" + base64(zip) + "\"}").getBytes(StandardCharsets.UTF_8),
          maySucceed);
    }
    String body = "{\"FunctionName\":\"fz" + Integer.toHexString(r.nextInt()) + "\",\"Runtime\":\"python3.12\","
        + "\"Role\":\"" + ReliabilityClients.ROLE + "\",\"Handler\":\"index.handler\",\"Code\":{\"ZipFile\":\""
        + base64(zip) + "\"}}";
    return new Case("lambda CreateFunction " + label, "lambda", "POST", FUNCTIONS, "application/json",
        body.getBytes(StandardCharsets.UTF_8), maySucceed);
  }

  private Case lambdaBadQuery(Random r) {
    String[] params = {"MaxItems", "Marker", "FunctionVersion", "Qualifier", "MasterRegion"};
    String[] values = {"0", "-1", "10001", "abc", "1e3", "%", "%zz", "ALL", "%00", "99999999999", "", "\u00e9",
        "+", "%2B"};
    String query = "?" + pick(r, params) + "=" + pick(r, values) + (r.nextBoolean() ? "" : "&" + pick(r, params)
        + "=" + pick(r, values));
    String path = pick(r, new String[] {FUNCTIONS, FUNCTIONS + "/target-fn/versions", FUNCTIONS + "/target-fn/aliases",
        FUNCTIONS + "/target-fn"});
    // Some combinations are valid (MaxItems=ALL is not, Marker=abc is not; FunctionVersion=ALL is).
    return new Case("lambda GET " + path + query, "lambda", "GET", path + query, null, null, true);
  }

  private Case logsBadRequest(Random r) {
    String[] ops = {"DescribeLogGroups", "DescribeLogStreams", "GetLogEvents", "FilterLogEvents", "PutLogEvents",
        "describeloggroups", "", "../GetLogEvents"};
    String[] bodies = {"{}", "", "[]", "null", "{\"logGroupName\":5}", "{\"logGroupName\":\"\u0000\"}",
        "{\"logGroupName\":\"/aws/lambda/target-fn\",\"logStreamName\":\"..\"}", "{\"limit\":-1}",
        "{\"limit\":1e309}", "{\"nextToken\":\"%%%\"}", "{\"filterPattern\":\"{ $.a = \"}",
        "{\"logGroupName\":\"" + "g".repeat(10_240) + "\"}", "{\"startTime\":\"x\"}", "{\"logGroupName\":"};
    String op = pick(r, ops);
    String body = r.nextInt(4) == 0 ? garbage(r, 200) : pick(r, bodies);
    String target = "Logs_20140328." + op;
    return new Case("logs " + op + " " + abbreviate(body), "logs", r.nextInt(6) == 0 ? "GET" : "POST",
        "/", "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8), true).withTarget(target);
  }

  private Case unroutable(Random r) {
    String service = pick(r, new String[] {"s3", "sts", "", "lambda/extra", "\u00e9"});
    String path = pick(r, new String[] {"/", "/x", "/2015-03-31/functions", "/?Action=ListBuckets"});
    // Unsigned, a Lambda path is Lambda's (and may be a valid ListFunctions).
    return new Case("unroutable " + service + " " + path, service.isEmpty() ? null : service,
        pick(r, METHODS), path, null, null, service.isEmpty() && path.startsWith("/2015"));
  }

  /** Costly hostile inputs, each sent once per run. */
  private List<Case> expensiveCases() {
    Random r = new Random(7);
    List<Case> cases = new ArrayList<>();
    // About 300 MiB of zeros in a 300 KiB zip: over Lambda's 250 MiB unzipped limit.
    byte[] bomb = HostileInputs.zipBomb(300);
    cases.add(codeCase(r, "zip bomb (" + bomb.length + " bytes zipped)", bomb, false));
    cases.add(codeCase(r, "zip bomb (" + bomb.length + " bytes zipped)", bomb, false));
    // 100,000 tiny entries: Lambda takes it (no file-count limit), so it may succeed.
    byte[] many = HostileInputs.manyEntries(100_000);
    cases.add(codeCase(r, "100k entries", many, true));
    byte[] good = ReliabilityClients.zip(HostileInputs.validHandler());
    for (int keep : new int[] {good.length - 1, good.length - 10, good.length - 22, good.length / 2, 4}) {
      cases.add(codeCase(r, "truncated zip (" + keep + " of " + good.length + ")", HostileInputs.truncated(good, keep),
          false));
    }
    return cases;
  }

  private static String abbreviate(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 60 ? t.substring(0, 60) + "...(" + t.length() + ")" : t;
  }
}
