package dev.pcqrses.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.domain.useraccount.UserAccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
  @Test
  void round_trips_an_id_and_hides_it() {
    UserAccountId id = new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA");
    String cursor = Cursor.encode(id);
    assertThat(cursor).doesNotContain(id.value()).matches("[A-Za-z0-9_-]+");
    assertThat(Cursor.decode(cursor)).contains(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "%%%", "djE6YWJj", "01KBN7Q3V0M8ZK4R2YB9C6D1EA",
      "dGhpcyBpcyBhIHZlcnkgbG9uZyBjdXJzb3IgdGhhdCBpcyBtb3JlIHRoYW4gNjQgY2hhcmFjdGVycyBsb25nISE"})
  void refuses_text_that_is_not_one_of_its_cursors(String text) {
    assertThat(Cursor.decode(text)).isEmpty();
  }
}
