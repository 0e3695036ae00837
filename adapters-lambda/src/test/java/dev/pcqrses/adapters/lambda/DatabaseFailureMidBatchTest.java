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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database refuses one record in the middle of a batch (here a trigger raises for one name):
 * the records before it are applied, it is reported, and nothing after it is applied.
 */
class DatabaseFailureMidBatchTest {

  @Test
  void the_records_before_a_database_failure_are_kept_and_the_failing_one_is_reported() throws Exception {
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN "
          + "IF NEW.first_name = 'TriggerBoom' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
          + "RETURN NEW; END $$ LANGUAGE plpgsql");
      s.execute("CREATE TRIGGER refuse_boom BEFORE INSERT ON user_accounts FOR EACH ROW EXECUTE FUNCTION refuse_boom()");
    }
    try {
      UserAccountId before = newId();
      UserAccountId boom = newId();
      UserAccountId after = newId();
      DynamodbEvent event = new DynamodbEvent();
      event.setRecords(List.of(created(before, "Before", "10"), created(boom, "TriggerBoom", "11"),
          created(after, "After", "12")));

      StreamsEventResponse response = new ReadModelUpdaterHandler(SharedPostgres.get().dataSource())
          .handleRequest(event, null);

      assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
          .containsExactly("11");
      assertThat(ReadModelState.of(before.value())).isPresent();
      assertThat(ReadModelState.of(boom.value())).isEmpty();
      assertThat(ReadModelState.of(after.value())).as("nothing after the failure").isEmpty();
    } finally {
      try (Connection c = SharedPostgres.get().dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER IF EXISTS refuse_boom ON user_accounts");
        s.execute("DROP FUNCTION IF EXISTS refuse_boom()");
      }
    }
  }

  private static UserAccountId newId() {
    return new UserAccountId(UlidCreator.getMonotonicUlid().toString());
  }

  private static DynamodbEvent.DynamodbStreamRecord created(UserAccountId id, String first, String streamSeq) {
    return StreamRecords.insert(new UserAccountCreated(new EventId(UlidCreator.getMonotonicUlid().toString()), id,
        new FirstName(first), new LastName("Batch"), new EmailAddress("b@example.com"),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.NONE), 1, streamSeq);
  }
}
