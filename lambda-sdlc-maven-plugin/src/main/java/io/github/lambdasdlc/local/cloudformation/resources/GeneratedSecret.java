package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The secret value of an {@code AWS::SecretsManager::Secret} stand-in, so that dynamic references to it resolve:
 * its {@code SecretString}, or a password made as Secrets Manager's GetRandomPassword makes it from
 * {@code GenerateSecretString} (length, excluded characters and classes, the JSON template and key).
 */
final class GeneratedSecret {
  static final String TYPE = "AWS::SecretsManager::Secret";
  /** The key of the stand-in's data holding the secret value (in the state directory, readable by its owner only). */
  static final String DATA_KEY = "secretString";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private GeneratedSecret() {
  }

  /** Records the secret value in {@code data}; a generated one is kept across updates. */
  static void keep(JsonNode props, ObjectNode data) {
    JsonNode given = props.get("SecretString");
    if (given != null && given.isValueNode()) {
      data.put(DATA_KEY, given.asText());
    } else if (props.has("GenerateSecretString") && !data.has(DATA_KEY)) {
      data.put(DATA_KEY, generate(props.get("GenerateSecretString")));
    }
  }

  private static String generate(JsonNode spec) {
    int length = spec.path("PasswordLength").asInt(32);
    String exclude = spec.path("ExcludeCharacters").asText("");
    StringBuilder alphabet = new StringBuilder();
    if (!spec.path("ExcludeLowercase").asBoolean(false)) {
      alphabet.append("abcdefghijklmnopqrstuvwxyz");
    }
    if (!spec.path("ExcludeUppercase").asBoolean(false)) {
      alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    }
    if (!spec.path("ExcludeNumbers").asBoolean(false)) {
      alphabet.append("0123456789");
    }
    if (!spec.path("ExcludePunctuation").asBoolean(false)) {
      alphabet.append(PUNCTUATION);
    }
    if (spec.path("IncludeSpace").asBoolean(false)) {
      alphabet.append(' ');
    }
    String allowed = alphabet.chars().filter(c -> exclude.indexOf(c) < 0)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    if (allowed.isEmpty() || length < 1 || length > 4096) {
      throw ResourceFailure.handler("GenerateSecretString leaves no characters to make a password of " + length
          + " from", "InvalidRequest");
    }
    StringBuilder password = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      password.append(allowed.charAt(RANDOM.nextInt(allowed.length())));
    }
    String template = spec.path("SecretStringTemplate").asText(null);
    String key = spec.path("GenerateStringKey").asText(null);
    if (template == null || key == null) {
      return password.toString();
    }
    try {
      ObjectNode json = (ObjectNode) Json.MAPPER.readTree(template);
      json.put(key, password.toString());
      return json.toString();
    } catch (IOException | ClassCastException e) {
      throw ResourceFailure.handler("GenerateSecretString.SecretStringTemplate is not a JSON object",
          "InvalidRequest");
    }
  }
}
