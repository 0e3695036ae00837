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
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Times every GraphQL operation ({@code graphql.requests}: operation type, operation name,
 * outcome) and counts the errors of its result by {@code extensions.code} ({@code graphql.errors}).
 * It must run after the instrumentation that gives errors their codes.
 *
 * <p>The {@code operation_name} tag is the executed operation's root fields as the schema names
 * them ({@code createUserAccount}; several joined by {@code +}, more than three are
 * {@code multiple}), not the client's {@code operationName}: anyone can send a new operation name
 * with every request, and a tag value chosen by clients would let them grow the series (or use up
 * a cap) at will. A request that does not parse or validate has {@code operation_type} and
 * {@code operation_name} {@code unknown}. The server-side error series ({@code UNAVAILABLE},
 * {@code INTERNAL_ERROR}) of every root field exist from the start, at zero, so that rates and
 * alerts see their first increment.
 */
final class GraphQLMetrics extends SimplePerformantInstrumentation {
  private static final Duration[] BUCKETS = LatencyBuckets.latency();
  private static final int MAX_ROOT_FIELDS = 3;

  private final MeterRegistry registry;

  GraphQLMetrics(MeterRegistry registry, GraphQLSchema schema) {
    this.registry = registry;
    register(schema.getQueryType(), "query");
    if (schema.getMutationType() != null) {
      register(schema.getMutationType(), "mutation");
    }
  }

  private void register(GraphQLObjectType root, String operationType) {
    for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
      for (ErrorCode code : List.of(ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL_ERROR)) {
        errors(operationType, field.getName(), code.name());
      }
    }
  }

  /** What one execution has learnt about itself so far. */
  private static final class State implements InstrumentationState {
    final long startNanos = System.nanoTime();
    volatile String operationType = "unknown";
    volatile String operationName = "unknown";
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    return new State();
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
      InstrumentationState state) {
    OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
    State s = (State) state;
    s.operationType = operation.getOperation().name().toLowerCase(java.util.Locale.ROOT);
    s.operationName = rootFields(operation);
    return SimpleInstrumentationContext.noOp();
  }

  /** The operation's root field names, sorted, joined by {@code +}; bounded by the schema. */
  static String rootFields(OperationDefinition operation) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
      names.add(selection instanceof Field field ? field.getName() : "fragment");
    }
    return names.size() > MAX_ROOT_FIELDS ? "multiple" : String.join("+", names);
  }

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
      InstrumentationExecutionParameters parameters, InstrumentationState state) {
    State s = (State) state;
    Timer.builder("graphql.requests")
        .description("GraphQL operations executed, from parsing to the result")
        .tag("operation_type", s.operationType)
        .tag("operation_name", s.operationName)
        .tag("outcome", result.getErrors().isEmpty() ? "success" : "error")
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - s.startNanos));
    for (GraphQLError error : result.getErrors()) {
      Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
      errors(s.operationType, s.operationName, code == null ? ErrorCode.INTERNAL_ERROR.name() : code.toString())
          .increment();
    }
    return CompletableFuture.completedFuture(result);
  }

  private Counter errors(String operationType, String operationName, String code) {
    return Counter.builder("graphql.errors")
        .description("Errors in GraphQL results, by extensions.code")
        .tag("operation_type", operationType)
        .tag("operation_name", operationName)
        .tag("code", code)
        .register(registry);
  }
}
