package io.github.lambdasdlc.local.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AWS's services as the SDKs know them (generated from botocore's models by {@code src/build/generate-aws-services-table.py}
 * into {@code aws-services.tsv}): the key of each one's {@code AWS_ENDPOINT_URL_<KEY>} variable, its client
 * name, its SigV4 signing name and its wire protocol. The local cloud names the services it does not emulate
 * with it, answers them in their own error shape, and checks {@code serviceEndpoints} against it.
 */
public final class AwsServices {
  /** One service: {@code key} as in {@code AWS_ENDPOINT_URL_<KEY>} (lower case), e.g. {@code cloudwatch_logs}. */
  public record AwsService(String key, String client, String signingName, String protocol) {
    /** The variable that points this service's SDK clients at another endpoint. */
    public String endpointVariable() {
      return "AWS_ENDPOINT_URL_" + key.toUpperCase(Locale.ROOT);
    }
  }

  private static final List<AwsService> ALL = load();

  private AwsServices() {
  }

  public static List<AwsService> all() {
    return ALL;
  }

  /**
   * The service a user names: its key ({@code dynamodb}, {@code secrets_manager}, {@code cloudwatch_logs}), in
   * any case and with {@code -} or {@code _}, or its client name ({@code logs}, {@code secretsmanager}).
   */
  public static Optional<AwsService> named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return ALL.stream().filter(s -> s.key().equals(wanted)).findFirst()
        .or(() -> ALL.stream().filter(s -> s.client().replace('-', '_').equals(wanted)).findFirst());
  }

  /** The services a SigV4 credential scope names (several share {@code s3}, {@code rds}, ...). */
  public static List<AwsService> signedAs(String signingName) {
    return ALL.stream().filter(s -> s.signingName().equals(signingName)).toList();
  }

  private static List<AwsService> load() {
    List<AwsService> services = new ArrayList<>();
    try (InputStream in = AwsServices.class.getResourceAsStream("aws-services.tsv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          services.add(new AwsService(f[0], f[1], f[2], f[3]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the table of AWS services", e);
    }
    return List.copyOf(services);
  }
}
