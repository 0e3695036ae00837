package dev.pcqrses.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void parses_every_kind_of_value() {
    Map<String, Object> object = Json.parseObject(
        "{\"s\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\",\"n\":-1.5E+2,\"z\":0,\"t\":true,\"f\":false,\"x\":null,"
            + "\"a\":[1,[2],{}],\"o\":{\"k\":\"v\"}}");
    assertThat(object.get("s")).isEqualTo("a\"b\\c\né😀");
    assertThat(object.get("n")).isEqualTo(new BigDecimal("-1.5E+2"));
    assertThat(object.get("z")).isEqualTo(BigDecimal.ZERO);
    assertThat(object.get("t")).isEqualTo(true);
    assertThat(object.get("f")).isEqualTo(false);
    assertThat(object.get("x")).isSameAs(Json.NULL);
    assertThat((List<?>) object.get("a")).hasSize(3);
    assertThat(object.get("o")).isEqualTo(Map.of("k", "v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "[]", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":01}",
      "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\t\"}",
      "{\"a\":\"unterminated}", "{\"a\":1} x", "{\"a\":[1 2]}", "{\"a\":1,\"a\":2}", "{'a':1}", "{\"a\":NaN}"})
  void refuses_what_is_not_one_json_object(String text) {
    assertThatThrownBy(() -> Json.parseObject(text)).isInstanceOf(Json.JsonSyntaxException.class);
  }

  @Test
  void refuses_hostile_nesting_instead_of_overflowing_the_stack() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> Json.parseObject(deep)).isInstanceOf(Json.JsonSyntaxException.class)
        .hasMessageContaining("nesting");
  }

  @Property(tries = 500)
  void strings_written_are_read_back_identically_by_us_and_by_jackson(@ForAll @StringLength(max = 60) String value)
      throws Exception {
    String json = new Json.ObjectWriter().string("v", value).end();
    assertThat(Json.parseObject(json).get("v")).isEqualTo(value);
    assertThat(JACKSON.readTree(json).get("v").asText()).isEqualTo(value);
  }

  @Property(tries = 300)
  void jackson_written_strings_are_read_identically(@ForAll @StringLength(max = 60) String value) throws Exception {
    String json = JACKSON.writeValueAsString(Map.of("v", value, "n", List.of(1, 2.5, Map.of())));
    assertThat(Json.parseObject(json).get("v")).isEqualTo(value);
  }

  @Property(tries = 200)
  void never_throws_anything_but_a_syntax_error_on_garbage(@ForAll @StringLength(max = 40) String garbage) {
    String text = Arbitraries.of("{", "{\"a\":", "").sample() + garbage;
    try {
      Json.parseObject(text);
    } catch (Json.JsonSyntaxException expected) {
      // fine: the only failure callers must handle
    }
  }

  @Test
  void writes_nested_arrays_that_jackson_reads_back() throws Exception {
    String json = new Json.ObjectWriter()
        .array("a", a -> a.string("x").array(inner -> inner.string("y").string("z")).object(o -> o.number("n", 3)))
        .array("empty", a -> { })
        .end();
    assertThat(json).isEqualTo("{\"a\":[\"x\",[\"y\",\"z\"],{\"n\":3}],\"empty\":[]}");
    assertThat(JACKSON.readTree(json).at("/a/1/1").asText()).isEqualTo("z");
  }
}
