package io.github.lambdasdlc.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Warm invocations through boto3 (the {@code python3} on the PATH): one Python process per measurement,
 * which invokes after a warm-up and prints each latency, measured with {@code time.perf_counter} around
 * {@code client.invoke}.
 */
final class Boto3Client {
  private static final String SCRIPT = String.join("\n",
      "import sys, time, boto3, botocore.config",
      "endpoint, function, event, warmup, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])",
      "client = boto3.client('lambda', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='test',",
      "    aws_secret_access_key='test', config=botocore.config.Config(retries={'max_attempts': 1}))",
      "payload = event.encode()",
      "def invoke():",
      "    r = client.invoke(FunctionName=function, Payload=payload)",
      "    body = r['Payload'].read()",
      "    if r['StatusCode'] != 200 or 'FunctionError' in r:",
      "        raise SystemExit('invoke failed: %r %r' % (r.get('FunctionError'), body))",
      "for _ in range(warmup):",
      "    invoke()",
      "out = []",
      "for _ in range(n):",
      "    t0 = time.perf_counter()",
      "    invoke()",
      "    out.append((time.perf_counter() - t0) * 1000)",
      "print('\\n'.join('%.4f' % x for x in out))",
      "");

  private Boto3Client() {
  }

  /** Latencies in milliseconds of {@code n} warm invocations of {@code function} at {@code endpoint}. */
  static double[] warm(Path work, URI endpoint, String function, String event, int warmup, int n)
      throws IOException, InterruptedException {
    Path script = work.resolve("boto3_invoke.py");
    Files.createDirectories(work);
    Files.writeString(script, SCRIPT);
    Process p = new ProcessBuilder("python3", script.toString(), endpoint.toString(), function, event,
        Integer.toString(warmup), Integer.toString(n)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("boto3 invocations of " + function + " failed: " + out);
    }
    List<Double> latencies = new ArrayList<>();
    for (String line : out.split("\\R")) {
      if (!line.isBlank()) {
        latencies.add(Double.parseDouble(line.trim()));
      }
    }
    if (latencies.size() != n) {
      throw new IllegalStateException("boto3 printed " + latencies.size() + " latencies, not " + n + ": " + out);
    }
    return latencies.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
