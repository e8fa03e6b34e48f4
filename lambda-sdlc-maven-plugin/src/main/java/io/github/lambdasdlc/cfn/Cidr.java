package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code Fn::Cidr [ipBlock, count, cidrBits]}: the first {@code count} address blocks of {@code cidrBits} host
 * bits each, in order from the start of {@code ipBlock} (IPv4 or IPv6), as CloudFormation computes them.
 */
final class Cidr {
  private static final String USAGE = "Template error: Fn::Cidr requires [ipBlock, count, cidrBits]: an address"
      + " block in CIDR notation, 1 to 256 blocks, and the host bits of each";

  private Cidr() {
  }

  static JsonNode of(JsonNode args) {
    if (!args.isArray() || args.size() != 3) {
      throw new TemplateException(USAGE);
    }
    String block = args.get(0).asText();
    int count = number(args.get(1));
    int hostBits = number(args.get(2));
    int slash = block.indexOf('/');
    if (slash < 0 || !block.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
      throw new TemplateException(USAGE + ", not ipBlock " + block);
    }
    byte[] address;
    int prefix;
    try {
      address = InetAddress.getByName(block.substring(0, slash)).getAddress();
      prefix = Integer.parseInt(block.substring(slash + 1));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new TemplateException(USAGE + ", not ipBlock " + block);
    }
    int width = address.length * 8;
    if (prefix < 0 || prefix > width || count < 1 || count > 256 || hostBits < 0 || hostBits > width - prefix
        || BigInteger.valueOf(count).compareTo(BigInteger.ONE.shiftLeft(width - prefix - hostBits)) > 0) {
      throw new TemplateException("Template error: Fn::Cidr cannot make " + count + " blocks of " + hostBits
          + " host bits from " + block);
    }
    BigInteger start = new BigInteger(1, address).shiftRight(width - prefix).shiftLeft(width - prefix);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < count; i++) {
      BigInteger value = start.add(BigInteger.valueOf(i).shiftLeft(hostBits));
      out.add(format(value, address.length) + "/" + (width - hostBits));
    }
    return out;
  }

  private static int number(JsonNode n) {
    try {
      return Integer.parseInt(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(USAGE + ", not " + n);
    }
  }

  private static String format(BigInteger value, int bytes) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[bytes];
    int copy = Math.min(raw.length, bytes);
    System.arraycopy(raw, raw.length - copy, fixed, bytes - copy, copy);
    try {
      String text = InetAddress.getByAddress(fixed).getHostAddress();
      return bytes == 16 ? compressIpv6(text) : text;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Java writes {@code 2001:db8:0:0:0:0:0:0}; CloudFormation writes the shortest form, {@code 2001:db8::}. */
  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength && j - i > 1) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
