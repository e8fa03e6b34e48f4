package io.github.lambdasdlc.local.cloudformation.resources;

import io.github.lambdasdlc.local.core.LocalCloudConfig.UnsupportedResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource types the local cloud can provision: those it emulates, and (unless told to fail) stand-ins for
 * every other type of the CloudFormation registry.
 */
public final class ResourceProviders {
  private final Map<String, ResourceProvider> byType = new LinkedHashMap<>();
  private final Map<String, ResourceProvider> standIns = new ConcurrentHashMap<>();
  private final UnsupportedResources unsupported;

  public ResourceProviders() {
    this(UnsupportedResources.STANDIN);
  }

  public ResourceProviders(UnsupportedResources unsupported) {
    this.unsupported = unsupported;
    for (ResourceProvider p : List.of(new LambdaFunctionProvider(), new LambdaVersionProvider(),
        new LambdaAliasProvider(), new LambdaUrlProvider(), new LambdaPermissionProvider(), new IamRoleProvider(), new LogGroupProvider())) {
      byType.put(p.type(), p);
    }
    ApiGatewayV2Resources.providers().forEach(p -> byType.put(p.type(), p));
  }

  /** The provider of an emulated type, else a stand-in of a registry type (in stand-in mode), else empty. */
  public Optional<ResourceProvider> forType(String type) {
    if (CustomResourceProvider.isCustom(type)) {
      return Optional.of(standIns.computeIfAbsent(type, CustomResourceProvider::new));
    }
    ResourceProvider emulated = byType.get(type);
    if (emulated != null || unsupported == UnsupportedResources.FAIL) {
      return Optional.ofNullable(emulated);
    }
    return StandInType.find(type).map(t -> standIns.computeIfAbsent(type, k -> new StandInProvider(t)));
  }

  public List<String> supportedTypes() {
    return List.copyOf(byType.keySet());
  }

  /** Whether the local cloud emulates the type (rather than standing in for it). */
  public boolean emulates(String type) {
    return byType.containsKey(type) || CustomResourceProvider.isCustom(type);
  }

  /**
   * Why a template's resource types cannot be provisioned, or null when they can: types the registry does not
   * know (as CloudFormation refuses them), or, when stand-ins are off, the first type the local cloud does not
   * emulate.
   *
   * @param types the template's resource types by logical id, in template order
   */
  public String problem(Map<String, String> types) {
    List<String> unknown = new ArrayList<>();
    for (String type : types.values()) {
      if (!byType.containsKey(type) && !type.startsWith("Custom::") && StandInType.find(type).isEmpty() && !unknown.contains(type)) {
        unknown.add(type);
      }
    }
    if (!unknown.isEmpty()) {
      return "Template format error: Unrecognized resource types: " + unknown;
    }
    if (unsupported == UnsupportedResources.FAIL) {
      for (Map.Entry<String, String> e : types.entrySet()) {
        if (!emulates(e.getValue())) {
          return unsupported(e.getValue()) + " (resource " + e.getKey() + "; lambda-sdlc.local.unsupportedResources"
              + " is fail: set it to standin to provision such resources as stand-ins)";
        }
      }
    }
    return null;
  }

  /** The reason a resource of an unsupported type fails. */
  public String unsupported(String type) {
    return "Resource type " + type + " is not supported by the lambda-sdlc local cloud. It supports "
        + String.join(", ", supportedTypes()) + ".";
  }
}
