package dev.pcqrses.adapters.lambda;

import dev.pcqrses.ports.contract.LogFields;
import java.util.function.Consumer;
import org.slf4j.MDC;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItem;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItems;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.ReadModelTransactions;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.ports.service.UserAccountProjector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-model updater of the AWS profile: DynamoDB Streams delivers the journal table's new
 * items; each event item is decoded with the event contract's codec and applied by the projector,
 * the batch in one transaction. The first record that fails (poison, gap, database) is reported as
 * the batch item failure; the records before it are applied and nothing after it is: Lambda retries
 * from there, and the projector's sequence check makes the retry idempotent. No ActorSystem, no
 * Pekko.
 */
public final class ReadModelUpdaterHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final Logger log = LoggerFactory.getLogger(ReadModelUpdaterHandler.class);

  private final ReadModelTransactions transactions;
  /** Where the Embedded Metric Format line of each batch goes (stdout in Lambda). */
  private final Consumer<String> metricsOut;

  /** The Lambda runtime's constructor: configuration from the environment (docs/configuration.md). */
  public ReadModelUpdaterHandler() {
    this(ConfigFactory.load());
  }

  private ReadModelUpdaterHandler(Config config) {
    this(PostgresDataSources.create(DatabaseSettings.forApp(config, "pcqrses.lambda"), "read-model-updater-lambda", null),
        config.getBoolean("pcqrses.lambda.prime-on-init"),
        config.getBoolean("pcqrses.lambda.metrics-enabled") ? System.out::println : line -> { });
  }

  /** A handler on {@code dataSource} (tests, local harnesses), not primed, writing no metrics. */
  public ReadModelUpdaterHandler(DataSource dataSource) {
    this(dataSource, false, line -> { });
  }

  /**
   * A handler on {@code dataSource}; with {@code prime}, it runs its whole path once right away
   * (see {@link #prime()}), so that the cost of loading the code falls in the function's init phase
   * (and into the snapshot, with SnapStart) instead of the first batch.
   */
  public ReadModelUpdaterHandler(DataSource dataSource, boolean prime) {
    this(dataSource, prime, line -> { });
  }

  /**
   * As {@link #ReadModelUpdaterHandler(DataSource, boolean)}, writing each batch's figures as one
   * CloudWatch Embedded Metric Format line to {@code metricsOut}.
   */
  public ReadModelUpdaterHandler(DataSource dataSource, boolean prime, Consumer<String> metricsOut) {
    this.transactions = new ReadModelTransactions(dataSource);
    this.metricsOut = metricsOut;
    if (prime) {
      prime();
    }
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    long start = System.nanoTime();
    List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
    // 1. Decode everything first: a poison record ends the batch before the database is touched.
    List<Optional<JournalRecord>> decoded = new ArrayList<>(records.size());
    Failure failure = null;
    for (int i = 0; i < records.size() && failure == null; i++) {
      try {
        decoded.add(decode(records.get(i)));
      } catch (RuntimeException e) {
        failure = new Failure(i, "cannot be decoded: " + e.getMessage(), e);
      }
    }
    Failure poison = failure;
    // 2. Apply what decoded, in order and in one transaction, up to the first gap.
    Committed committed = apply(decoded);
    failure = earliest(failure, committed.failure());
    int processed = failure == null ? records.size() : failure.index();
    int skipped = (int) decoded.subList(0, Math.min(processed, decoded.size())).stream().filter(Optional::isEmpty).count();
    new BatchMetrics(records.size(), committed.tally().applied, committed.tally().duplicates, skipped,
        failure != null && failure == poison ? 1 : 0, failure != null && failure != poison && failure.cause() == null ? 1 : 0,
        failure == null ? 0 : 1, (System.nanoTime() - start) / 1_000_000, committed.tally().maxLagMillis)
        .emit(metricsOut);
    if (failure == null) {
      return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
    String sequenceNumber = sequenceNumber(records.get(failure.index()));
    JournalRecord failed = failure.index() < decoded.size() ? decoded.get(failure.index()).orElse(null) : null;
    try (MDC.MDCCloseable c = MDC.putCloseable(LogFields.CORRELATION_ID,
            failed == null ? null : failed.event().metadata().correlationId());
        MDC.MDCCloseable a = MDC.putCloseable(LogFields.USER_ACCOUNT_ID,
            failed == null ? null : failed.event().userAccountId().value())) {
      if (failure.cause() == null) {
        log.warn("Record {} not applied, retrying from it: {}", sequenceNumber, failure.reason());
      } else {
        log.error("Record {} failed, retrying from it: {}", sequenceNumber, failure.reason(), failure.cause());
      }
    }
    return StreamsEventResponse.builder()
        .withBatchItemFailures(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
        .build();
  }

  /**
   * Decodes and applies {@link PrimingBatch} in a transaction that is always rolled back: every
   * class of the path is loaded and first run here (about a second on a cold JVM with C1 only,
   * docs/benchmarks.md), a connection is opened, and nothing is left behind. If the database is not
   * reachable, priming is skipped with a warning; the first batch then pays instead.
   */
  private void prime() {
    long start = System.nanoTime();
    try {
      List<Optional<JournalRecord>> decoded =
          PrimingBatch.records().stream().map(ReadModelUpdaterHandler::decode).toList();
      // The group path (every batch), then the one-by-one path (a batch that fails as a group).
      try {
        transactions.inTransaction(writer -> {
          throw new RollBackPriming(applyAsGroup(new UserAccountProjector(writer), decoded, new Tally()));
        });
      } catch (RollBackPriming rolledBack) {
        if (rolledBack.failure != null) {
          throw rolledBack;
        }
      }
      transactions.inTransaction(writer -> {
        throw new RollBackPriming(applyInOrder(new UserAccountProjector(writer), decoded, new Tally()));
      });
    } catch (RollBackPriming rolledBack) {
      if (rolledBack.failure != null) {
        log.warn("Priming applied only part of its batch ({}); nothing was kept", rolledBack.failure.reason());
      } else {
        log.info("Primed in {} ms (rolled back)", (System.nanoTime() - start) / 1_000_000);
      }
    } catch (RuntimeException e) {
      log.warn("Priming skipped, the first batch will load the code instead: {}", e.toString());
    }
  }

  /** Ends the priming transaction (rolling it back) and carries how far it got. */
  private static final class RollBackPriming extends RuntimeException {
    final transient Failure failure;

    RollBackPriming(Failure failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /** Why the record at {@code index} ends the batch (it and everything after it is retried). */
  private record Failure(int index, String reason, Throwable cause) {}

  /** What the committed transaction did. */
  private static final class Tally {
    int applied;
    int duplicates;
    long maxLagMillis;
  }

  /** The transaction that was committed: where it stopped (null: it applied everything), and its tally. */
  private record Committed(Failure failure, Tally tally) {}

  /**
   * Applies the decoded records (empty ones are skipped) in one transaction, stopping at a gap:
   * first as one group (the projector folds it per account and writes each account once). Should
   * that fail, the one-by-one path finds the failing record: see {@link #applyOneByOne}.
   */
  private Committed apply(List<Optional<JournalRecord>> decoded) {
    try {
      return transactions.inTransaction(writer -> {
        Tally tally = new Tally();
        return new Committed(applyAsGroup(new UserAccountProjector(writer), decoded, tally), tally);
      });
    } catch (RuntimeException groupFailed) {
      log.debug("The batch failed as a group ({}); applying it record by record", groupFailed.toString());
      return applyOneByOne(decoded);
    }
  }

  /**
   * Applies the decoded records one by one in one transaction, stopping at a gap. If the database
   * fails at record i, that transaction is rolled back and the records before i are applied again
   * in a new one, so the batch still moves forward up to the failing record.
   */
  private Committed applyOneByOne(List<Optional<JournalRecord>> decoded) {
    try {
      return transactions.inTransaction(writer -> {
        Tally tally = new Tally();
        return new Committed(applyInOrder(new UserAccountProjector(writer), decoded, tally), tally);
      });
    } catch (RecordFailedException e) {
      if (e.index == 0) {
        return new Committed(new Failure(0, e.getCause().toString(), e.getCause()), new Tally());
      }
      Committed again = applyOneByOne(decoded.subList(0, e.index));
      return again.failure() != null ? again
          : new Committed(new Failure(e.index, e.getCause().toString(), e.getCause()), again.tally());
    } catch (RuntimeException e) {
      return new Committed(new Failure(0, "the read-model transaction failed: " + e, e), new Tally());
    }
  }

  /** The group path: what {@link #applyInOrder} does, with one {@code projectAll} for the batch. */
  private static Failure applyAsGroup(UserAccountProjector projector, List<Optional<JournalRecord>> decoded,
      Tally tally) {
    List<JournalRecord> records = new ArrayList<>(decoded.size());
    List<Integer> indices = new ArrayList<>(decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      if (decoded.get(i).isPresent()) {
        records.add(decoded.get(i).get());
        indices.add(i);
      }
    }
    if (records.isEmpty()) {
      return null;
    }
    List<ProjectionResult> results = projector.projectAll(records);
    for (int k = 0; k < results.size(); k++) {
      JournalRecord record = records.get(k);
      try (MDC.MDCCloseable c = MDC.putCloseable(LogFields.CORRELATION_ID, record.event().metadata().correlationId());
          MDC.MDCCloseable a = MDC.putCloseable(LogFields.USER_ACCOUNT_ID, record.event().userAccountId().value());
          MDC.MDCCloseable e = MDC.putCloseable(LogFields.EVENT, record.event().getClass().getSimpleName())) {
        Failure gap = tallied(results.get(k), record, indices.get(k), tally);
        if (gap != null) {
          return gap;
        }
      }
    }
    return null;
  }

  /** Counts one record's result; a gap becomes the batch's failure at {@code index}. */
  private static Failure tallied(ProjectionResult result, JournalRecord record, int index, Tally tally) {
    if (result instanceof ProjectionResult.Gap gap) {
      return new Failure(index, record.persistenceId() + " expected sequence number " + gap.expected() + " but got "
          + gap.actual() + " (an earlier event is not applied yet)", null);
    }
    if (result instanceof ProjectionResult.Applied) {
      tally.applied++;
      tally.maxLagMillis = Math.max(tally.maxLagMillis,
          System.currentTimeMillis() - record.event().occurredAt().toEpochMilli());
      log.debug("Applied sequence number {}", record.sequenceNumber());
    } else {
      tally.duplicates++;
      log.debug("Sequence number {} was applied before", record.sequenceNumber());
    }
    return null;
  }

  private static Failure applyInOrder(UserAccountProjector projector, List<Optional<JournalRecord>> decoded,
      Tally tally) {
    for (int i = 0; i < decoded.size(); i++) {
      if (decoded.get(i).isEmpty()) {
        continue;
      }
      JournalRecord record = decoded.get(i).get();
      // The write side's correlation id (from the event's metadata) on this record's lines.
      try (MDC.MDCCloseable c = MDC.putCloseable(LogFields.CORRELATION_ID, record.event().metadata().correlationId());
          MDC.MDCCloseable a = MDC.putCloseable(LogFields.USER_ACCOUNT_ID, record.event().userAccountId().value());
          MDC.MDCCloseable e = MDC.putCloseable(LogFields.EVENT, record.event().getClass().getSimpleName())) {
        ProjectionResult result;
        try {
          result = projector.project(record);
        } catch (RuntimeException failure) {
          throw new RecordFailedException(i, failure);
        }
        Failure gap = tallied(result, record, i, tally);
        if (gap != null) {
          return gap;
        }
      }
    }
    return null;
  }

  /** The record in a stream record, or empty when there is nothing to apply. */
  private static Optional<JournalRecord> decode(DynamodbStreamRecord record) {
    if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null
        || record.getDynamodb().getNewImage() == null) {
      return Optional.empty(); // journal items are only ever inserted; REMOVE and MODIFY carry no new event
    }
    Optional<JournalItem> item = JournalItem.from(new StreamRecordAttributes(record.getDynamodb().getNewImage()));
    return item.isEmpty() ? Optional.empty() : JournalItems.toRecord(item.get()); // empty: a marker, another type
  }

  private static Failure earliest(Failure a, Failure b) {
    if (a == null) {
      return b;
    }
    return b == null || a.index() <= b.index() ? a : b;
  }

  private static String sequenceNumber(DynamodbStreamRecord record) {
    return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
  }

  /** A record's projection threw; the transaction is rolled back. */
  private static final class RecordFailedException extends RuntimeException {
    final int index;

    RecordFailedException(int index, RuntimeException cause) {
      super(cause);
      this.index = index;
    }
  }

}
