package dev.pcqrses.adapters.http.graphql;

import dev.pcqrses.adapters.http.LatencyBuckets;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Times every GraphQL operation ({@code graphql.requests}: operation type, operation name,
 * outcome) and counts the errors of its result by {@code extensions.code} ({@code graphql.errors}).
 * It must run after the instrumentation that gives errors their codes.
 *
 * <p>Clients choose operation names, so only the first {@value #MAX_OPERATION_NAMES} distinct
 * well-formed names become tag values; the rest are {@code other}.
 */
final class GraphQLMetrics extends SimplePerformantInstrumentation {
  static final int MAX_OPERATION_NAMES = 100;
  private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

  private static final Duration[] BUCKETS = LatencyBuckets.latency();

  private final MeterRegistry registry;
  private final Set<String> operationNames = ConcurrentHashMap.newKeySet();

  GraphQLMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** What one execution has learnt about itself so far. */
  private static final class State implements InstrumentationState {
    final long startNanos = System.nanoTime();
    volatile String operationType = "unknown";
    volatile String operationName;
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    State state = new State();
    state.operationName = parameters.getExecutionInput().getOperationName();
    return state;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
      InstrumentationState state) {
    OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
    State s = (State) state;
    s.operationType = operation.getOperation().name().toLowerCase(java.util.Locale.ROOT);
    s.operationName = operation.getName();
    return SimpleInstrumentationContext.noOp();
  }

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
      InstrumentationExecutionParameters parameters, InstrumentationState state) {
    State s = (State) state;
    String name = boundedName(s.operationName);
    Timer.builder("graphql.requests")
        .description("GraphQL operations executed, from parsing to the result")
        .tag("operation_type", s.operationType)
        .tag("operation_name", name)
        .tag("outcome", result.getErrors().isEmpty() ? "success" : "error")
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - s.startNanos));
    for (GraphQLError error : result.getErrors()) {
      Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
      Counter.builder("graphql.errors")
          .description("Errors in GraphQL results, by extensions.code")
          .tag("operation_type", s.operationType)
          .tag("operation_name", name)
          .tag("code", code == null ? ErrorCode.INTERNAL_ERROR.name() : code.toString())
          .register(registry)
          .increment();
    }
    return CompletableFuture.completedFuture(result);
  }

  private String boundedName(String name) {
    if (name == null || name.isEmpty()) {
      return "anonymous";
    }
    if (!NAME.matcher(name).matches()) {
      return "other";
    }
    if (operationNames.contains(name)) {
      return name;
    }
    synchronized (operationNames) {
      if (operationNames.size() < MAX_OPERATION_NAMES) {
        operationNames.add(name);
        return name;
      }
    }
    return "other";
  }
}
