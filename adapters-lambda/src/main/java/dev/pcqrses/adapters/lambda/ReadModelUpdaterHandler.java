package dev.pcqrses.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItem;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItems;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.ReadModelTransactions;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.ports.service.UserAccountProjector;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-model updater of the AWS profile: DynamoDB Streams delivers the journal table's new
 * items; each event item is decoded with the event contract's codec and applied by the projector
 * in a transaction of its own. The first record that fails (poison, gap, database) is reported as
 * the batch item failure and nothing after it is applied: Lambda retries from there, and the
 * projector's sequence check makes the retry idempotent. No ActorSystem, no Pekko.
 */
public final class ReadModelUpdaterHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger log = LoggerFactory.getLogger(ReadModelUpdaterHandler.class);

  private final ReadModelTransactions transactions;

  /** The Lambda runtime's constructor: configuration from the environment (docs/configuration.md). */
  public ReadModelUpdaterHandler() {
    this(PostgresDataSources.create(
        DatabaseSettings.forApp(ConfigFactory.load(), "pcqrses.lambda"), "read-model-updater-lambda", null));
  }

  /** A handler on {@code dataSource} (tests, local harnesses). */
  public ReadModelUpdaterHandler(DataSource dataSource) {
    this.transactions = new ReadModelTransactions(dataSource);
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
    int applied = 0;
    for (DynamodbStreamRecord record : records) {
      String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
      try {
        Optional<String> failure = handle(record);
        if (failure.isPresent()) {
          log.warn("Record {} not applied, retrying from it: {}", sequenceNumber, failure.get());
          return failedAt(sequenceNumber);
        }
        applied++;
      } catch (RuntimeException e) {
        log.error("Record {} failed, retrying from it: {}", sequenceNumber, e.toString(), e);
        return failedAt(sequenceNumber);
      }
    }
    log.debug("Batch of {} record(s) handled", applied);
    return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
  }

  /** Empty when the record is done (applied, a duplicate, or nothing to apply); else why not. */
  private Optional<String> handle(DynamodbStreamRecord record) {
    if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null
        || record.getDynamodb().getNewImage() == null) {
      return Optional.empty(); // journal items are only ever inserted; REMOVE and MODIFY carry no new event
    }
    Optional<JournalItem> item = JournalItem.from(new StreamRecordAttributes(record.getDynamodb().getNewImage()));
    if (item.isEmpty()) {
      return Optional.empty(); // a sequence-number marker
    }
    Optional<JournalRecord> journalRecord = JournalItems.toRecord(item.get());
    if (journalRecord.isEmpty()) {
      return Optional.empty(); // another aggregate type's stream
    }
    ProjectionResult result = transactions.inTransaction(w -> new UserAccountProjector(w).project(journalRecord.get()));
    if (result instanceof ProjectionResult.Gap gap) {
      return Optional.of(journalRecord.get().persistenceId() + " expected sequence number " + gap.expected()
          + " but got " + gap.actual() + " (an earlier event is not applied yet)");
    }
    return Optional.empty();
  }

  private static StreamsEventResponse failedAt(String sequenceNumber) {
    return StreamsEventResponse.builder()
        .withBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
        .build();
  }
}
