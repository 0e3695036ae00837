package dev.pcqrses.adapters.http.logging;

import static dev.pcqrses.adapters.http.logging.EmailMasking.MASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcqrses.domain.useraccount.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The address pattern against what the domain accepts, and where masking must not break things. */
class EmailMaskingTest {
  static final String LOCAL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.";
  static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
  /** Around an address in a longer text: separators, JSON-escaped characters and their escapes. */
  static final List<String[]> SURROUNDINGS = List.of(
      new String[] {"", ""}, new String[] {"mail to ", " now"}, new String[] {"<", ">"}, new String[] {"(", ")."},
      new String[] {"\"", "\""}, new String[] {"«", "»;"}, new String[] {"\\", "\\"}, new String[] {"\n", "\n"},
      new String[] {"\t", "\r\n"}, new String[] {"é", "ü"}, new String[] {"\u2028", "\u0000"}, new String[] {"[", "]"},
      new String[] {"\\\"", "\\\""}, new String[] {"\\n", "\\n"}, new String[] {"\\\\", "\\\\"},
      new String[] {"\\u00e9", "\\u0022"}, new String[] {"a:", ","}, new String[] {"mailto:", "?subject=x"});

  @Test
  void every_address_the_domain_accepts_is_masked_whole_in_any_surrounding() {
    Random random = new Random(20261203);
    List<String> addresses = new ArrayList<>(List.of(
        "a@b.co", "john.doe+x@mail.example.co.jp", "JOHN.DOE@EXAMPLE.COM", "x@127.0.0.1",
        "!#$%&'*+/=?^_`{|}~-@example.com", "a.!#$%&'*+/=?^_`{|}~-.z@x-y.example", "o'reilly@example.ie",
        "user/dept=shipping@example.com", "{x}@example.com", "1@2.3", "a".repeat(64) + "@" + "b".repeat(63) + ".com"));
    while (addresses.size() < 2000) {
      String candidate = randomAddress(random);
      if (EmailAddress.parse("email", candidate).isValid()) {
        addresses.add(candidate);
      }
    }
    for (String address : addresses) {
      assertThat(EmailAddress.parse("email", address).isValid()).as(address).isTrue();
      for (String[] around : SURROUNDINGS) {
        if (around[0].endsWith("pekko:") && address.startsWith("//")) {
          continue; // pekko://system@host: the documented exception
        }
        String text = around[0] + address + around[1];
        String masked = EmailMasking.mask(text);
        assertThat(masked).as(text).endsWith(MASK + around[1]);
        String kept = masked.substring(0, masked.length() - MASK.length() - around[1].length());
        assertThat(around[0]).as(text).startsWith(kept);
        // Read both as plain text and with escapes decoded, the mask may also take the letters of an
        // escape in front of the address (a backslash then n, or u00e9), never anything else.
        assertThat(around[0].substring(kept.length())).as(text).matches("|\\\\|[bfnrt]|u[0-9A-Fa-f]{4}");
      }
    }
  }

  @Test
  void the_longest_run_of_local_part_characters_is_masked() {
    assertThat(EmailMasking.mask("user=john.doe+x@mail.example.co.jp;")).isEqualTo(MASK + ";");
    assertThat(EmailMasking.mask("to: a@b.co, c@d.co;e@f.co")).isEqualTo("to: " + MASK + ", " + MASK + ";" + MASK);
    assertThat(EmailMasking.mask("UserAccount[email=j***@example.com]")).isEqualTo("UserAccount[" + MASK + "]");
  }

  @Test
  void an_address_written_with_json_escapes_is_masked() {
    assertThat(EmailMasking.mask("{\"email\":\"john\\u0040example.com\"}")).isEqualTo("{\"email\":\"" + MASK + "\"}");
    assertThat(EmailMasking.mask("j\\u006Fhn@example.com")).isEqualTo(MASK);
    assertThat(EmailMasking.mask("john@example\\u002Ecom")).isEqualTo(MASK);
  }

