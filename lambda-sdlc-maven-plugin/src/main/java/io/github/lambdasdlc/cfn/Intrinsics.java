package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names of CloudFormation's intrinsic functions and pseudo parameters, and how to recognise a call. */
public final class Intrinsics {
  public static final String REF = "Ref";
  public static final String CONDITION = "Condition";
  public static final String GET_ATT = "Fn::GetAtt";
  public static final String SUB = "Fn::Sub";
  public static final String JOIN = "Fn::Join";
  public static final String SELECT = "Fn::Select";
  public static final String SPLIT = "Fn::Split";
  public static final String IF = "Fn::If";
  public static final String EQUALS = "Fn::Equals";
  public static final String AND = "Fn::And";
  public static final String OR = "Fn::Or";
  public static final String NOT = "Fn::Not";
  public static final String FIND_IN_MAP = "Fn::FindInMap";
  public static final String IMPORT_VALUE = "Fn::ImportValue";
  public static final String BASE64 = "Fn::Base64";
  public static final String GET_AZS = "Fn::GetAZs";
  public static final String CIDR = "Fn::Cidr";
  public static final String TRANSFORM = "Fn::Transform";
  public static final String LENGTH = "Fn::Length";
  public static final String TO_JSON_STRING = "Fn::ToJsonString";
  /** The functions the {@code AWS::LanguageExtensions} transform adds (Fn::ForEach is not supported here). */
  public static final Set<String> LANGUAGE_EXTENSIONS = Set.of(LENGTH, TO_JSON_STRING);

  /** The functions CloudFormation knows without a transform, in the order its own error message lists them. */
  public static final List<String> SUPPORTED = List.of(BASE64, GET_ATT, GET_AZS, IMPORT_VALUE, JOIN, SPLIT, FIND_IN_MAP,
      SELECT, REF, EQUALS, IF, NOT, CONDITION, AND, OR, SUB, CIDR);

  /** YAML short-form tags and the long form each stands for. */
  public static final Map<String, String> SHORT_TAGS = Map.ofEntries(
      Map.entry("!Ref", REF), Map.entry("!Condition", CONDITION), Map.entry("!GetAtt", GET_ATT),
      Map.entry("!Sub", SUB), Map.entry("!Join", JOIN), Map.entry("!Select", SELECT), Map.entry("!Split", SPLIT),
      Map.entry("!If", IF), Map.entry("!Equals", EQUALS), Map.entry("!And", AND), Map.entry("!Or", OR),
      Map.entry("!Not", NOT), Map.entry("!FindInMap", FIND_IN_MAP), Map.entry("!ImportValue", IMPORT_VALUE),
      Map.entry("!Base64", BASE64), Map.entry("!GetAZs", GET_AZS), Map.entry("!Cidr", CIDR),
      Map.entry("!Transform", TRANSFORM), Map.entry("!Length", LENGTH), Map.entry("!ToJsonString", TO_JSON_STRING));

  public static final String REGION = "AWS::Region";
  public static final String ACCOUNT_ID = "AWS::AccountId";
  public static final String STACK_NAME = "AWS::StackName";
  public static final String STACK_ID = "AWS::StackId";
  public static final String PARTITION = "AWS::Partition";
  public static final String URL_SUFFIX = "AWS::URLSuffix";
  public static final String NO_VALUE = "AWS::NoValue";
  public static final String NOTIFICATION_ARNS = "AWS::NotificationARNs";
  public static final Set<String> PSEUDO_PARAMETERS = Set.of(REGION, ACCOUNT_ID, STACK_NAME, STACK_ID, PARTITION,
      URL_SUFFIX, NO_VALUE, NOTIFICATION_ARNS);

  private Intrinsics() {
  }

  /**
   * The function an object calls, or null when it is plain data. {@code Condition} counts only where conditions
   * are evaluated (the Conditions section and the arguments of Fn::And, Fn::Or, Fn::Not): elsewhere a lone
   * {@code Condition} key is ordinary data, such as an IAM policy statement's.
   */
  public static String functionOf(JsonNode node, boolean conditionContext) {
    if (node == null || !node.isObject() || node.size() != 1) {
      return null;
    }
    String key = node.fieldNames().next();
    if (key.equals(REF) || key.startsWith("Fn::") || (conditionContext && key.equals(CONDITION))) {
      return key;
    }
    return null;
  }

  public static String unsupportedFunction(String name) {
    return "Template format error: Encountered unsupported function: " + name + " Supported functions are: "
        + SUPPORTED;
  }
}
