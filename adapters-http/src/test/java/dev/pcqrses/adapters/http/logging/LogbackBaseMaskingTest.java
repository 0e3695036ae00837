package dev.pcqrses.adapters.http.logging;

import static dev.pcqrses.adapters.http.logging.EmailMasking.MASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real base configuration, both formats: no piece of an address in any line, wherever the event
 * carries it; the mask where the address was.
 */
class LogbackBaseMaskingTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void json_lines_hold_no_address_anywhere_and_stay_valid_json() throws Exception {
    List<String> lines;
    int events;
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "json"))) {
      events = MaskingCases.logAll(logging.context);
      lines = logging.stopAndReadConsole();
      assertThat(logging.problems()).isEmpty();
    }
    assertThat(lines).hasSize(events);

    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line); // every line is valid JSON, raw writes included
      nodes.add(node);
      assertThat(MaskingCases.leaks(line)).as(line).isFalse();
      List<String> texts = new ArrayList<>();
      collectNamesAndStrings(node, texts);
      assertThat(texts).as(line).noneMatch(MaskingCases::leaks);
      assertThat(node.get("application").asText()).isEqualTo("test-app");
      assertThat(node.get("@timestamp").asText()).isNotEmpty();
      assertThat(node.get("level").asText()).isIn("INFO", "ERROR");
      assertThat(node.get("logger_name").asText()).isNotEmpty();
      assertThat(node.get("thread_name").asText()).isNotEmpty();
    }
    Map<String, JsonNode> byMessage = nodes.stream()
        .collect(Collectors.toMap(n -> n.get("message").asText().split(":")[0], n -> n, (a, b) -> a));

    assertThat(byMessage.get("message").get("message").asText()).isEqualTo("message: registered " + MASK);
    assertThat(byMessage.get("argument").get("message").asText())
        .isEqualTo("argument: " + MASK + " signed in from " + MASK + ";");
    assertThat(byMessage.get("specials").get("message").asText()).isEqualTo("specials: <" + MASK + ">");
    assertThat(byMessage.get("escapes").get("message").asText()).isEqualTo("escapes: \"" + MASK + "\" back\\" + MASK
        + "\\ nl\n" + MASK + "\ntab\t" + MASK + "\té" + MASK + "\u2028 json {\"e\":\"" + MASK + "\"}"
        + " escaped-newline \\" + MASK);
    assertThat(byMessage.get("pekko").get("message").asText()).isEqualTo("pekko: " + MaskingCases.PEKKO_ADDRESS);

    String stackTrace = byMessage.get("exception").get("stack_trace").asText();
    assertThat(stackTrace).contains("java.lang.RuntimeException: failed for " + MASK,
        "Caused by: java.lang.IllegalStateException: cause of " + MASK,
        "Caused by: java.lang.IllegalArgumentException: root cause " + MASK,
        "Suppressed: java.lang.IllegalStateException: suppressed " + MASK);

    JsonNode mdc = byMessage.get("mdc");
    assertThat(mdc.get("correlation_id").asText()).isEqualTo("c-1");
    assertThat(mdc.get("user_email").asText()).isEqualTo(MASK);
    assertThat(mdc.get(MASK).asText()).isEqualTo("an MDC key that is an address");

    JsonNode structured = byMessage.get("structured");
    assertThat(structured.get("email").asText()).isEqualTo(MASK);
    assertThat(structured.get("contact").asText()).isEqualTo(MASK);
    assertThat(structured.get(MASK).asText()).isEqualTo(MASK);
    assertThat(structured.get("emails").toString()).isEqualTo("[\"" + MASK + "\",\"" + MASK + "\"]");
    assertThat(structured.get("raw_json").toString())
        .isEqualTo("{\"" + MASK + "\":\"" + MASK + "\\n\",\"n\":\"\\n" + MASK + "\"}");
    assertThat(structured.get("primary").asText()).isEqualTo(MASK);
    assertThat(structured.get("others").toString()).isEqualTo("[\"" + MASK + "\"]");
    assertThat(structured.get("raw_pojo").toString()).isEqualTo("{\"json\":{\"h\":\"" + MASK + "\"}}");

    JsonNode markers = byMessage.get("markers");
    assertThat(markers.get("nested").toString()).isEqualTo("{\"list\":[\"" + MASK + "\"]}");
    assertThat(markers.get("raw_marker").toString()).isEqualTo("[\"" + MASK + "\"]");
    assertThat(markers.get("tags").toString()).isEqualTo("[\"" + MASK + "\"]");

    JsonNode fluent = byMessage.get("fluent key-value pairs");
    assertThat(fluent.get("kv_email").asText()).isEqualTo(MASK);
    assertThat(fluent.get(MASK).asText()).isEqualTo("key");

    assertThat(byMessage.get("logger name").get("logger_name").asText()).isEqualTo(MASK);
    assertThat(byMessage.get("thread name").get("thread_name").asText()).isEqualTo(MASK);

    JsonNode writes = byMessage.get("generator writes");
    assertThat(writes.get(MASK).asText()).isEqualTo("serialized field name");
    for (String field : List.of("reader", "char_array", "number_chars", "number_string", "raw_value_chars", "utf8",
        "raw_utf8", "serialized_value", "raw_string", "raw_chars", "raw_serialized", "raw_slice")) {
      assertThat(writes.get(field)).as(field).isNotNull();
      assertThat(writes.get(field).asText()).as(field).isEqualTo(MASK);
    }
    assertThat(writes.get("string_array").toString()).isEqualTo("[\"" + MASK + "\",\"x\"]");
  }

  @Test
  void text_lines_hold_no_address_anywhere_the_stack_trace_included() throws Exception {
    List<String> lines;
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "text"))) {
      MaskingCases.logAll(logging.context);
      lines = logging.stopAndReadConsole();
      assertThat(logging.problems()).isEmpty();
    }
    String text = String.join("\n", lines);
    assertThat(lines).noneMatch(MaskingCases::leaks);
    assertThat(text).doesNotStartWith("{");
    assertThat(lines).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main] dev\\.pcqrses\\.cases - "
        + "message: registered \\*\\*\\*@\\*\\*\\*"));
    assertThat(lines).anyMatch(l -> l.contains("INFO  [main] dev.pcqrses.cases cid=c-1 - mdc"));
    assertThat(lines).anyMatch(l -> l.endsWith("argument: " + MASK + " signed in from " + MASK + ";"));
    assertThat(lines).anyMatch(l -> l.endsWith("pekko: " + MaskingCases.PEKKO_ADDRESS));
    assertThat(lines).anyMatch(l -> l.contains("[" + MASK + "] dev.pcqrses.cases - thread name"));
    assertThat(text).contains("java.lang.RuntimeException: failed for " + MASK,
        "Caused by: java.lang.IllegalStateException: cause of " + MASK,
        "Caused by: java.lang.IllegalArgumentException: root cause " + MASK,
        "Suppressed: java.lang.IllegalStateException: suppressed " + MASK);
    // The stack trace comes once, inside the masked pattern (logback adds none of its own).
    assertThat(lines.stream().filter(l -> l.startsWith("java.lang.RuntimeException"))).hasSize(1);
  }

  private static void collectNamesAndStrings(JsonNode node, List<String> into) {
    if (node.isTextual()) {
      into.add(node.asText());
    } else if (node.isNumber()) {
      into.add(node.asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
      Map.Entry<String, JsonNode> field = fields.next();
      into.add(field.getKey());
      collectNamesAndStrings(field.getValue(), into);
    }
    if (node.isArray()) {
      node.forEach(element -> collectNamesAndStrings(element, into));
    }
  }
}
