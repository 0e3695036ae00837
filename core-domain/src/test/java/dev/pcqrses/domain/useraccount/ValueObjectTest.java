package dev.pcqrses.domain.useraccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pcqrses.domain.Validated;
import dev.pcqrses.domain.Violation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectTest {

  @Nested
  class Names {
    @Test
    void trims_surrounding_white_space() {
      assertThat(FirstName.parse("firstName", "  Ann \t").value().value()).isEqualTo("Ann");
      assertThat(LastName.parse("lastName", "\u3000山田\u3000").value().value()).isEqualTo("山田");
    }

    @Test
    void counts_code_points_not_utf16_units() {
      String hundredEmoji = "😀".repeat(100);
      assertThat(hundredEmoji.length()).isEqualTo(200);
      Validated<FirstName> name = FirstName.parse("firstName", hundredEmoji);
      assertThat(name.isValid()).isTrue();
      assertThat(name.value().value()).isEqualTo(hundredEmoji);
    }

    @Test
    void accepts_exactly_100_and_refuses_101_characters() {
      assertThat(FirstName.parse("firstName", "a".repeat(100)).isValid()).isTrue();
      Validated<FirstName> tooLong = FirstName.parse("firstName", "a".repeat(101));
      assertThat(tooLong).isInstanceOf(Validated.Invalid.class);
      assertThat(((Validated.Invalid<FirstName>) tooLong).violations())
          .singleElement()
          .satisfies(v -> {
            assertThat(v.field()).isEqualTo("firstName");
            assertThat(v.message()).contains("at most 100");
          });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n", "a\u0000b", "line\nbreak", "\u0007", "\ud83d", "x\ude00y", "\ud83d\ud83d",
        // blank in the Unicode sense: no-break, figure, narrow and ideographic spaces, BOM, zero-width
        // space, soft hyphen, Mongolian vowel separator, line separator
        "\u00a0", "\u2007", "\u202f", "\ufeff", "\u200b\u200b", "\u00ad", "\u180e", " \u00a0 ", "\u3000", "\u2028",
        // unsafe inside a name: bidi override, separators, noncharacter, private use, unassigned
        "Ann\u202eeL", "a\u2028b", "a\u2029b", "a\uffffb", "a\ue000b", "a\u0378b", "a\ufdd0b",
        // nothing visible
        "\u0301", "\u200d"})
    void refuses_missing_blank_invisible_and_unsafe_text(String raw) {
      assertThat(LastName.parse("lastName", raw).isValid()).as(raw).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mary Ann", "Mary\u00a0Ann", "山田", "O'Brien", "Zoë", "\u05d3\u05e0\u05d4",
        "👨\u200d👩\u200d👧", "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f",
        "\ud83e\udee0", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "ﾃﾞｨｰﾝ", "Ⅳ", "Jean-Luc"})
    void accepts_real_names_in_any_script_including_joined_emoji(String raw) {
      assertThat(FirstName.parse("firstName", raw).isValid()).as(raw).isTrue();
    }

    @Test
    void trims_unicode_spaces_and_invisible_characters_around_a_name() {
      assertThat(FirstName.parse("firstName", "\ufeff\u00a0Ann\u200b\u3000").value().value()).isEqualTo("Ann");
    }

    @Test
    void constructor_refuses_what_parse_refuses() {
      assertThatThrownBy(() -> new FirstName("")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new FirstName(" padded ")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new LastName("a".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class EmailAddresses {
    @ParameterizedTest
    @ValueSource(strings = {"yamada@example.com", "a.b+tag@sub.example.co.jp", "x@y.z", "o'brien@example.ie",
        "USER_1@EXAMPLE.COM", "a@xn--bcher-kva.example"})
    void accepts_well_formed_addresses(String raw) {
      assertThat(EmailAddress.parse("emailAddress", raw).isValid()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not-an-email", "a@@example.com", "a@b@example.com", "@example.com", "ann@",
        "ann@example", "ann@.example.com", "ann@example..com", "ann@example.com.", ".ann@example.com",
        "ann.@example.com", "a..b@example.com", "ann@-example.com", "ann@example-.com", "ann lee@example.com",
        "ann@exa mple.com", "アン@example.com", "ann@例え.jp", "ann@example.com\u0000"})
    void refuses_malformed_addresses(String raw) {
      assertThat(EmailAddress.parse("emailAddress", raw).isValid()).isFalse();
    }

    @Test
    void enforces_the_length_limits() {
      String local64 = "a".repeat(64);
      assertThat(EmailAddress.parse("e", local64 + "@example.com").isValid()).isTrue();
      assertThat(EmailAddress.parse("e", "a" + local64 + "@example.com").isValid()).isFalse();
      String label63 = "b".repeat(63);
      assertThat(EmailAddress.parse("e", "a@" + label63 + ".com").isValid()).isTrue();
      assertThat(EmailAddress.parse("e", "a@b" + label63 + ".com").isValid()).isFalse();
      // 254 in all: 64 + 1 + 189
      String domain189 = String.join(".", "c".repeat(63), "c".repeat(63), "c".repeat(61));
      assertThat((local64 + "@" + domain189).length()).isEqualTo(254);
      assertThat(EmailAddress.parse("e", local64 + "@" + domain189).isValid()).isTrue();
      assertThat(EmailAddress.parse("e", local64 + "@" + domain189 + "c").isValid()).isFalse();
    }

    @Test
    void masks_itself_when_printed() {
      EmailAddress email = EmailAddress.parse("e", "yamada@example.com").value();
      assertThat(email.toString()).isEqualTo("y***@example.com").doesNotContain("yamada");
    }
  }

  @Test
  void user_account_id_is_canonical_upper_case_and_maps_to_a_persistence_id() {
    UserAccountId id = UserAccountId.parse("userAccountId", " 01kbn7q3v0m8zk4r2yb9c6d1ea ").value();
    assertThat(id.value()).isEqualTo("01KBN7Q3V0M8ZK4R2YB9C6D1EA");
    assertThat(id.persistenceId()).isEqualTo("UserAccount|01KBN7Q3V0M8ZK4R2YB9C6D1EA");
    assertThat(UserAccountId.fromPersistenceId(id.persistenceId())).contains(id);
    assertThat(UserAccountId.fromPersistenceId("Order|01KBN7Q3V0M8ZK4R2YB9C6D1EA")).isEmpty();
    assertThat(UserAccountId.fromPersistenceId("UserAccount|abc")).isEmpty();
  }

  @Test
  void malformed_ids_are_violations_of_the_named_field() {
    assertThat(Validated.violationsOf(UserAccountId.parse("userAccountId", "abc")))
        .extracting(Violation::field)
        .containsExactly("userAccountId");
  }

  @Test
  void violations_of_several_fields_are_reported_together() {
    List<Violation> violations = Validated.violationsOf(
        FirstName.parse("firstName", ""), LastName.parse("lastName", "Lee"), EmailAddress.parse("emailAddress", "x"));
    assertThat(violations).extracting(Violation::field).containsExactly("firstName", "emailAddress");
  }
}
