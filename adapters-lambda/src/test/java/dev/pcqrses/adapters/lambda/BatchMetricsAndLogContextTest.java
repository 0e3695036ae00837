package dev.pcqrses.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The handler's CloudWatch Embedded Metric Format line per batch, and the write side's correlation
 * id on its log lines, against a real PostgreSQL.
 */
class BatchMetricsAndLogContextTest {
  static final ObjectMapper JSON = new ObjectMapper();

  final List<String> emf = new ArrayList<>();
  final ReadModelUpdaterHandler handler = new ReadModelUpdaterHandler(SharedPostgres.get().dataSource(), false, emf::add);
  final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(ReadModelUpdaterHandler.class);
  Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(levelBefore);
  }

  @Test
  void a_batch_writes_one_emf_line_whose_declared_metrics_all_have_values() throws Exception {
    UserAccountId id = newId();
    DynamodbEvent.DynamodbStreamRecord modify = StreamRecords.renamed(id.value(), 2, "Ann", "Mod", "9");
    modify.setEventName("MODIFY");
    handle(created(id, "corr-emf", "1"), StreamRecords.renamed(id.value(), 2, "Ann", "Two", "2"),
        StreamRecords.renamed(id.value(), 2, "Ann", "Again", "3"), modify);

    assertThat(emf).hasSize(1);
    JsonNode line = JSON.readTree(emf.get(0));
    JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("pcqrses");
    assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("application");
    assertThat(line.get("application").asText()).isEqualTo("read-model-updater-lambda");
    assertThat(line.at("/_aws/Timestamp").isIntegralNumber()).isTrue();
    // EMF drops a metric whose value is missing: every declared one must be a number at the top.
    assertThat(directive.get("Metrics")).hasSize(9).allSatisfy(m ->
        assertThat(line.path(m.get("Name").asText()).isNumber()).as(m.get("Name").asText()).isTrue());
    assertThat(line.get("Records").asInt()).isEqualTo(4);
    assertThat(line.get("Applied").asInt()).isEqualTo(2);
    assertThat(line.get("Duplicates").asInt()).isEqualTo(1);
    assertThat(line.get("Skipped").asInt()).isEqualTo(1);
    assertThat(line.get("Failures").asInt()).isZero();
    assertThat(line.get("MaxLag").asLong()).isBetween(0L, 60_000L);
  }

  @Test
  void a_gap_and_a_poison_record_are_counted_as_what_they_are() throws Exception {
    handle(StreamRecords.renamed(newId().value(), 2, "No", "Create", "1"));
    JsonNode gap = JSON.readTree(emf.get(0));
    assertThat(gap.get("Gaps").asInt()).isEqualTo(1);
    assertThat(gap.get("Poison").asInt()).isZero();
    assertThat(gap.get("Failures").asInt()).isEqualTo(1);
    assertThat(gap.get("Applied").asInt()).isZero();
    assertThat(lines.list).as("the gap's line names the record and why").anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).startsWith("Record 1 not applied, retrying from it: ").contains("expected sequence number 1 but got 2");
    });

    DynamodbEvent.DynamodbStreamRecord poison = created(newId(), null, "2");
    Map<String, AttributeValue> image = new HashMap<>(poison.getDynamodb().getNewImage());
    image.put("event", new AttributeValue().withB(ByteBuffer.wrap("not an event".getBytes(StandardCharsets.UTF_8))));
    handle(StreamRecords.withImage(image, "2"));
    JsonNode poisoned = JSON.readTree(emf.get(1));
    assertThat(poisoned.get("Poison").asInt()).isEqualTo(1);
    assertThat(poisoned.get("Gaps").asInt()).isZero();
    assertThat(poisoned.get("Failures").asInt()).isEqualTo(1);
    assertThat(lines.list).as("the poison record's line names it and why, with the cause").anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.ERROR);
      assertThat(e.getFormattedMessage()).startsWith("Record 2 failed, retrying from it: cannot be decoded: ");
      assertThat(e.getThrowableProxy()).isNotNull();
    });
  }

  @Test
  void items_of_other_aggregate_types_are_skipped_not_applied_nor_failed() throws Exception {
    DynamodbEvent.DynamodbStreamRecord ours = created(newId(), null, "1");
    Map<String, AttributeValue> order = new HashMap<>(ours.getDynamodb().getNewImage());
    String orderPid = "Order|" + UlidCreator.getMonotonicUlid();
    order.put("persistence_id", new AttributeValue().withS(orderPid));
    order.put("par", new AttributeValue().withS("journal-P-" + orderPid + "-0"));
    UserAccountId after = newId();
    handle(StreamRecords.withImage(order, "1"), created(after, null, "2"));
    JsonNode line = JSON.readTree(emf.get(0));
    assertThat(line.get("Skipped").asInt()).isEqualTo(1);
    assertThat(line.get("Applied").asInt()).isEqualTo(1);
    assertThat(line.get("Failures").asInt()).isZero();
  }

  @Test
  void lines_about_an_event_carry_the_correlation_id_of_the_request_that_wrote_it_and_nothing_leaks() {
    UserAccountId id = newId();
    handle(created(id, "abc-lambda", "1"));
    List<ILoggingEvent> aboutIt = lines.list.stream()
        .filter(e -> id.value().equals(e.getMDCPropertyMap().get("user_account_id"))).toList();
    assertThat(aboutIt).isNotEmpty().allSatisfy(e -> {
      assertThat(e.getMDCPropertyMap()).containsEntry("correlation_id", "abc-lambda")
          .containsEntry("event", "UserAccountCreated");
    });
    assertThat(MDC.getCopyOfContextMap()).as("MDC after the batch").isNullOrEmpty();

    // A gap is logged with the event's fields too.
    UserAccountId other = newId();
    handle(StreamRecords.renamed(other.value(), 2, "Gap", "Here", "2"));
    assertThat(lines.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getMDCPropertyMap()).containsEntry("user_account_id", other.value());
    });
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  private void handle(DynamodbEvent.DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(records));
    handler.handleRequest(event, null);
  }

  private static UserAccountId newId() {
    return new UserAccountId(UlidCreator.getMonotonicUlid().toString());
  }

  private static DynamodbEvent.DynamodbStreamRecord created(UserAccountId id, String correlationId, String streamSeq) {
    return StreamRecords.insert(new UserAccountCreated(new EventId(UlidCreator.getMonotonicUlid().toString()), id,
        new FirstName("Ann"), new LastName("Metrics"), new EmailAddress("m@example.com"),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.ofCorrelationId(correlationId)), 1, streamSeq);
  }
}
