package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.pekko.metrics.ClusterMeters;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the entity tells operators, on the real JDBC journal: command, persistence, mailbox,
 * sharding and cluster meters, and log lines that carry the request's fields on every hop.
 */
class EntityObservabilityTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();
  static ActorSystem<Void> system;
  static CommandPort accounts;
  static final MeterRegistry registry = new SimpleMeterRegistry();
  static final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  static final List<Logger> captured = List.of(
      (Logger) LoggerFactory.getLogger(UserAccountEntity.class), (Logger) LoggerFactory.getLogger(ShardedUserAccounts.class));

  @BeforeAll
  static void start() {
    system = TestPekko.start("observability-test", "pcqrses.user-account.tag-slices = 2\n"
        + "pcqrses.user-account.snapshot-every = 2\npcqrses.metrics.sharding-sample-interval = 200ms");
    UserAccountSettings settings = UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(10));
    assertThat(settings.instrumentedMailbox()).isTrue();
    accounts = ShardedUserAccounts.init(system, settings, IDS, Clock.systemUTC(), registry);
    ClusterMeters.bind(system, registry);
    lines.start();
    for (Logger logger : captured) {
      logger.setLevel(Level.DEBUG);
      logger.addAppender(lines);
    }
  }

  @AfterAll
  static void stop() {
    for (Logger logger : captured) {
      logger.detachAppender(lines);
      logger.setLevel(null);
    }
    TestPekko.stop(system);
  }

  static CommandOutcome send(UserAccountCommand command, String correlationId) {
    return accounts.submit(command, EventMetadata.ofCorrelationId(correlationId)).toCompletableFuture()
        .orTimeout(20, TimeUnit.SECONDS).join();
  }

  static UserAccountCommand create(UserAccountId id) {
    return new UserAccountCommand.CreateUserAccount(id, new FirstName("Ann"), new LastName("Meter"),
        new EmailAddress("ann.meter@example.com"));
  }

  static UserAccountCommand rename(UserAccountId id, String first) {
    return new UserAccountCommand.RenameUserAccount(id, new FirstName(first), new LastName("Meter"));
  }

  double commands(String command, String outcome) {
    return registry.get("pcqrses.commands").tag("command", command).tag("outcome", outcome).timer().count();
  }

  @Test
  void commands_persistence_and_mailbox_are_measured() {
    double createdBefore = commands("create", "accepted");
    double renamedBefore = commands("rename", "accepted");
    double rejectedBefore = commands("rename", "rejected");
    double eventsBefore = registry.get("pcqrses.persistence.events").tag("event", "UserAccountRenamed").counter().count();
    long persistsBefore = registry.get("pcqrses.persistence.persist").timer().count();
    long mailboxBefore = registry.get("pcqrses.actor.mailbox.time").timer().count();
    double persistFailuresBefore = failures("persist_failed");

    UserAccountId id = IDS.newUserAccountId();
    assertThat(send(create(id), "m-1")).isInstanceOf(CommandOutcome.Accepted.class);
    assertThat(send(rename(id, "Bea"), "m-2")).isInstanceOf(CommandOutcome.Accepted.class);
    assertThat(send(rename(id, "Cid"), "m-3")).isInstanceOf(CommandOutcome.Accepted.class);
    assertThat(send(rename(IDS.newUserAccountId(), "Nobody"), "m-4")).isInstanceOf(CommandOutcome.Rejected.class);

    assertThat(commands("create", "accepted") - createdBefore).isEqualTo(1);
    assertThat(commands("rename", "accepted") - renamedBefore).isEqualTo(2);
    assertThat(commands("rename", "rejected") - rejectedBefore).isEqualTo(1);
    assertThat(registry.get("pcqrses.persistence.events").tag("event", "UserAccountRenamed").counter().count()
        - eventsBefore).isEqualTo(2);
    assertThat(registry.get("pcqrses.persistence.persist").timer().count() - persistsBefore).isEqualTo(3);
    // Every command passed through an instrumented mailbox; none is left waiting.
    assertThat(registry.get("pcqrses.actor.mailbox.time").timer().count() - mailboxBefore).isGreaterThanOrEqualTo(4);
    Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(registry.get("pcqrses.actor.mailbox.messages").gauge().value()).isZero());
    // Two entities started (the second one for the rejected rename) and recovered.
    assertThat(registry.get("pcqrses.persistence.recovery").timer().count()).isGreaterThanOrEqualTo(2);
    // snapshot-every = 2: the rename at sequence number 2 triggered one.
    Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(registry.get("pcqrses.persistence.snapshot").timer().count()).isGreaterThanOrEqualTo(1));
    assertThat(failures("persist_failed")).isEqualTo(persistFailuresBefore);
  }

  @Test
  void a_journal_write_that_fails_is_counted_and_the_entity_works_again_afterwards() throws Exception {
    UserAccountId id = IDS.newUserAccountId();
    double before = failures("persist_failed");
    // A real failure from the real database: a trigger refuses this account's journal rows.
    try (java.sql.Connection c = SharedPostgres.get().dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE FUNCTION pcqrses_test_refuse() RETURNS trigger AS $$ BEGIN "
          + "IF NEW.persistence_id = '" + id.persistenceId() + "' THEN RAISE EXCEPTION 'refused by test'; END IF; "
          + "RETURN NEW; END $$ LANGUAGE plpgsql");
      s.execute("CREATE TRIGGER pcqrses_test_refuse BEFORE INSERT ON event_journal FOR EACH ROW "
          + "EXECUTE FUNCTION pcqrses_test_refuse()");
    }
    try {
      accounts.submit(create(id), EventMetadata.NONE); // its answer is a timeout: the entity restarts
      Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> failures("persist_failed") > before);
    } finally {
      try (java.sql.Connection c = SharedPostgres.get().dataSource().getConnection();
          java.sql.Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER IF EXISTS pcqrses_test_refuse ON event_journal");
      }
    }
    // After its back-off the entity recovers from the journal (nothing was written) and accepts.
    Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(send(create(id), "after-failure")).isInstanceOf(CommandOutcome.Accepted.class));
  }

  private static double failures(String kind) {
    return registry.get("pcqrses.persistence.failures").tag("kind", kind).counter().count();
  }

  @Test
  void sharding_and_cluster_are_measured() {
    send(create(IDS.newUserAccountId()), "s-1");
    Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
      assertThat(registry.get("pcqrses.sharding.entities").gauge().value()).isGreaterThanOrEqualTo(1);
      assertThat(registry.get("pcqrses.sharding.shards").gauge().value()).isGreaterThanOrEqualTo(1);
    });
    assertThat(registry.get("pcqrses.cluster.members").tag("status", "up").gauge().value()).isEqualTo(1);
    assertThat(registry.get("pcqrses.cluster.members").tag("status", "weakly_up").gauge().value()).isZero();
    assertThat(registry.get("pcqrses.cluster.unreachable.members").gauge().value()).isZero();
    assertThat(registry.get("pcqrses.sharding.shard.handoffs").counter().count()).isZero();
  }

  @Test
  void every_line_of_a_command_carries_its_fields_and_none_leaks_into_the_next() {
    UserAccountId id = IDS.newUserAccountId();
    send(create(id), "corr-entity-1");
    UserAccountId other = IDS.newUserAccountId();
    send(create(other), null);

    List<ILoggingEvent> first = linesAbout(id);
    // The ask (caller thread), the entity's decision, the journal callback, the reply (dispatcher thread).
    assertThat(first).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.startsWith("Asking account"))
        .anyMatch(m -> m.startsWith("Command create accepted"))
        .anyMatch(m -> m.startsWith("Persisted sequence numbers"))
        .anyMatch(m -> m.startsWith("Reply: Accepted"));
    assertThat(first)
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap())
            .containsEntry("correlation_id", "corr-entity-1")
            .containsEntry("command", "create"));
    assertThat(first).filteredOn(e -> e.getLoggerName().equals(UserAccountEntity.class.getName()))
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap().get("actor_path")).contains(id.value()));
    assertThat(org.slf4j.MDC.getCopyOfContextMap()).as("the caller's MDC afterwards").isNullOrEmpty();
    assertThat(linesAbout(other)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKey("correlation_id"));
  }

  private static List<ILoggingEvent> linesAbout(UserAccountId id) {
    Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() ->
        List.copyOf(lines.list).stream().anyMatch(e -> e.getFormattedMessage().startsWith("Reply")
            && id.value().equals(e.getMDCPropertyMap().get("user_account_id"))));
    return List.copyOf(lines.list).stream()
        .filter(e -> id.value().equals(e.getMDCPropertyMap().get("user_account_id"))
            || e.getFormattedMessage().contains(id.value()))
        .toList();
  }
}
