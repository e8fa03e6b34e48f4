package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A resource as the template declares it, before evaluation.
 *
 * @param properties the raw {@code Properties} object (empty object when absent), intrinsics unevaluated
 * @param dependsOn the explicit {@code DependsOn} names only
 * @param condition the name of its {@code Condition}, or null
 * @param deletionPolicy {@code Delete} (the default), {@code Retain}, {@code RetainExceptOnCreate} or {@code Snapshot}
 */
public record ResourceDeclaration(String logicalId, String type, JsonNode properties, List<String> dependsOn,
    String condition, String deletionPolicy) {
}
