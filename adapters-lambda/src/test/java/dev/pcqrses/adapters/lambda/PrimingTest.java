package dev.pcqrses.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Priming during init runs the whole write path against the database and leaves nothing behind. */
class PrimingTest {

  @Test
  void priming_writes_the_synthetic_account_on_both_paths_and_keeps_none_of_it() throws Exception {
    // A sequence is not transactional: the trigger's nextval calls survive the rollback and count the writes.
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE priming_writes");
      s.execute("CREATE FUNCTION count_priming_writes() RETURNS trigger AS $$ BEGIN "
          + "IF NEW.id = '" + PrimingBatch.ACCOUNT.value() + "' THEN PERFORM nextval('priming_writes'); END IF; "
          + "RETURN NEW; END $$ LANGUAGE plpgsql");
      s.execute("CREATE TRIGGER count_priming_writes BEFORE INSERT OR UPDATE ON user_accounts "
          + "FOR EACH ROW EXECUTE FUNCTION count_priming_writes()");
    }
    try {
      ReadModelUpdaterHandler handler = new ReadModelUpdaterHandler(SharedPostgres.get().dataSource(), true);

      try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM priming_writes")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(2)).as("priming wrote").isTrue();
        assertThat(rs.getLong(1)).as("the group's one insert, then insert, rename, delete one by one").isEqualTo(4);
      }
      assertThat(ReadModelState.of(PrimingBatch.ACCOUNT.value())).as("rolled back").isEmpty();

      UserAccountId id = new UserAccountId(UlidCreator.getMonotonicUlid().toString());
      assertThat(handler.handleRequest(batchCreating(id), null).getBatchItemFailures()).isEmpty();
      assertThat(ReadModelState.of(id.value())).isPresent();
    } finally {
      try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER IF EXISTS count_priming_writes ON user_accounts");
        s.execute("DROP FUNCTION IF EXISTS count_priming_writes()");
        s.execute("DROP SEQUENCE IF EXISTS priming_writes");
      }
    }
  }

  @Test
  void without_a_database_priming_is_skipped_and_the_first_batch_reports_its_first_record() throws Exception {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    try (ServerSocket closed = new ServerSocket(0)) {
      nowhere.setServerNames(new String[] {"127.0.0.1"});
      nowhere.setPortNumbers(new int[] {closed.getLocalPort()});
    }
    nowhere.setConnectTimeout(2);

    ReadModelUpdaterHandler handler = new ReadModelUpdaterHandler(nowhere, true);

    StreamsEventResponse response =
        handler.handleRequest(batchCreating(new UserAccountId(UlidCreator.getMonotonicUlid().toString())), null);
    assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("1");
  }

  private static DynamodbEvent batchCreating(UserAccountId id) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(StreamRecords.insert(new UserAccountCreated(
        new EventId(UlidCreator.getMonotonicUlid().toString()), id, new FirstName("After"), new LastName("Priming"),
        new EmailAddress("p@example.com"), Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.NONE), 1, "1")));
    return event;
  }
}
