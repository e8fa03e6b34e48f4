package io.github.lambdasdlc.local.cloudformation.template;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which capability a template's IAM resources need: the resource types of the CreateStack reference's list,
 * and the property of each that gives the resource a custom name (which needs CAPABILITY_NAMED_IAM).
 */
final class IamCapabilities {
  /** IAM resource types that need a capability, and their name property ("" when they have none). */
  private static final Map<String, String> IAM_TYPES = iamTypes();

  private IamCapabilities() {
  }

  /** See {@link Template#requiredCapabilities()}. */
  static Set<String> required(Collection<ResourceDeclaration> resources) {
    boolean iam = false;
    for (ResourceDeclaration resource : resources) {
      String nameProperty = IAM_TYPES.get(resource.type());
      if (nameProperty == null) {
        continue;
      }
      iam = true;
      if (!nameProperty.isEmpty() && resource.properties().has(nameProperty)) {
        return Set.of("CAPABILITY_NAMED_IAM");
      }
    }
    return iam ? Set.of("CAPABILITY_IAM") : Set.of();
  }

  private static Map<String, String> iamTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("AWS::IAM::AccessKey", "");
    types.put("AWS::IAM::Group", "GroupName");
    types.put("AWS::IAM::GroupPolicy", "");
    types.put("AWS::IAM::InstanceProfile", "InstanceProfileName");
    types.put("AWS::IAM::ManagedPolicy", "ManagedPolicyName");
    types.put("AWS::IAM::Policy", "");
    types.put("AWS::IAM::Role", "RoleName");
    types.put("AWS::IAM::RolePolicy", "");
    types.put("AWS::IAM::User", "UserName");
    types.put("AWS::IAM::UserPolicy", "");
    types.put("AWS::IAM::UserToGroupAddition", "");
    return Collections.unmodifiableMap(types);
  }
}
