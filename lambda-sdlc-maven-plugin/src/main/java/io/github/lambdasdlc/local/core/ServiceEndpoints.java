package io.github.lambdasdlc.local.core;

import io.github.lambdasdlc.local.core.AwsServices.AwsService;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the functions' SDKs reach the AWS services the local cloud does not emulate (DynamoDB Local,
 * ElasticMQ, MinIO, LocalStack, ...): service key to URL, given to each function as
 * {@code AWS_ENDPOINT_URL_<SERVICE>} next to {@code AWS_ENDPOINT_URL}, which points at the local cloud itself.
 */
public final class ServiceEndpoints {
  /** The setting's name, as the plugin's goals take it. */
  public static final String SETTING = "lambda-sdlc.local.serviceEndpoints";

  private static final ServiceEndpoints NONE = new ServiceEndpoints(Map.of());

  private final Map<String, String> variables;

  private ServiceEndpoints(Map<String, String> variables) {
    this.variables = variables;
  }

  public static ServiceEndpoints none() {
    return NONE;
  }

  /**
   * Parses {@code key=URL} pairs separated by commas, semicolons or line breaks, such as
   * {@code dynamodb=http://127.0.0.1:8000, sqs=http://127.0.0.1:9324}; blank is none.
   *
   * @throws IllegalArgumentException naming the setting and the pair at fault
   */
  public static ServiceEndpoints parse(String text) {
    Map<String, String> pairs = new TreeMap<>();
    if (text != null) {
      for (String pair : text.split("[,;\\n]")) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(SETTING + " takes service=URL pairs separated by commas, such as"
              + " dynamodb=http://127.0.0.1:8000,sqs=http://127.0.0.1:9324; '" + pair.trim() + "' has no '='.");
        }
        pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return of(pairs);
  }

  /**
   * @param urls service (its {@code AWS_ENDPOINT_URL_<SERVICE>} suffix in any case, or its SDK client name) to URL
   * @throws IllegalArgumentException naming the setting, the service or URL at fault, and the fix
   */
  public static ServiceEndpoints of(Map<String, String> urls) {
    Map<String, String> variables = new TreeMap<>();
    urls.forEach((name, url) -> {
      AwsService service = AwsServices.named(name).orElseThrow(() -> new IllegalArgumentException(SETTING
          + " names '" + name + "', which is no AWS service the SDKs know" + suggestion(name) + ". Name a service"
          + " by the suffix of its AWS_ENDPOINT_URL_<SERVICE> variable, such as dynamodb, sqs, sns, s3,"
          + " secrets_manager or cloudwatch_logs."));
      variables.put(service.endpointVariable(), checkedUrl(service, url));
    });
    return variables.isEmpty() ? NONE : new ServiceEndpoints(Map.copyOf(variables));
  }

  /** The variables to set: {@code AWS_ENDPOINT_URL_<SERVICE>} to its URL. */
  public Map<String, String> variables() {
    return new TreeMap<>(variables);
  }

  public boolean isEmpty() {
    return variables.isEmpty();
  }

  @Override
  public String toString() {
    return variables.toString();
  }

  private static String checkedUrl(AwsService service, String url) {
    String problem;
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      problem = !scheme.equals("http") && !scheme.equals("https") ? "is not an http or https URL"
          : uri.getHost() == null ? "names no host" : null;
    } catch (URISyntaxException e) {
      problem = "is not a URL (" + e.getReason() + ")";
    }
    if (problem != null) {
      throw new IllegalArgumentException(SETTING + " gives " + service.key() + " the endpoint '" + url + "', which "
          + problem + ": write it as, for example, " + service.key() + "=http://127.0.0.1:8000.");
    }
    return url;
  }

  private static String suggestion(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    if (wanted.isEmpty()) {
      return "";
    }
    List<String> close = new ArrayList<>();
    for (AwsService s : AwsServices.all()) {
      String key = s.key().replace("_", "");
      if ((key.contains(wanted) || wanted.contains(key)) && close.size() < 5 && !close.contains(s.key())) {
        close.add(s.key());
      }
    }
    return Optional.of(close).filter(c -> !c.isEmpty()).map(c -> " (did you mean " + String.join(", ", c) + "?)")
        .orElse("");
  }
}