  @Test
  void masking_raw_json_keeps_it_valid_json_and_masks_names_and_values() throws Exception {
    String json = "{\"a\\njohn@example.com\":\"\\\"jane@example.org\\\"\",\"b\":\"x\\u0040example.net\\n\","
        + "\"c\":[\"\\\\bob@example.com\\t\",\"\\u00e9eve@example.com\"],\"d\":\"\\/al@example.com\"}";
    String masked = EmailMasking.maskJson(json);
    JsonNode node = new ObjectMapper().readTree(masked);
    assertThat(masked).doesNotContain("example");
    assertThat(node.fieldNames()).toIterable().containsExactly("a\n" + MASK, "b", "c", "d");
    assertThat(node.get("b").asText()).isEqualTo(MASK + "\n");
    assertThat(node.get("c").get(0).asText()).isEqualTo("\\" + MASK + "\t");
    assertThat(node.get("c").get(1).asText()).isEqualTo("é" + MASK);
    assertThat(node.get("d").asText()).isEqualTo(MASK);
  }

  @Test
  void leaves_text_without_addresses_alone() {
    for (String text : List.of("", "no address", "@timestamp", "java.lang.Object@1b2c3d4", "john@localhost",
        "pekko://pcqrses@127.0.0.1:25520/user/x#123", "Actor[pekko.tcp://sys@10.0.0.1:2552/system/y]", MASK,
        "C:\\temp\\file.txt", "a \\ b \\u12 \\x")) {
      assertThat(EmailMasking.mask(text)).as(text).isSameAs(text);
    }
    assertThat(EmailMasking.mask(null)).isNull();
  }

  @Test
  void addresses_glued_together_are_all_masked() {
    for (String glue : List.of("|", "/", "+", "=", "'", ",", ";", " ")) {
      String text = "a@example.com" + glue + "b.c+d@mail.example.org" + glue + "E@X.CO";
      assertThat(EmailMasking.mask(text)).as(text).doesNotContain("example").doesNotContain("X.CO").contains(MASK);
    }
  }

  @Test
  void an_address_in_a_url_is_masked_only_pekko_addresses_are_left() {
    for (String url : List.of("https://example.org/?u=alice@example.com", "http://dave@example.com",
        "https://example.org/a@b.example.com/x", "mailto:carol@example.com")) {
      assertThat(EmailMasking.mask("see " + url + " now")).as(url)
          .doesNotContain("alice@").doesNotContain("dave@").doesNotContain("a@b.").doesNotContain("carol@")
          .contains(MASK).endsWith(" now");
    }
    assertThat(EmailMasking.mask("at pekko://pcqrses@10.0.0.5:25520/system/sharding/x"))
        .isEqualTo("at pekko://pcqrses@10.0.0.5:25520/system/sharding/x");
  }

  @Test
  void masking_twice_changes_nothing_more() {
    String once = EmailMasking.mask("a@b.co and \"c\\u0040d.co\" and postgres://u:p@db.example.com:5432/x");
    assertThat(once).isEqualTo(MASK + " and \"" + MASK + "\" and postgres://u:" + MASK + ":5432/x");
    assertThat(EmailMasking.mask(once)).isEqualTo(once);
  }

  private static String randomAddress(Random random) {
    StringBuilder local = new StringBuilder();
    int localLength = 1 + random.nextInt(random.nextInt(10) == 0 ? 64 : 12);
    for (int i = 0; i < localLength; i++) {
      local.append(LOCAL_CHARS.charAt(random.nextInt(LOCAL_CHARS.length())));
    }
    StringBuilder domain = new StringBuilder();
    int labels = 2 + random.nextInt(3);
    for (int l = 0; l < labels; l++) {
      if (l > 0) {
        domain.append('.');
      }
      int labelLength = 1 + random.nextInt(random.nextInt(10) == 0 ? 63 : 8);
      for (int i = 0; i < labelLength; i++) {
        domain.append(LABEL_CHARS.charAt(random.nextInt(LABEL_CHARS.length())));
      }
    }
    return local + "@" + domain;
  }
}
