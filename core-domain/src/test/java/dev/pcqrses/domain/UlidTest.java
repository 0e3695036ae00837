package dev.pcqrses.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UlidTest {

  @ParameterizedTest
  @ValueSource(strings = {"01KBN7Q3V0M8ZK4R2YB9C6D1EA", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "00000000000000000000000000",
      "01kbn7q3v0m8zk4r2yb9c6d1ea"})
  void accepts_ulids_in_either_case(String text) {
    assertThat(Ulid.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"abc", "01KBN7Q3V0M8ZK4R2YB9C6D1E", "01KBN7Q3V0M8ZK4R2YB9C6D1EAA",
      "81KBN7Q3V0M8ZK4R2YB9C6D1EA", // overflows 128 bits
      "01KBN7Q3V0M8ZK4R2YB9C6D1EU", // U is not in Crockford's alphabet
      "01KBN7Q3V0M8ZK4R2YB9C6D1EI", "01KBN7Q3V0M8ZK4R2YB9C6D1EL", "01KBN7Q3V0M8ZK4R2YB9C6D1EO",
      "01KBN7Q3V0M8ZK4R2YB9C6D1E!", "01KBN7Q3V0M8ZK4R2YB9C6D1Eé"})
  void refuses_anything_else(String text) {
    assertThat(Ulid.isValid(text)).isFalse();
  }
}
