package dev.pcqrses.ports.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer for the event contract.
 *
 * <p>Why not a library: DESIGN.md keeps {@code ports} free of frameworks (Jackson included), and
 * this is the one module that both the Pekko serializer and the Lambda may share. The contract's
 * objects are flat and small, so the reader builds a plain tree: {@link Map} (insertion-ordered),
 * {@link List}, {@link String}, {@link BigDecimal}, {@link Boolean} and {@link #NULL}.
 */
public final class Json {
  /** The JSON {@code null} value in a parsed tree. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** Deepest nesting accepted; hostile input must not overflow the stack. */
  static final int MAX_DEPTH = 64;

  private Json() {}

  /** Parses one JSON object; anything else (or trailing content) is an error. */
  public static Map<String, Object> parseObject(String text) {
    Parser parser = new Parser(text);
    parser.skipWhitespace();
    if (parser.peek() != '{') {
      throw parser.error("expected a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) parser.value(0);
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.error("unexpected content after the JSON object");
    }
    return object;
  }

  /** Thrown for text that is not the JSON expected. */
  public static final class JsonSyntaxException extends IllegalArgumentException {
    JsonSyntaxException(String message) {
      super(message);
    }
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    char peek() {
      return atEnd() ? '\0' : text.charAt(pos);
    }

    JsonSyntaxException error(String message) {
      return new JsonSyntaxException(message + " at offset " + pos);
    }

    void skipWhitespace() {
      while (!atEnd()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      skipWhitespace();
      char c = peek();
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return NULL;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error(atEnd() ? "unexpected end of input" : "unexpected character '" + c + "'");
      }
    }

    private Map<String, Object> object(int depth) {
      pos++; // {
      Map<String, Object> object = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return object;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        String name = string();
        skipWhitespace();
        expect(':');
        Object value = value(depth + 1);
        if (object.put(name, value) != null) {
          throw error("duplicate member \"" + name + "\"");
        }
        skipWhitespace();
        if (peek() == ',') {
          pos++;
        } else if (peek() == '}') {
          pos++;
          return object;
        } else {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array(int depth) {
      pos++; // [
      List<Object> array = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(array);
      }
      while (true) {
        array.add(value(depth + 1));
        skipWhitespace();
        if (peek() == ',') {
          pos++;
        } else if (peek() == ']') {
          pos++;
          return Collections.unmodifiableList(array);
        } else {
          throw error("expected ',' or ']'");
        }
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void literal(String word) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
    }

    private String string() {
      pos++; // opening quote
      StringBuilder out = null;
      int start = pos;
      while (true) {
        if (atEnd()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String result = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
          pos++;
          return result;
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c == '\\') {
          if (out == null) {
            out = new StringBuilder();
          }
          out.append(text, start, pos);
          pos++;
          out.append(escape());
          start = pos;
        } else {
          pos++;
        }
      }
    }

    private char escape() {
      if (atEnd()) {
        throw error("unterminated escape");
      }
      char c = text.charAt(pos++);
      switch (c) {
        case '"':
          return '"';
        case '\\':
          return '\\';
        case '/':
          return '/';
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case 'u':
          if (pos + 4 > text.length()) {
            throw error("short \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
              throw error("bad \\u escape");
            }
            code = code * 16 + digit;
          }
          return (char) code;
        default:
          pos--;
          throw error("bad escape '\\" + c + "'");
      }
    }

    private BigDecimal number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (peek() >= '1' && peek() <= '9') {
        digits();
      } else {
        throw error("bad number");
      }
      if (peek() == '.') {
        pos++;
        if (!Character.isDigit(peek())) {
          throw error("bad number");
        }
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!Character.isDigit(peek())) {
          throw error("bad number");
        }
        digits();
      }
      if (pos - start > 100) {
        throw error("number too long");
      }
      return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    }
  }

  /**
   * Writes one compact JSON object (no white space) with members in the order they are added:
   * the contract fixes the order, so the bytes are reproducible.
   */
  public static final class ObjectWriter {
    private final StringBuilder out;
    private boolean first = true;

    public ObjectWriter() {
      this(new StringBuilder(256));
    }

    private ObjectWriter(StringBuilder out) {
      this.out = out;
      out.append('{');
    }

    /** Adds a string member. */
    public ObjectWriter string(String name, String value) {
      name(name);
      quote(out, value);
      return this;
    }

    /** Adds a string member only when {@code value} is not null. */
    public ObjectWriter optionalString(String name, String value) {
      return value == null ? this : string(name, value);
    }

    /** Adds a number member. */
    public ObjectWriter number(String name, long value) {
      name(name);
      out.append(value);
      return this;
    }

    /** Adds a boolean member. */
    public ObjectWriter bool(String name, boolean value) {
      name(name);
      out.append(value);
      return this;
    }

    /** Adds an object member, written by {@code body}. */
    public ObjectWriter object(String name, java.util.function.Consumer<ObjectWriter> body) {
      name(name);
      ObjectWriter nested = new ObjectWriter(out);
      body.accept(nested);
      nested.close();
      return this;
    }

    /** Adds an array member, written by {@code body}. */
    public ObjectWriter array(String name, java.util.function.Consumer<ArrayWriter> body) {
      name(name);
      ArrayWriter nested = new ArrayWriter(out);
      body.accept(nested);
      out.append(']');
      return this;
    }

    private void name(String name) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, name);
      out.append(':');
    }

    private void close() {
      out.append('}');
    }

    /** The finished object as text. */
    public String end() {
      close();
      return out.toString();
    }
  }

  /** Writes the elements of one JSON array, in order. */
  public static final class ArrayWriter {
    private final StringBuilder out;
    private boolean first = true;

    private ArrayWriter(StringBuilder out) {
      this.out = out;
      out.append('[');
    }

    /** Adds a string element. */
    public ArrayWriter string(String value) {
      next();
      quote(out, value);
      return this;
    }

    /** Adds an object element, written by {@code body}. */
    public ArrayWriter object(java.util.function.Consumer<ObjectWriter> body) {
      next();
      ObjectWriter nested = new ObjectWriter(out);
      body.accept(nested);
      nested.close();
      return this;
    }

    /** Adds an array element, written by {@code body}. */
    public ArrayWriter array(java.util.function.Consumer<ArrayWriter> body) {
      next();
      ArrayWriter nested = new ArrayWriter(out);
      body.accept(nested);
      out.append(']');
      return this;
    }

    private void next() {
      if (!first) {
        out.append(',');
      }
      first = false;
    }
  }

  /** Appends {@code value} as a JSON string: quotes, backslashes and control characters escaped. */
  static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
