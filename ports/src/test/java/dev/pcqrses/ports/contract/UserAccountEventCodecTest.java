package dev.pcqrses.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserAccountEventCodecTest {
  static final ObjectMapper JACKSON = new ObjectMapper();
  static final UserAccountId ACCOUNT = new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA");

  // Exactly the bytes of the handed Lambda cases (../shared/cases/lambda/basic.json).
  static final String CREATED_WITH_METADATA = "{\"eventId\":\"01KBN7R0000000000000000001\",\"userAccountId\":"
      + "\"01KBN7Q3V0M8ZK4R2YB9C6D1EA\",\"firstName\":\"太郎\",\"lastName\":\"山田\",\"emailAddress\":"
      + "\"yamada@example.com\",\"occurredAt\":\"2026-12-03T10:00:00.000Z\",\"metadata\":{\"correlationId\":\"corr-basic-1\"}}";
  static final String RENAMED = "{\"eventId\":\"01KBN7R0000000000000000002\",\"userAccountId\":"
      + "\"01KBN7Q3V0M8ZK4R2YB9C6D1EA\",\"firstName\":\"次郎\",\"lastName\":\"田中\",\"occurredAt\":\"2026-12-03T10:00:01.500Z\"}";
  static final String DELETED = "{\"eventId\":\"01KBN7R0000000000000000012\",\"userAccountId\":"
      + "\"01KBN7Q3V4Z9Y8X7W6V5T4S3RE\",\"occurredAt\":\"2026-12-03T10:05:01.000Z\"}";

  @Test
  void encodes_exactly_the_contract_bytes() {
    UserAccountEvent created = new UserAccountCreated(new EventId("01KBN7R0000000000000000001"), ACCOUNT,
        new FirstName("太郎"), new LastName("山田"), new EmailAddress("yamada@example.com"),
        Instant.parse("2026-12-03T10:00:00Z"), EventMetadata.ofCorrelationId("corr-basic-1"));
    UserAccountEvent renamed = new UserAccountRenamed(new EventId("01KBN7R0000000000000000002"), ACCOUNT,
        new FirstName("次郎"), new LastName("田中"), Instant.parse("2026-12-03T10:00:01.500Z"), EventMetadata.NONE);
    UserAccountEvent deleted = new UserAccountDeleted(new EventId("01KBN7R0000000000000000012"),
        new UserAccountId("01KBN7Q3V4Z9Y8X7W6V5T4S3RE"), Instant.parse("2026-12-03T10:05:01Z"), EventMetadata.NONE);

    assertThat(new String(UserAccountEventCodec.encode(created), StandardCharsets.UTF_8)).isEqualTo(CREATED_WITH_METADATA);
    assertThat(new String(UserAccountEventCodec.encode(renamed), StandardCharsets.UTF_8)).isEqualTo(RENAMED);
    assertThat(new String(UserAccountEventCodec.encode(deleted), StandardCharsets.UTF_8)).isEqualTo(DELETED);
    assertThat(UserAccountEventCodec.manifest(created)).isEqualTo("UserAccountCreated.v1");
    assertThat(UserAccountEventCodec.manifest(renamed)).isEqualTo("UserAccountRenamed.v1");
    assertThat(UserAccountEventCodec.manifest(deleted)).isEqualTo("UserAccountDeleted.v1");
  }

  @Test
  void decodes_the_contract_bytes() {
    UserAccountEvent event = decode("UserAccountCreated.v1", CREATED_WITH_METADATA);
    assertThat(event).isInstanceOfSatisfying(UserAccountCreated.class, e -> {
      assertThat(e.firstName().value()).isEqualTo("太郎");
      assertThat(e.emailAddress().value()).isEqualTo("yamada@example.com");
      assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
      assertThat(e.metadata().correlationId()).isEqualTo("corr-basic-1");
    });
    assertThat(decode("UserAccountRenamed.v1", RENAMED).metadata()).isEqualTo(EventMetadata.NONE);
    assertThat(decode("UserAccountDeleted.v1", DELETED)).isInstanceOf(UserAccountDeleted.class);
  }

  @Test
  void ignores_unknown_members_anywhere_for_forward_compatibility() {
    String withExtras = "{\"schema\":2, \"eventId\":\"01KBN7R0000000000000000012\",\"userAccountId\":"
        + "\"01KBN7Q3V4Z9Y8X7W6V5T4S3RE\",\"occurredAt\":\"2026-12-03T10:05:01.000Z\","
        + "\"reason\":{\"by\":[1,2.5e3,true,null,{\"x\":\"y\"}]},\"metadata\":{\"correlationId\":\"c\",\"traceId\":\"t\"}}";
    UserAccountEvent event = decode("UserAccountDeleted.v1", withExtras);
    assertThat(event.metadata().correlationId()).isEqualTo("c");
  }

  @Test
  void decodes_any_valid_json_spelling_of_the_same_event() throws Exception {
    // Escaped non-ASCII, escaped solidus, white space and another member order: still the same event.
    String spelled = " {\n \"occurredAt\" : \"2026-12-03T10:00:01.500Z\", \"lastName\":\"\\u7530\\u4e2d\","
        + "\"firstName\":\"\\u6b21\\u90ce\", \"userAccountId\":\"01KBN7Q3V0M8ZK4R2YB9C6D1EA\","
        + "\"eventId\":\"01KBN7R0000000000000000002\", \"x\":\"a\\/b\" }\t";
    assertThat(decode("UserAccountRenamed.v1", spelled)).isEqualTo(decode("UserAccountRenamed.v1", RENAMED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UserAccountCreated", "UserAccountCreated.v2", "OrderPlaced.v1", ""})
  void refuses_unknown_manifests(String manifest) {
    assertThatThrownBy(() -> decode(manifest, DELETED))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("unknown manifest");
  }

  @Test
  void refuses_bytes_that_are_not_the_event() {
    assertThatThrownBy(() -> UserAccountEventCodec.decode("UserAccountRenamed.v1", new byte[] {(byte) 0xC3, 0x28}))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> decode("UserAccountRenamed.v1", "not json"))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> decode("UserAccountRenamed.v1", DELETED))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("missing \"firstName\"");
    assertThatThrownBy(() -> decode("UserAccountDeleted.v1", DELETED.replace("\"01KBN7Q3V4Z9Y8X7W6V5T4S3RE\"", "42")))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("\"userAccountId\" is not a string");
    assertThatThrownBy(() -> decode("UserAccountDeleted.v1", DELETED.replace("01KBN7Q3V4Z9Y8X7W6V5T4S3RE", "abc")))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("\"userAccountId\" is invalid");
    assertThatThrownBy(() -> decode("UserAccountDeleted.v1", DELETED.replace(".000Z", ".000001Z")))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("occurredAt");
    assertThatThrownBy(() -> decode("UserAccountDeleted.v1", DELETED.replace("{", "{\"eventId\":\"x\",")))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> decode("UserAccountDeleted.v1", DELETED.replace("}", ",\"metadata\":[1]}")))
        .isInstanceOf(EventDecodingException.class).hasMessageContaining("metadata");
    assertThatThrownBy(() -> UserAccountEventCodec.decode("UserAccountDeleted.v1", null))
        .isInstanceOf(EventDecodingException.class);
  }

  @Property(tries = 300)
  void every_event_round_trips_and_is_json_that_jackson_reads_the_same(@ForAll("events") UserAccountEvent event)
      throws Exception {
    byte[] bytes = UserAccountEventCodec.encode(event);
    assertThat(UserAccountEventCodec.decode(UserAccountEventCodec.manifest(event), bytes)).isEqualTo(event);

    JsonNode tree = JACKSON.readTree(bytes);
    assertThat(tree.get("eventId").asText()).isEqualTo(event.eventId().value());
    assertThat(tree.get("occurredAt").asText()).isEqualTo(UserAccountEventCodec.formatInstant(event.occurredAt()));
    if (event instanceof UserAccountRenamed renamed) {
      assertThat(tree.get("firstName").asText()).isEqualTo(renamed.firstName().value());
      assertThat(tree.get("lastName").asText()).isEqualTo(renamed.lastName().value());
    }
    if (event.metadata().isEmpty()) {
      assertThat(tree.has("metadata")).isFalse();
    } else {
      assertThat(tree.get("metadata").get("correlationId").asText()).isEqualTo(event.metadata().correlationId());
    }
    // Jackson's own spelling of the same tree decodes to the same event.
    assertThat(UserAccountEventCodec.decode(UserAccountEventCodec.manifest(event), JACKSON.writeValueAsBytes(tree)))
        .isEqualTo(event);
  }

  @Provide
  Arbitrary<UserAccountEvent> events() {
    // Whatever the domain accepts as a name must survive the codec.
    Arbitrary<String> names = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(100)
        .map(dev.pcqrses.domain.DomainText::stripInvisible)
        .filter(s -> FirstName.parse("firstName", s).isValid());
    Arbitrary<String> correlation = Arbitraries.oneOf(Arbitraries.just(null),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank()
            && dev.pcqrses.domain.DomainText.isPrintableUnicode(s.replaceAll("\\p{Cntrl}", ""))));
    Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    Arbitrary<EventId> ids = Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(25)
        .map(s -> new EventId("0" + s));
    Arbitrary<UserAccountEvent> created = Combinators.combine(ids, names, names, times, correlation)
        .as((id, f, l, t, c) -> new UserAccountCreated(id, ACCOUNT, new FirstName(f), new LastName(l),
            new EmailAddress("a.b+c@example.com"), t, new EventMetadata(c)));
    Arbitrary<UserAccountEvent> renamed = Combinators.combine(ids, names, names, times, correlation)
        .as((id, f, l, t, c) -> new UserAccountRenamed(id, ACCOUNT, new FirstName(f), new LastName(l), t, new EventMetadata(c)));
    Arbitrary<UserAccountEvent> deleted = Combinators.combine(ids, times, correlation)
        .as((id, t, c) -> new UserAccountDeleted(id, ACCOUNT, t, new EventMetadata(c)));
    return Arbitraries.oneOf(created, renamed, deleted);
  }

  private static UserAccountEvent decode(String manifest, String json) {
    return UserAccountEventCodec.decode(manifest, json.getBytes(StandardCharsets.UTF_8));
  }
}
