package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda's event-invoke-config API ({@code /2019-09-25/functions/{name}/event-invoke-config}): for a
 * function's {@code $LATEST}, a version or an alias, how often an asynchronous invocation is retried after
 * function errors ({@code MaximumRetryAttempts}, 0-2) and how old it may grow before it is dropped
 * ({@code MaximumEventAgeInSeconds}, 60-21600). PUT replaces (omitted members go back to the defaults), POST
 * changes only the members given, GET, DELETE and GET {@code .../list} read and remove. Stored with the
 * function, so they survive restarts and go with it. Destinations are refused: the local cloud has no
 * Lambda, SQS, SNS, EventBridge or S3 target to deliver invocation records to.
 */
final class EventInvokeConfigs {
  private final LocalContext context;
  private final FunctionRegistry registry;

  EventInvokeConfigs(LocalContext context, FunctionRegistry registry) {
    this.context = context;
    this.registry = registry;
  }

  /** PutFunctionEventInvokeConfig ({@code merge} false) and UpdateFunctionEventInvokeConfig ({@code merge} true). */
  ObjectNode put(FunctionRef ref, ObjectNode body, boolean merge) {
    Integer retries = number(body, "MaximumRetryAttempts", "maximumRetryAttempts", 0, 2);
    Integer age = number(body, "MaximumEventAgeInSeconds", "maximumEventAgeInSeconds", 60, 21600);
    refuseDestinations(body.get("DestinationConfig"));
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = qualifier(r, ref);
      EventInvokeConfigRecord config = r.eventInvokeConfigs.get(key);
      if (merge) {
        if (config == null) {
          throw missing(r, key);
        }
      } else {
        config = new EventInvokeConfigRecord();
      }
      if (!merge || body.has("MaximumRetryAttempts")) {
        config.maximumRetryAttempts = retries;
      }
      if (!merge || body.has("MaximumEventAgeInSeconds")) {
        config.maximumEventAgeInSeconds = age;
      }
      config.lastModified = context.clock().millis();
      r.eventInvokeConfigs.put(key, config);
      registry.save(r);
      return view(r, key, config);
    });
  }

  ObjectNode get(FunctionRef ref) {
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = qualifier(r, ref);
      EventInvokeConfigRecord config = r.eventInvokeConfigs.get(key);
      if (config == null) {
        throw missing(r, key);
      }
      return view(r, key, config);
    });
  }

  void delete(FunctionRef ref) {
    registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = qualifier(r, ref);
      if (r.eventInvokeConfigs.remove(key) == null) {
        throw missing(r, key);
      }
      registry.save(r);
    });
  }

  ObjectNode list(FunctionRef ref, String marker, Integer maxItems) {
    List<ObjectNode> items = registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      List<ObjectNode> all = new ArrayList<>();
      for (Map.Entry<String, EventInvokeConfigRecord> e : r.eventInvokeConfigs.entrySet()) {
        all.add(view(r, e.getKey(), e.getValue()));
      }
      return all;
    });
    return Paging.page(items, marker, maxItems, "FunctionEventInvokeConfigs");
  }

  /**
   * How an asynchronous invocation through {@code qualifier} (null for {@code $LATEST}) is retried. Call
   * under the registry's lock.
   */
  static EventQueue.RetryPolicy policy(FunctionRecord r, String qualifier, int defaultRetries, Duration defaultAge) {
    String key = qualifier == null ? "$LATEST" : qualifier.matches("[0-9]{1,9}") ? Integer.valueOf(qualifier).toString()
        : qualifier;
    EventInvokeConfigRecord config = r.eventInvokeConfigs.get(key);
    if (config == null) {
      return new EventQueue.RetryPolicy(defaultRetries, defaultAge);
    }
    return new EventQueue.RetryPolicy(
        config.maximumRetryAttempts == null ? defaultRetries : config.maximumRetryAttempts,
        config.maximumEventAgeInSeconds == null ? defaultAge : Duration.ofSeconds(config.maximumEventAgeInSeconds));
  }

  private FunctionRecord existing(FunctionRef ref) {
    FunctionRecord r = registry.get(ref.name());
    if (r == null) {
      throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
    }
    return r;
  }

  /** The qualifier a configuration belongs to: {@code $LATEST}, a published version or an alias that exists. */
  private String qualifier(FunctionRecord r, FunctionRef ref) {
    String q = ref.qualifier() == null ? "$LATEST" : ref.qualifier();
    if (q.matches("[0-9]{1,9}") && r.versions.containsKey(Integer.valueOf(q))) {
      return Integer.valueOf(q).toString();
    }
    if (!"$LATEST".equals(q) && !r.aliases.containsKey(q)) {
      throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
    }
    return q;
  }

  /** ResourceNotFoundException as Lambda words it for a qualifier without a configuration. */
  private AwsError missing(FunctionRecord r, String key) {
    return LambdaErrors.notFound("The function " + FunctionRef.arn(context, r.name) + ":" + key
        + " doesn't have an EventInvokeConfig");
  }

  private ObjectNode view(FunctionRecord r, String key, EventInvokeConfigRecord config) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    // A timestamp in Lambda's REST-JSON: epoch seconds, written plainly (no exponent).
    out.put("LastModified", BigDecimal.valueOf(config.lastModified, 3));
    out.put("FunctionArn", FunctionRef.arn(context, r.name) + ":" + key);
    if (config.maximumRetryAttempts != null) {
      out.put("MaximumRetryAttempts", config.maximumRetryAttempts);
    }
    if (config.maximumEventAgeInSeconds != null) {
      out.put("MaximumEventAgeInSeconds", config.maximumEventAgeInSeconds);
    }
    ObjectNode destinations = out.putObject("DestinationConfig");
    destinations.putObject("OnSuccess");
    destinations.putObject("OnFailure");
    return out;
  }

  private static Integer number(ObjectNode body, String field, String member, int min, int max) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber()) {
      throw LambdaErrors.badJson(field + " must be an integer, not " + n);
    }
    long value = n.asLong();
    if (value < min) {
      throw LambdaErrors.validation("'" + value + "'", member, "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw LambdaErrors.validation("'" + value + "'", member, "Member must have value less than or equal to " + max);
    }
    return (int) value;
  }

  private static void refuseDestinations(JsonNode config) {
    if (config == null || config.isNull()) {
      return;
    }
    for (String kind : List.of("OnSuccess", "OnFailure")) {
      JsonNode destination = config.path(kind).path("Destination");
      if (destination.isTextual() && !destination.asText().isEmpty()) {
        throw LambdaErrors.invalid("The local cloud has no destinations (Lambda, SQS, SNS, EventBridge, S3) to send"
            + " asynchronous invocation records to: remove DestinationConfig." + kind + ".Destination. Failed events"
            + " are logged by the local cloud instead.");
      }
    }
  }
}
