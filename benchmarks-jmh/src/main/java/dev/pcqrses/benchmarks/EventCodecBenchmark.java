package dev.pcqrses.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.contract.Json;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The event contract codec ({@link UserAccountEventCodec}: our own small JSON writer and reader in
 * {@code ports}), against Jackson writing and reading the same bytes in the same run.
 *
 * <ul>
 *   <li>{@code encode}: event record → contract bytes (reads the record, formats {@code occurredAt}).
 *       Baseline {@code jacksonWriteValueAsBytes}: an {@link ObjectMapper} writes a prepared
 *       insertion-ordered {@link Map} with the same members; the set-up checks that the bytes are
 *       identical.
 *   <li>{@code decode}: bytes → event record (strict UTF-8, parse, and every value object's
 *       validation: ULIDs, names, e-mail, {@code Instant.parse}). Baseline {@code jacksonReadTree}:
 *       Jackson parses the same bytes into a tree, validating nothing.
 *   <li>{@code jsonParseOnly}: our parser alone on the same bytes, the like-for-like counterpart of
 *       {@code jacksonReadTree}.
 *   <li>{@code formatOccurredAt} and {@code parseOccurredAt}: the instant's text form alone, one
 *       fixed part of every encode and decode.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=pcqrses-benchmarks-logback.xml")
public class EventCodecBenchmark {

  /** One event type, its contract bytes and the equivalent map for Jackson. */
  @State(Scope.Benchmark)
  public static class Events {
    @Param({"created", "renamed", "deleted"})
    public String type;

    UserAccountEvent event;
    String manifest;
    byte[] bytes;
    Map<String, Object> map;
    final ObjectMapper mapper = new ObjectMapper();

    @Setup
    public void setUp() throws IOException {
      event = Fixtures.event(type);
      manifest = UserAccountEventCodec.manifest(event);
      bytes = UserAccountEventCodec.encode(event);
      map = asMap(event);
      byte[] jackson = mapper.writeValueAsBytes(map);
      if (!Arrays.equals(jackson, bytes)) {
        throw new IllegalStateException("Jackson writes other bytes:\n" + new String(jackson, StandardCharsets.UTF_8)
            + "\nours:\n" + new String(bytes, StandardCharsets.UTF_8));
      }
      if (!UserAccountEventCodec.decode(manifest, bytes).equals(event)) {
        throw new IllegalStateException("decode(encode(event)) is not the event");
      }
      if (mapper.readTree(bytes).size() != map.size()) {
        throw new IllegalStateException("Jackson reads another object");
      }
    }

    private static Map<String, Object> asMap(UserAccountEvent event) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("eventId", event.eventId().value());
      map.put("userAccountId", event.userAccountId().value());
      if (event instanceof UserAccountCreated created) {
        map.put("firstName", created.firstName().value());
        map.put("lastName", created.lastName().value());
        map.put("emailAddress", created.emailAddress().value());
      } else if (event instanceof UserAccountRenamed renamed) {
        map.put("firstName", renamed.firstName().value());
        map.put("lastName", renamed.lastName().value());
      }
      map.put("occurredAt", UserAccountEventCodec.formatInstant(event.occurredAt()));
      map.put("metadata", Map.of("correlationId", event.metadata().correlationId()));
      return map;
    }
  }

  /** The instant of every event, and its contract text. */
  @State(Scope.Benchmark)
  public static class Instants {
    final Instant at = Fixtures.AT;
    final String text = UserAccountEventCodec.formatInstant(Fixtures.AT);
  }

  @Benchmark
  public void encode(Events e, Blackhole bh) {
    bh.consume(UserAccountEventCodec.encode(e.event));
  }

  @Benchmark
  public void jacksonWriteValueAsBytes(Events e, Blackhole bh) throws IOException {
    bh.consume(e.mapper.writeValueAsBytes(e.map));
  }

  @Benchmark
  public void decode(Events e, Blackhole bh) {
    bh.consume(UserAccountEventCodec.decode(e.manifest, e.bytes));
  }

  @Benchmark
  public void jacksonReadTree(Events e, Blackhole bh) throws IOException {
    bh.consume(e.mapper.readTree(e.bytes));
  }

  @Benchmark
  public void jsonParseOnly(Events e, Blackhole bh) {
    bh.consume(Json.parseObject(new String(e.bytes, StandardCharsets.UTF_8)));
  }

  @Benchmark
  public void formatOccurredAt(Instants i, Blackhole bh) {
    bh.consume(UserAccountEventCodec.formatInstant(i.at));
  }

  @Benchmark
  public void parseOccurredAt(Instants i, Blackhole bh) {
    bh.consume(Instant.parse(i.text));
  }
}
