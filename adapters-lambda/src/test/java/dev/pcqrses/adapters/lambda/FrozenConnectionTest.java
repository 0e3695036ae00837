package dev.pcqrses.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.github.f4b6a3.ulid.UlidCreator;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lambda freezes a function between invocations; the database may close idle connections
 * meanwhile. The next batch must not fail because the pool hands out a dead connection.
 */
class FrozenConnectionTest {

  @Test
  void a_connection_closed_by_the_server_during_a_freeze_does_not_fail_the_next_batch() throws Exception {
    SharedPostgres pg = SharedPostgres.get();
    DatabaseSettings settings = DatabaseSettings.forApp(
            ConfigFactory.parseString("pcqrses.lambda.database-pool { maximum-size = 2, minimum-idle = 0 }")
                .withFallback(ConfigFactory.defaultReference()), "pcqrses.lambda")
        .withConnection(pg.jdbcUrl(), "postgres", "");
    try (HikariDataSource pool = PostgresDataSources.create(settings, "frozen-lambda", null)) {
      ReadModelUpdaterHandler handler = new ReadModelUpdaterHandler(pool);
      assertThat(handler.handleRequest(batchCreating(newId()), null).getBatchItemFailures()).isEmpty();
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();

      // The server closes the function's connections (idle timeout, failover, proxy cut-off).
      try (Connection admin = pg.dataSource().getConnection(); Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'frozen-lambda'");
      }
      await().atMost(10, TimeUnit.SECONDS).until(() -> countBackends(pg) == 0);
      // The freeze itself: time passes with the function doing nothing (longer than the pool's
      // 500 ms window in which a recently used connection is handed out unchecked).
      Thread.sleep(1_000);

      UserAccountId next = newId();
      assertThat(handler.handleRequest(batchCreating(next), null).getBatchItemFailures()).isEmpty();
      assertThat(ReadModelState.of(next.value())).isPresent();
    }
  }

  private static long countBackends(SharedPostgres pg) throws Exception {
    try (Connection admin = pg.dataSource().getConnection(); Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frozen-lambda'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static UserAccountId newId() {
    return new UserAccountId(UlidCreator.getMonotonicUlid().toString());
  }

  private static DynamodbEvent batchCreating(UserAccountId id) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(StreamRecords.insert(new UserAccountCreated(new EventId(UlidCreator.getMonotonicUlid().toString()),
        id, new FirstName("Frozen"), new LastName("Lambda"), new EmailAddress("f@example.com"),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.NONE), 1, "1")));
    return event;
  }
}
