package io.github.lambdasdlc.local.cloudformation.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource types the local cloud can provision. */
public final class ResourceProviders {
  private final Map<String, ResourceProvider> byType = new LinkedHashMap<>();

  public ResourceProviders() {
    for (ResourceProvider p : List.of(new LambdaFunctionProvider(), new LambdaVersionProvider(),
        new LambdaAliasProvider(), new LambdaUrlProvider(), new LambdaPermissionProvider(), new IamRoleProvider(), new LogGroupProvider())) {
      byType.put(p.type(), p);
    }
  }

  public Optional<ResourceProvider> forType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public List<String> supportedTypes() {
    return List.copyOf(byType.keySet());
  }

  /** The reason a resource of an unsupported type fails. */
  public String unsupported(String type) {
    return "Resource type " + type + " is not supported by the lambda-sdlc local cloud. It supports "
        + String.join(", ", supportedTypes()) + ".";
  }
}
