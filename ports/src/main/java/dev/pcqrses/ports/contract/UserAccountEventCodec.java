package dev.pcqrses.ports.contract;

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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * The one implementation of the event contract of DESIGN.md: JSON in UTF-8, one object per event,
 * members in the documented order, {@code metadata} only when there is some. Used by the Pekko
 * serializer (write and replay) and by the Lambda (reading DynamoDB Streams).
 *
 * <p>Decoding ignores unknown members (forward compatibility) and refuses unknown manifests.
 */
public final class UserAccountEventCodec {
  /** The Pekko serializer identifier bound to this contract. */
  public static final int SERIALIZER_ID = 9001;

  public static final String CREATED_V1 = "UserAccountCreated.v1";
  public static final String RENAMED_V1 = "UserAccountRenamed.v1";
  public static final String DELETED_V1 = "UserAccountDeleted.v1";

  private static final DateTimeFormatter OCCURRED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private UserAccountEventCodec() {}

  /** The manifest (type and version) naming the bytes of {@code event}. */
  public static String manifest(UserAccountEvent event) {
    if (event instanceof UserAccountCreated) {
      return CREATED_V1;
    }
    return event instanceof UserAccountRenamed ? RENAMED_V1 : DELETED_V1;
  }

  /** The contract's bytes for {@code event}. */
  public static byte[] encode(UserAccountEvent event) {
    Json.ObjectWriter json = new Json.ObjectWriter()
        .string("eventId", event.eventId().value())
        .string("userAccountId", event.userAccountId().value());
    if (event instanceof UserAccountCreated created) {
      json.string("firstName", created.firstName().value())
          .string("lastName", created.lastName().value())
          .string("emailAddress", created.emailAddress().value());
    } else if (event instanceof UserAccountRenamed renamed) {
      json.string("firstName", renamed.firstName().value()).string("lastName", renamed.lastName().value());
    }
    json.string("occurredAt", formatInstant(event.occurredAt()));
    EventMetadata metadata = event.metadata();
    if (!metadata.isEmpty()) {
      json.object("metadata", m -> m.optionalString("correlationId", metadata.correlationId()));
    }
    return json.end().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the event that {@code bytes} hold under {@code manifest}.
   *
   * @throws EventDecodingException if the manifest is unknown or the bytes are not that event
   */
  public static UserAccountEvent decode(String manifest, byte[] bytes) {
    if (manifest == null) {
      throw new EventDecodingException("no manifest");
    }
    Function<Fields, UserAccountEvent> reader = switch (manifest) {
      case CREATED_V1 -> f -> new UserAccountCreated(
          f.eventId(), f.userAccountId(), f.read("firstName", FirstName::new), f.read("lastName", LastName::new),
          f.read("emailAddress", EmailAddress::new), f.occurredAt(), f.metadata());
      case RENAMED_V1 -> f -> new UserAccountRenamed(
          f.eventId(), f.userAccountId(), f.read("firstName", FirstName::new), f.read("lastName", LastName::new),
          f.occurredAt(), f.metadata());
      case DELETED_V1 -> f -> new UserAccountDeleted(f.eventId(), f.userAccountId(), f.occurredAt(), f.metadata());
      default -> throw new EventDecodingException("unknown manifest \"" + manifest + "\"");
    };
    Map<String, Object> object;
    try {
      object = Json.parseObject(utf8(bytes));
    } catch (Json.JsonSyntaxException e) {
      throw new EventDecodingException(manifest + ": not JSON: " + e.getMessage(), e);
    }
    return reader.apply(new Fields(manifest, object));
  }

  /** An instant in the contract's form: UTC, exactly three fraction digits. */
  public static String formatInstant(Instant instant) {
    return OCCURRED_AT.format(instant);
  }

  private static String utf8(byte[] bytes) {
    if (bytes == null) {
      throw new EventDecodingException("no bytes");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new EventDecodingException("not UTF-8", e);
    }
  }

  /** Typed access to the members of one event object, naming the member in every error. */
  private record Fields(String manifest, Map<String, Object> object) {
    String string(String name) {
      Object value = object.get(name);
      if (value == null) {
        throw new EventDecodingException(manifest + ": missing \"" + name + "\"");
      }
      if (!(value instanceof String s)) {
        throw new EventDecodingException(manifest + ": \"" + name + "\" is not a string");
      }
      return s;
    }

    <T> T read(String name, Function<String, T> constructor) {
      String raw = string(name);
      try {
        return constructor.apply(raw);
      } catch (IllegalArgumentException e) {
        throw new EventDecodingException(manifest + ": \"" + name + "\" is invalid: " + e.getMessage(), e);
      }
    }

    EventId eventId() {
      return read("eventId", EventId::new);
    }

    UserAccountId userAccountId() {
      return read("userAccountId", UserAccountId::new);
    }

    Instant occurredAt() {
      String raw = string("occurredAt");
      try {
        Instant instant = Instant.parse(raw);
        return UserAccountEvent.requireMillis(instant);
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new EventDecodingException(manifest + ": \"occurredAt\" is not an ISO-8601 UTC instant in milliseconds", e);
      }
    }

    EventMetadata metadata() {
      Object value = object.get("metadata");
      if (value == null || value == Json.NULL) {
        return EventMetadata.NONE;
      }
      if (!(value instanceof Map<?, ?> metadata)) {
        throw new EventDecodingException(manifest + ": \"metadata\" is not an object");
      }
      Object correlationId = metadata.get("correlationId");
      if (correlationId == null || correlationId == Json.NULL) {
        return EventMetadata.NONE;
      }
      if (!(correlationId instanceof String s)) {
        throw new EventDecodingException(manifest + ": \"metadata.correlationId\" is not a string");
      }
      return EventMetadata.ofCorrelationId(s);
    }
  }
}
