package dev.pcqrses.adapters.http.graphql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites graphql-java's messages for clients: they name Java classes ({@code 'ArrayList'}) and
 * parser internals ({@code IntValue{value=1}}, ANTLR), which mean nothing to a GraphQL client and
 * expose the implementation.
 */
final class Messages {
  private static final Map<String, String> JAVA_TYPES = Map.ofEntries(
      Map.entry("ArrayList", "list"), Map.entry("List", "list"), Map.entry("LinkedList", "list"),
      Map.entry("ImmutableList", "list"), Map.entry("LinkedHashMap", "object"), Map.entry("HashMap", "object"),
      Map.entry("Map", "object"), Map.entry("ImmutableMap", "object"), Map.entry("Boolean", "boolean"),
      Map.entry("Integer", "number"), Map.entry("Long", "number"), Map.entry("Double", "number"),
      Map.entry("Float", "number"), Map.entry("BigDecimal", "number"), Map.entry("BigInteger", "number"),
      Map.entry("Short", "number"), Map.entry("Byte", "number"), Map.entry("String", "string"),
      // graphql-java's syntax-tree classes, as they appear in "Expected an AST type of …"
      Map.entry("StringValue", "string"), Map.entry("IntValue", "int"), Map.entry("FloatValue", "float"),
      Map.entry("BooleanValue", "boolean"), Map.entry("EnumValue", "enum"), Map.entry("NullValue", "null"),
      Map.entry("ArrayValue", "list"), Map.entry("ObjectValue", "object"), Map.entry("VariableReference", "variable"));
  private static final Pattern QUOTED_TYPE = Pattern.compile("'(\\w+)'");
  private static final Pattern SCALAR_LITERAL =
      Pattern.compile("(Int|Float|Boolean|String|Enum)Value\\{(?:value|name)=([^{}]*)}");
  private static final Pattern COMPOSITE_LITERAL = Pattern.compile("(Array|Object)Value\\{");

  private Messages() {}

  static String humanize(String message) {
    if (message == null) {
      return "Invalid request";
    }
    String m = message.replace("Invalid syntax with ANTLR error", "Invalid syntax:")
        .replace("Expected an AST type of", "Expected a value of type");
    m = replaceComposites(m);
    Matcher scalar = SCALAR_LITERAL.matcher(m);
    StringBuilder out = new StringBuilder();
    while (scalar.find()) {
      String value = scalar.group(2);
      scalar.appendReplacement(out, Matcher.quoteReplacement(
          scalar.group(1).equals("String") ? "\"" + value + "\"" : value));
    }
    scalar.appendTail(out);
    m = out.toString().replace("NullValue{}", "null");
    Matcher quoted = QUOTED_TYPE.matcher(m);
    out = new StringBuilder();
    while (quoted.find()) {
      String replacement = JAVA_TYPES.get(quoted.group(1));
      quoted.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? quoted.group() : "'" + replacement + "'"));
    }
    quoted.appendTail(out);
    return out.toString();
  }

  /** {@code ArrayValue{values=[...]}} and {@code ObjectValue{...}} (nested) become "a list" / "an object". */
  private static String replaceComposites(String m) {
    Matcher composite = COMPOSITE_LITERAL.matcher(m);
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (composite.find(from)) {
      int depth = 0;
      int end = composite.end() - 1;
      for (int i = end; i < m.length(); i++) {
        char c = m.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          end = i + 1;
          break;
        }
      }
      out.append(m, from, composite.start()).append(composite.group(1).equals("Array") ? "a list" : "an object");
      from = Math.max(end, composite.end());
    }
    return out.append(m.substring(from)).toString();
  }

  /** Whether graphql-java refused a document for its size (token or field count), not its content. */
  static boolean isSizeLimit(String message) {
    return message != null
        && (message.contains("tokens have been presented") || message.contains("exceeds maximum allowed"));
  }
}
