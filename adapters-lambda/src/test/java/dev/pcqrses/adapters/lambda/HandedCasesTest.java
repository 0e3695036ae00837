package dev.pcqrses.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcqrses.adapters.postgres.JooqReadModelReader;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every handed Lambda case (src/test/resources/cases/lambda, copied verbatim from the team's shared
 * cases): AWS's exact event JSON, deserialized the way the Lambda Java runtime does it, through the
 * handler, against a real PostgreSQL.
 */
class HandedCasesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PojoSerializer<DynamodbEvent> RUNTIME_SERIALIZER =
      LambdaEventSerializers.serializerFor(DynamodbEvent.class, HandedCasesTest.class.getClassLoader());

  final ReadModelUpdaterHandler handler = new ReadModelUpdaterHandler(SharedPostgres.get().dataSource());

  static JsonNode caseFile(String name) {
    try (InputStream in = HandedCasesTest.class.getResourceAsStream("/cases/lambda/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The case's event as the runtime would hand it to the handler. */
  static DynamodbEvent event(JsonNode caseFile) {
    try {
      byte[] json = JSON.writeValueAsBytes(caseFile.get("event"));
      return RUNTIME_SERIALIZER.fromJson(new ByteArrayInputStream(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> failures(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream()
        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  static List<String> expectedFailures(JsonNode caseFile) {
    List<String> ids = new ArrayList<>();
    caseFile.at("/expect/batchItemFailures").forEach(n -> ids.add(n.asText()));
    return ids;
  }

  /** Every account the case's expect.readModel names has exactly the fields it lists. */
  static void assertReadModel(JsonNode caseFile) {
    Iterator<Map.Entry<String, JsonNode>> accounts = caseFile.at("/expect/readModel").fields();
    assertThat(accounts.hasNext()).as("case lists read-model expectations").isTrue();
    while (accounts.hasNext()) {
      Map.Entry<String, JsonNode> account = accounts.next();
      ReadModelState state = ReadModelState.of(account.getKey()).orElseThrow(
          () -> new AssertionError("no read-model row for " + account.getKey()));
      JsonNode want = account.getValue();
      if (want.has("firstName")) {
        assertThat(state.firstName()).as(account.getKey() + " firstName").isEqualTo(want.get("firstName").asText());
      }
      if (want.has("lastName")) {
        assertThat(state.lastName()).as(account.getKey() + " lastName").isEqualTo(want.get("lastName").asText());
      }
      if (want.has("lastSeqNr")) {
        assertThat(state.lastSequenceNr()).as(account.getKey() + " lastSeqNr").isEqualTo(want.get("lastSeqNr").asLong());
      }
    }
  }

  @Test
  void basic_then_gap_then_fill() {
    JsonNode basic = caseFile("basic.json");
    assertThat(failures(handler.handleRequest(event(basic), null))).isEqualTo(expectedFailures(basic)).isEmpty();
    assertReadModel(basic);

    JsonNode gap = caseFile("gap-then-fill.json");
    assertThat(gap.at("/expect/precondition").asText()).contains("basic.json");
    DynamodbEvent thirdOnly = event(gap);
    assertThat(failures(handler.handleRequest(thirdOnly, null))).isEqualTo(expectedFailures(gap))
        .containsExactly("100000000000000000007");
    assertReadModel(gap);

    // "then": a batch with B seq 2 (any rename) followed by the same seq-3 record: no failures,
    // B ends at Anne Lee, seq 3.
    DynamodbEvent fill = event(gap);
    DynamodbEvent.DynamodbStreamRecord third = fill.getRecords().get(0);
    DynamodbEvent.DynamodbStreamRecord second = StreamRecords.renamed(
        "01KBN7Q3V1XG5T0H7W3S8N2PQB", 2, "Annie", "Lee", "100000000000000000006");
    fill.setRecords(List.of(second, third));
    assertThat(failures(handler.handleRequest(fill, null))).isEmpty();
    assertThat(ReadModelState.of("01KBN7Q3V1XG5T0H7W3S8N2PQB"))
        .contains(new ReadModelState("Anne", "Lee", 3, false));
  }

  @Test
  void create_then_delete_leaves_nothing_to_query() {
    JsonNode c = caseFile("create-then-delete.json");
    assertThat(failures(handler.handleRequest(event(c), null))).isEqualTo(expectedFailures(c)).isEmpty();
    assertThat(new JooqReadModelReader(SharedPostgres.get().dataSource())
        .findById(new UserAccountId("01KBN7Q3V4Z9Y8X7W6V5T4S3RE"))).isEmpty();
    assertThat(ReadModelState.of("01KBN7Q3V4Z9Y8X7W6V5T4S3RE")).hasValueSatisfying(s -> assertThat(s.deleted()).isTrue());
  }

  @Test
  void a_duplicate_delivery_reports_no_failure_and_changes_nothing() {
    JsonNode c = caseFile("duplicate.json");
    assertThat(failures(handler.handleRequest(event(c), null))).isEmpty();
    ReadModelState once = ReadModelState.of("01KBN7Q3V2J6F1D9K4M7R0ZTQC").orElseThrow();
    assertThat(failures(handler.handleRequest(event(c), null))).isEqualTo(expectedFailures(c)).isEmpty();
    assertThat(ReadModelState.of("01KBN7Q3V2J6F1D9K4M7R0ZTQC")).contains(once);
    assertReadModel(c);
  }

  @Test
  void a_poison_record_stops_the_batch_and_is_reported() {
    JsonNode c = caseFile("poison-stops-batch.json");
    assertThat(failures(handler.handleRequest(event(c), null))).isEqualTo(expectedFailures(c))
        .containsExactly("100000000000000000009");
    // The record after the poison one was not applied either: Kai stays at seq 1.
    assertReadModel(c);
  }

  @Test
  void remove_and_modify_records_are_skipped() {
    JsonNode c = caseFile("remove-and-modify-skipped.json");
    Optional<ReadModelState> before = ReadModelState.of("01KBN7Q3V0M8ZK4R2YB9C6D1EA");
    assertThat(failures(handler.handleRequest(event(c), null))).isEqualTo(expectedFailures(c)).isEmpty();
    assertThat(ReadModelState.of("01KBN7Q3V0M8ZK4R2YB9C6D1EA")).isEqualTo(before);
  }

  @Test
  void every_handed_case_is_covered_here() throws IOException {
    List<String> files;
    try (InputStream in = HandedCasesTest.class.getResourceAsStream("/cases/lambda/")) {
      files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(f -> f.endsWith(".json")).sorted().toList();
    }
    assertThat(files).containsExactly("basic.json", "create-then-delete.json", "duplicate.json",
        "gap-then-fill.json", "poison-stops-batch.json", "remove-and-modify-skipped.json");
  }
}
