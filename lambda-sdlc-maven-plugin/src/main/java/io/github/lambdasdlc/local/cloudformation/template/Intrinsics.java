package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names of CloudFormation's intrinsic functions and pseudo parameters, and how to recognise a call. */
final class Intrinsics {
  static final String REF = "Ref";
  static final String CONDITION = "Condition";
  static final String GET_ATT = "Fn::GetAtt";
  static final String SUB = "Fn::Sub";
  static final String JOIN = "Fn::Join";
  static final String SELECT = "Fn::Select";
  static final String SPLIT = "Fn::Split";
  static final String IF = "Fn::If";
  static final String EQUALS = "Fn::Equals";
  static final String AND = "Fn::And";
  static final String OR = "Fn::Or";
  static final String NOT = "Fn::Not";
  static final String FIND_IN_MAP = "Fn::FindInMap";
  static final String IMPORT_VALUE = "Fn::ImportValue";
  static final String BASE64 = "Fn::Base64";
  static final String GET_AZS = "Fn::GetAZs";
  static final String CIDR = "Fn::Cidr";
  static final String TRANSFORM = "Fn::Transform";
  static final String LENGTH = "Fn::Length";
  static final String TO_JSON_STRING = "Fn::ToJsonString";
  /** The functions the {@code AWS::LanguageExtensions} transform adds (Fn::ForEach is not supported here). */
  static final Set<String> LANGUAGE_EXTENSIONS = Set.of(LENGTH, TO_JSON_STRING);

  /** The functions CloudFormation knows without a transform, in the order its own error message lists them. */
  static final List<String> SUPPORTED = List.of(BASE64, GET_ATT, GET_AZS, IMPORT_VALUE, JOIN, SPLIT, FIND_IN_MAP,
      SELECT, REF, EQUALS, IF, NOT, CONDITION, AND, OR, SUB, CIDR);

  /** YAML short-form tags and the long form each stands for. */
  static final Map<String, String> SHORT_TAGS = Map.ofEntries(
      Map.entry("!Ref", REF), Map.entry("!Condition", CONDITION), Map.entry("!GetAtt", GET_ATT),
      Map.entry("!Sub", SUB), Map.entry("!Join", JOIN), Map.entry("!Select", SELECT), Map.entry("!Split", SPLIT),
      Map.entry("!If", IF), Map.entry("!Equals", EQUALS), Map.entry("!And", AND), Map.entry("!Or", OR),
      Map.entry("!Not", NOT), Map.entry("!FindInMap", FIND_IN_MAP), Map.entry("!ImportValue", IMPORT_VALUE),
      Map.entry("!Base64", BASE64), Map.entry("!GetAZs", GET_AZS), Map.entry("!Cidr", CIDR),
      Map.entry("!Transform", TRANSFORM), Map.entry("!Length", LENGTH), Map.entry("!ToJsonString", TO_JSON_STRING));

  static final String REGION = "AWS::Region";
  static final String ACCOUNT_ID = "AWS::AccountId";
  static final String STACK_NAME = "AWS::StackName";
  static final String STACK_ID = "AWS::StackId";
  static final String PARTITION = "AWS::Partition";
  static final String URL_SUFFIX = "AWS::URLSuffix";
  static final String NO_VALUE = "AWS::NoValue";
  static final String NOTIFICATION_ARNS = "AWS::NotificationARNs";
  static final Set<String> PSEUDO_PARAMETERS = Set.of(REGION, ACCOUNT_ID, STACK_NAME, STACK_ID, PARTITION,
      URL_SUFFIX, NO_VALUE, NOTIFICATION_ARNS);

  private Intrinsics() {
  }

  /**
   * The function an object calls, or null when it is plain data. {@code Condition} counts only where conditions
   * are evaluated (the Conditions section and the arguments of Fn::And, Fn::Or, Fn::Not): elsewhere a lone
   * {@code Condition} key is ordinary data, such as an IAM policy statement's.
   */
  static String functionOf(JsonNode node, boolean conditionContext) {
    if (node == null || !node.isObject() || node.size() != 1) {
      return null;
    }
    String key = node.fieldNames().next();
    if (key.equals(REF) || key.startsWith("Fn::") || (conditionContext && key.equals(CONDITION))) {
      return key;
    }
    return null;
  }

  static String unsupportedFunction(String name) {
    return "Template format error: Encountered unsupported function: " + name + " Supported functions are: "
        + SUPPORTED;
  }
}
