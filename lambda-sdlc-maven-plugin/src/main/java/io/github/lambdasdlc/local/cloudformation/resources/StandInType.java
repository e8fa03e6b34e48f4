package io.github.lambdasdlc.local.cloudformation.resources;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource type of the CloudFormation registry as its schema describes it (from the generated
 * {@link StandInTable}): its primary identifier, the properties whose change replaces it, its
 * {@code Fn::GetAtt} attributes and, for the common types, AWS's formats of its physical id, Ref and
 * attributes.
 *
 * @param createOnly top-level properties whose change needs a new resource
 * @param formats null for the types that have none (a generic stand-in)
 */
public record StandInType(String type, List<String> primaryIdentifier, Set<String> createOnly,
    List<String> attributes, Formats formats) {

  /**
   * AWS's shapes for one type.
   *
   * @param nameProperty the property that names the resource, or null
   * @param nameMaxLength the longest name CloudFormation generates for it
   * @param nameStyle how CloudFormation generates one: {@code stack}, {@code lower}, {@code logical} or {@code ssm}
   * @param attributes attribute name to format; a format starting with {@code !} is the reason it has no value
   */
  public record Formats(String nameProperty, int nameMaxLength, String nameStyle, String physicalId, String ref,
      Map<String, String> attributes) {
  }

  private static volatile Map<String, StandInType> byType;

  /** The type, when the registry has it. */
  public static Optional<StandInType> find(String type) {
    return Optional.ofNullable(table().get(type));
  }

  /** Parsed on first use only: most stacks never need a stand-in. */
  private static Map<String, StandInType> table() {
    Map<String, StandInType> table = byType;
    if (table == null) {
      synchronized (StandInType.class) {
        table = byType;
        if (table == null) {
          table = parse();
          byType = table;
        }
      }
    }
    return table;
  }

  private static Map<String, StandInType> parse() {
    Map<String, Formats> formats = new HashMap<>();
    for (String[] row : StandInTable.FORMATS) {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = 6; i < row.length; i++) {
        int eq = row[i].indexOf('=');
        attributes.put(row[i].substring(0, eq), row[i].substring(eq + 1));
      }
      formats.put(row[0], new Formats(row[1].isEmpty() ? null : row[1], Integer.parseInt(row[2]), row[3], row[4],
          row[5], attributes));
    }
    Map<String, StandInType> table = new HashMap<>();
    for (String row : StandInTable.SCHEMAS) {
      String[] cells = row.split("\\|", -1);
      table.put(cells[0], new StandInType(cells[0], list(cells[1]), Set.copyOf(list(cells[2])), list(cells[3]),
          formats.get(cells[0])));
    }
    return Map.copyOf(table);
  }

  private static List<String> list(String cell) {
    return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(","));
  }
}
