package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pcqrses.adapters.pekko.projection.ProjectionSettings;
import dev.pcqrses.adapters.pekko.projection.UserAccountProjection;
import dev.pcqrses.adapters.pekko.runtime.JournalDatabase;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.postgres.EmbeddedPostgresServer;
import dev.pcqrses.adapters.postgres.JooqReadModelReader;
import dev.pcqrses.adapters.postgres.JooqReadModelWriter;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.service.UserAccountProjector;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;

/**
 * No JDBC statement runs on a thread of Pekko's default dispatcher: every byte sent to PostgreSQL,
 * by the journal, the projection or a readiness probe, is sent from a thread of a pool meant to
 * block (witnessed by the driver's socket, {@link ThreadRecordingSocketFactory}).
 */
class BlockingWorkPlacementTest {
  @Test
  void database_work_never_runs_on_the_default_dispatcher() throws Exception {
    String url = SharedPostgres.get().jdbcUrl() + "?socketFactory=" + ThreadRecordingSocketFactory.class.getName();
    ThreadRecordingSocketFactory.clear();
    ActorSystem<Void> system = PekkoRuntime.start("placement-test",
        TestPekko.config("pcqrses.user-account.tag-slices = 2"),
        new JournalDatabase(url, EmbeddedPostgresServer.USER, "", 4, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    HikariDataSource readModel = PostgresDataSources.create(
        SharedPostgres.get().settings().withConnection(url, EmbeddedPostgresServer.USER, ""), "placement-test", null);
    try {
      await().atMost(20, TimeUnit.SECONDS).until(() -> PekkoHealth.clusterMemberUp(system));
      var accounts = ShardedUserAccounts.init(system,
          UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(10)), new UlidIdGenerator(),
          Clock.systemUTC(), new SimpleMeterRegistry());
      UserAccountProjection.init(system, 2, ProjectionSettings.fromConfig(system.settings().config()), readModel,
          (Connection c) -> new UserAccountProjector(new JooqReadModelWriter(c)), new SimpleMeterRegistry());
      List<UserAccountId> ids = new ArrayList<>();
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        UserAccountId id = new UlidIdGenerator().newUserAccountId();
        ids.add(id);
        sent.add(accounts.submit(new UserAccountCommand.CreateUserAccount(id, new FirstName("Thread"),
            new LastName("Place" + i), new EmailAddress("t" + i + "@example.com")), EventMetadata.NONE).toCompletableFuture());
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      JooqReadModelReader reader = new JooqReadModelReader(SharedPostgres.get().dataSource());
      await().atMost(30, TimeUnit.SECONDS).until(() -> ids.stream().allMatch(id -> reader.findById(id).isPresent()));
      PekkoHealth.journalAnswers(system, org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal.Identifier(),
          Duration.ofSeconds(5));

      // The witness saw the projection's transactions on the blocking dispatcher...
      assertThat(ThreadRecordingSocketFactory.WRITERS).anyMatch(name -> name.contains("blocking-io-dispatcher"));
      // ...and nothing at all on the default dispatcher.
      assertThat(ThreadRecordingSocketFactory.WRITERS).as("threads that sent statements to PostgreSQL")
          .noneMatch(name -> name.contains("default-dispatcher"));
    } finally {
      TestPekko.stop(system);
      readModel.close();
    }
  }
}
