package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountState;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serializers as Pekko finds and uses them through its bindings (not called directly). */
class SerializersTest {
  static ActorSystem<Void> system;
  static Serialization serialization;

  static final UserAccountId ID = new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA");
  static final UserAccount ACCOUNT = new UserAccount(ID, new FirstName("太郎"), new LastName("山田"),
      new EmailAddress("yamada@example.com"), Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T10:00:01.5Z"));

  @BeforeAll
  static void start() {
    // No cluster needed: serialization only.
    system = ActorSystem.create(Behaviors.empty(), "serializers",
        TestPekko.config("pekko.actor.provider = local"));
    serialization = SerializationExtension.get(Adapter.toClassic(system));
  }

  @AfterAll
  static void stop() {
    TestPekko.stop(system);
  }

  @Test
  void events_use_the_contract_serializer_9001_with_versioned_manifests() throws Exception {
    UserAccountEvent event = new UserAccountCreated(new EventId("01KBN7R0000000000000000001"), ID, ACCOUNT.firstName(),
        ACCOUNT.lastName(), ACCOUNT.emailAddress(), ACCOUNT.createdAt(), EventMetadata.ofCorrelationId("c-1"));
    Serializer serializer = serialization.findSerializerFor(event);
    assertThat(serializer.identifier()).isEqualTo(9001);
    assertThat(Serializers.manifestFor(serializer, event)).isEqualTo("UserAccountCreated.v1");
    byte[] bytes = serialization.serialize(event).get();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"eventId\":\"01KBN7R0000000000000000001\"");
    assertThat(serialization.deserialize(bytes, 9001, "UserAccountCreated.v1").get()).isEqualTo(event);

    UserAccountEvent deleted = new UserAccountDeleted(new EventId("01KBN7R0000000000000000002"), ID,
        Instant.parse("2026-12-03T10:05:00Z"), EventMetadata.NONE);
    assertThat(Serializers.manifestFor(serialization.findSerializerFor(deleted), deleted)).isEqualTo("UserAccountDeleted.v1");
  }

  @Test
  void an_unknown_event_manifest_is_refused() {
    assertThat(serialization.deserialize("{}".getBytes(StandardCharsets.UTF_8), 9001, "UserAccountCreated.v9").isFailure())
        .isTrue();
    assertThat(serialization.deserialize("{}".getBytes(StandardCharsets.UTF_8), 9001, "UserAccountCreated.v9").failed().get())
        .isInstanceOf(NotSerializableException.class);
  }

  @Test
  void snapshots_round_trip_as_versioned_json() {
    for (UserAccountState state : List.of(new UserAccountState.Active(ACCOUNT),
        new UserAccountState.Deleted(ACCOUNT, Instant.parse("2026-12-04T00:00:00.001Z")))) {
      Serializer serializer = serialization.findSerializerFor(state);
      assertThat(serializer.identifier()).isEqualTo(9002);
      byte[] bytes = serialization.serialize(state).get();
      assertThat(serialization.deserialize(bytes, 9002, "UserAccountState.v1").get()).isEqualTo(state);
    }
    assertThatThrownBy(() -> serialization.deserialize(new byte[0], 9002, "UserAccountState.v0").get())
        .isInstanceOf(NotSerializableException.class);
  }

  @Test
  void commands_and_outcomes_that_cross_nodes_round_trip_through_serializer_9003() {
    // A multi-node cluster sends commands to the entity's node and the outcome back; Java
    // serialization is off, so without this binding a command to another node would fail.
    org.apache.pekko.actor.typed.ActorRef<dev.pcqrses.ports.in.CommandOutcome> replyTo = system.systemActorOf(
        Behaviors.<dev.pcqrses.ports.in.CommandOutcome>ignore(), "reply-probe", org.apache.pekko.actor.typed.Props.empty());
    List<Object> messages = List.of(
        new dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity.Execute(
            new dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount(ID, ACCOUNT.firstName(),
                ACCOUNT.lastName(), ACCOUNT.emailAddress()), EventMetadata.ofCorrelationId("c-9"), replyTo),
        new dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity.Execute(
            new dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount(ID, new FirstName("Ann"),
                new LastName("Lee")), EventMetadata.NONE, replyTo),
        new dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity.Execute(
            new dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount(ID), EventMetadata.NONE, replyTo),
        dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity.Stop.INSTANCE,
        new dev.pcqrses.ports.in.CommandOutcome.Accepted(ID),
        new dev.pcqrses.ports.in.CommandOutcome.Invalid(List.of(new dev.pcqrses.domain.Violation("firstName", "too long"))),
        new dev.pcqrses.ports.in.CommandOutcome.Rejected(new dev.pcqrses.domain.useraccount.UserAccountError.AlreadyDeleted(ID)),
        new dev.pcqrses.ports.in.CommandOutcome.Rejected(new dev.pcqrses.domain.useraccount.UserAccountError.NotFound(ID)),
        new dev.pcqrses.ports.in.CommandOutcome.Rejected(new dev.pcqrses.domain.useraccount.UserAccountError.AlreadyExists(ID)),
        new dev.pcqrses.ports.in.CommandOutcome.Unavailable("no reply"));
    for (Object message : messages) {
      Serializer serializer = serialization.findSerializerFor(message);
      assertThat(serializer.identifier()).as(message.toString()).isEqualTo(9003);
      byte[] bytes = serialization.serialize(message).get();
      assertThat(serialization.deserialize(bytes, 9003, Serializers.manifestFor(serializer, message)).get())
          .isEqualTo(message);
    }
    assertThatThrownBy(() -> serialization.deserialize("{}".getBytes(StandardCharsets.UTF_8), 9003, "Execute.v0").get())
        .isInstanceOf(NotSerializableException.class);
  }
}
