package dev.pcqrses.benchmarks;

import dev.pcqrses.adapters.http.graphql.CommandApiSchema;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.http.graphql.GraphQLRequest;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import dev.pcqrses.ports.out.IdGenerator;
import dev.pcqrses.ports.service.UserAccountCommandService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The command API's GraphQL execution of a {@code createUserAccount} mutation, as the HTTP handler
 * runs it: {@link GraphQLEndpoint#execute} with the server's limits (depth 15, complexity 300), its
 * error-code and metrics instrumentation (on a {@link SimpleMeterRegistry}), the real
 * {@link CommandApiSchema} and {@link UserAccountCommandService} (input validation). This is a
 * pure-Java microbenchmark: no HTTP, no JSON body, no actor; the {@link CommandPort} is a stub that
 * completes at once with {@code Accepted}, and ids are fixed.
 *
 * <ul>
 *   <li>{@code executeCached}: the document cache at the default size (500): after the first
 *       request, the document's parse and validation are a cache hit.
 *   <li>{@code executeUncached}: the same endpoint with a cache of size 0 (every entry is evicted as
 *       it is added), so every request parses and validates the document: the baseline of the
 *       cached variant.
 *   <li>{@code isMutation}: {@link GraphQLEndpoint#isMutation}, the extra uncached parse that a GET
 *       request costs before execution (mutations are refused over GET).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=pcqrses-benchmarks-logback.xml")
public class GraphQLBenchmark {
  static final String CREATE =
      "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }";

  /** The same endpoint with and without the document cache, and one request. */
  @State(Scope.Benchmark)
  public static class Endpoints {
    GraphQLEndpoint cached;
    GraphQLEndpoint uncached;
    final GraphQLRequest request = new GraphQLRequest(CREATE, "C", Map.of("input", Map.of(
        "firstName", Fixtures.FIRST_NAME, "lastName", Fixtures.LAST_NAME, "emailAddress", Fixtures.EMAIL)));
    final String correlationId = Fixtures.CORRELATION_ID;

    @Setup
    public void setUp() {
      UserAccountCommandService commands = new UserAccountCommandService(new AcceptingPort(), new FixedIds());
      cached = new GraphQLEndpoint(CommandApiSchema.create(commands), 15, 300, 500, new SimpleMeterRegistry());
      uncached = new GraphQLEndpoint(CommandApiSchema.create(commands), 15, 300, 0, new SimpleMeterRegistry());
      Object expected = Map.of("data", Map.of("createUserAccount", Map.of("id", Fixtures.ACCOUNT_ID)));
      for (GraphQLEndpoint endpoint : new GraphQLEndpoint[] {cached, uncached}) {
        Map<String, Object> result = endpoint.execute(request, correlationId).join();
        if (!expected.equals(result)) {
          throw new IllegalStateException("unexpected result: " + result);
        }
      }
      if (!GraphQLEndpoint.isMutation(request)) {
        throw new IllegalStateException("isMutation says no");
      }
    }
  }

  /** Completes every command at once, as accepted. */
  static final class AcceptingPort implements CommandPort {
    @Override
    public CompletionStage<CommandOutcome> submit(UserAccountCommand command, EventMetadata metadata) {
      return CompletableFuture.completedFuture(new CommandOutcome.Accepted(command.userAccountId()));
    }
  }

  /** The same ids every time: generating ULIDs is not what is measured. */
  static final class FixedIds implements IdGenerator {
    private static final EventId EVENT_ID = new EventId(Fixtures.EVENT_ID);

    @Override
    public UserAccountId newUserAccountId() {
      return Fixtures.ID;
    }

    @Override
    public EventId newEventId() {
      return EVENT_ID;
    }
  }

  @Benchmark
  public void executeCached(Endpoints e, Blackhole bh) {
    bh.consume(e.cached.execute(e.request, e.correlationId).join());
  }

  @Benchmark
  public void executeUncached(Endpoints e, Blackhole bh) {
    bh.consume(e.uncached.execute(e.request, e.correlationId).join());
  }

  @Benchmark
  public void isMutation(Endpoints e, Blackhole bh) {
    bh.consume(GraphQLEndpoint.isMutation(e.request));
  }
}
