package io.github.lambdasdlc.cfn;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The size of the tree a composed YAML document becomes once its aliases are expanded, measured on SnakeYAML's
 * node graph before anything is converted. An alias is the same node reached again, so a few hundred bytes of
 * nested aliases ("billion laughs") stand for an exponentially large tree, and an alias inside its own anchor
 * for an infinite one; converting either as a tree exhausts the memory or the stack. Each distinct node is
 * visited once (sizes are remembered by identity), so measuring costs what the document's text does.
 */
public final class YamlExpansion {
  /**
   * The most nodes an expanded template may have: cfn-lint's bound, about five times the largest template
   * CloudFormation deploys (1 MB of JSON).
   */
  public static final long MAX_NODES = 250_000;
  /** The most characters of keys and scalars an expanded template may hold: five times CloudFormation's 1 MB. */
  public static final long MAX_CHARACTERS = 5_000_000;

  /**
   * What a document expands to.
   *
   * @param nodes nodes of the expanded tree (saturating far above the limits)
   * @param characters characters of its keys and scalars (saturating likewise)
   * @param aliases how many times a node is reached again: the document's aliases
   * @param recursion where an alias refers to a node that contains it, or null
   */
  public record Size(long nodes, long characters, int aliases, Mark recursion) {
    /** Why the document cannot be expanded as a tree, or null when it can. */
    public String problem() {
      if (recursion != null) {
        return "an alias refers to a node that contains it (line " + (recursion.getLine() + 1) + ", column "
            + (recursion.getColumn() + 1) + "), so it never ends";
      }
      if (nodes > MAX_NODES) {
        return "its aliases expand it to more than " + String.format("%,d", MAX_NODES) + " nodes";
      }
      if (characters > MAX_CHARACTERS) {
        return "its aliases expand it to more than " + String.format("%,d", MAX_CHARACTERS) + " characters";
      }
      return null;
    }
  }

  private static final long SATURATED = Long.MAX_VALUE / 4;

  private final Map<Node, long[]> measured = new IdentityHashMap<>();
  private final Map<Node, Boolean> open = new IdentityHashMap<>();
  private int aliases;
  private Mark recursion;

  private YamlExpansion() {
  }

  /** Measures the document rooted at {@code root}. */
  public static Size measure(Node root) {
    YamlExpansion walk = new YamlExpansion();
    long[] size = walk.visit(root);
    return new Size(size[0], size[1], walk.aliases, walk.recursion);
  }

  /** {nodes, characters} of the tree below {@code node}. */
  private long[] visit(Node node) {
    long[] known = measured.get(node);
    if (known != null) {
      aliases++;
      return known;
    }
    if (open.containsKey(node)) {
      aliases++;
      if (recursion == null) {
        recursion = node.getStartMark();
      }
      return new long[] {1, 0};
    }
    open.put(node, Boolean.TRUE);
    long nodes = 1;
    long characters = 0;
    if (node instanceof ScalarNode scalar) {
      characters = scalar.getValue().length();
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        long[] size = visit(item);
        nodes = add(nodes, size[0]);
        characters = add(characters, size[1]);
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        for (Node part : new Node[] {tuple.getKeyNode(), tuple.getValueNode()}) {
          long[] size = visit(part);
          nodes = add(nodes, size[0]);
          characters = add(characters, size[1]);
        }
      }
    }
    open.remove(node);
    long[] size = {nodes, characters};
    measured.put(node, size);
    return size;
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }
}
