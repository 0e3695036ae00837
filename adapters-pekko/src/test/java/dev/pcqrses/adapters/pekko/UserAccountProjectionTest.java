package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pcqrses.adapters.pekko.projection.ProjectionSettings;
import dev.pcqrses.adapters.pekko.projection.UserAccountProjection;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.postgres.JooqReadModelReader;
import dev.pcqrses.adapters.postgres.JooqReadModelWriter;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectionResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import dev.pcqrses.ports.service.UserAccountProjector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Journal → eventsByTag → Pekko Projection (exactly-once, offsets in PostgreSQL) → read model. */
class UserAccountProjectionTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();
  static final int SLICES = 2;
  static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
  static ActorSystem<Void> system;
  static CommandPort accounts;
  static JooqReadModelReader reader;

  @BeforeAll
  static void start() throws Exception {
    // Other test classes of this JVM journal tagged events into the same database, maybe a minute
    // ago: untag them, so that this projection sees only its own events and their lag (below).
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); var s = c.createStatement()) {
      s.execute("DELETE FROM event_tag");
    }
    system = TestPekko.start("projection-test", "pcqrses.user-account.tag-slices = " + SLICES);
    accounts = ShardedUserAccounts.init(system,
        UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(10)), IDS, Clock.systemUTC(), new SimpleMeterRegistry());
    SharedPostgres pg = SharedPostgres.get();
    UserAccountProjection.init(system, SLICES, ProjectionSettings.fromConfig(system.settings().config()),
        pg.dataSource(), (Connection c) -> new UserAccountProjector(new JooqReadModelWriter(c)), METRICS);
    reader = new JooqReadModelReader(pg.dataSource());
  }

  @AfterAll
  static void stop() {
    TestPekko.stop(system);
  }

  static CommandOutcome send(UserAccountCommand command) {
    return accounts.submit(command, EventMetadata.NONE).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void every_accepted_command_reaches_the_read_model_once_through_every_slice() throws Exception {
    List<UserAccountId> ids = new ArrayList<>();
    List<CompletableFuture<CommandOutcome>> creates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UserAccountId id = IDS.newUserAccountId();
      ids.add(id);
      creates.add(accounts.submit(new UserAccountCommand.CreateUserAccount(id, new FirstName("P" + i),
          new LastName("Q"), new EmailAddress("p" + i + "@example.com")), EventMetadata.NONE).toCompletableFuture());
    }
    CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    UserAccountId renamed = ids.get(0);
    UserAccountId deleted = ids.get(1);
    send(new UserAccountCommand.RenameUserAccount(renamed, new FirstName("Renamed"), new LastName("Q")));
    send(new UserAccountCommand.DeleteUserAccount(deleted));

    await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
      assertThat(reader.findById(renamed)).hasValueSatisfying(v -> assertThat(v.firstName()).isEqualTo("Renamed"));
      assertThat(reader.findById(deleted)).isEmpty();
      for (UserAccountId id : ids.subList(2, ids.size())) {
        assertThat(reader.findById(id)).as(id.value()).isPresent();
      }
    });
    // Both slices carried events, each stored its offset, and nothing was applied twice.
    assertThat(offsetKeys()).containsExactlyInAnyOrder("user-account-0", "user-account-1");
    assertThat(METRICS.find("pcqrses.projection.events").tag("result", "duplicate").counters())
        .allSatisfy(c -> assertThat(c.count()).isZero());
    assertThat(METRICS.find("pcqrses.projection.events").tag("result", "applied").counters().stream()
        .mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(42);
    // Lag is recorded for every applied event: now − occurredAt, so positive and below the wait above.
    assertThat(METRICS.find("pcqrses.projection.lag").timers().stream().mapToLong(t -> t.count()).sum())
        .isGreaterThanOrEqualTo(42);
    assertThat(METRICS.find("pcqrses.projection.lag").timers())
        .allSatisfy(t -> assertThat(t.max(TimeUnit.SECONDS)).isLessThan(30));
  }

  @Test
  void lines_about_an_applied_event_carry_the_correlation_id_of_the_request_that_wrote_it() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "dev.pcqrses.adapters.pekko.projection.UserAccountProjectionHandler");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    logger.addAppender(lines);
    try {
      UserAccountId id = IDS.newUserAccountId();
      accounts.submit(new UserAccountCommand.CreateUserAccount(id, new FirstName("Cor"), new LastName("Rel"),
          new EmailAddress("cor.rel@example.com")), EventMetadata.ofCorrelationId("corr-projection"))
          .toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
      await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(List.copyOf(lines.list))
          .anySatisfy(e -> assertThat(e.getMDCPropertyMap())
              .containsEntry("correlation_id", "corr-projection")
              .containsEntry("user_account_id", id.value())
              .containsEntry("event", "UserAccountCreated")));
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(null);
    }
  }

  @Test
  void an_event_already_in_the_read_model_is_counted_a_duplicate_and_one_that_skips_ahead_a_gap_until_filled()
      throws Exception {
    UserAccountId id = IDS.newUserAccountId();
    UserAccountCreated created = new UserAccountCreated(new EventId(IDS.newUserAccountId().value()), id,
        new FirstName("Dup"), new LastName("Licate"), new EmailAddress("dup@example.com"),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.NONE);
    // Another delivery applied sequence number 1 already: the projection's copy is a duplicate.
    projectDirectly(new JournalRecord(id.persistenceId(), 1, created));
    double duplicatesBefore = count("duplicate");
    send(new UserAccountCommand.CreateUserAccount(id, new FirstName("Dup"), new LastName("Licate"),
        new EmailAddress("dup@example.com")));
    await().atMost(30, TimeUnit.SECONDS).until(() -> count("duplicate") > duplicatesBefore);

    // The row is lost (say, restored from an older backup): the next event is a gap, not applied,
    // and retried from the stored offset until sequence number 1 is there again.
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM user_accounts WHERE id = '" + id.value() + "'");
    }
    double gapsBefore = count("gap");
    send(new UserAccountCommand.RenameUserAccount(id, new FirstName("Gap"), new LastName("Filled")));
    await().atMost(30, TimeUnit.SECONDS).until(() -> count("gap") > gapsBefore);
    assertThat(reader.findById(id)).isEmpty();
    projectDirectly(new JournalRecord(id.persistenceId(), 1, created));
    await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(reader.findById(id)).hasValueSatisfying(v -> assertThat(v.firstName()).isEqualTo("Gap")));
  }

  private static void projectDirectly(JournalRecord record) throws Exception {
    try (Connection c = SharedPostgres.get().dataSource().getConnection()) {
      c.setAutoCommit(false);
      assertThat(new UserAccountProjector(new JooqReadModelWriter(c)).project(record))
          .isInstanceOf(ProjectionResult.Applied.class);
      c.commit();
    }
  }

  private static double count(String result) {
    return METRICS.find("pcqrses.projection.events").tag("result", result).counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  private static List<String> offsetKeys() throws Exception {
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT projection_key FROM pekko_projection_offset_store WHERE projection_name = 'user-accounts'")) {
      List<String> keys = new ArrayList<>();
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
      return keys;
    }
  }
}
