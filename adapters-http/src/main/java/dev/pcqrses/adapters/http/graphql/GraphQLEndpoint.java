package dev.pcqrses.adapters.http.graphql;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.micrometer.core.instrument.MeterRegistry;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Executes GraphQL requests against one schema with the server's limits (query depth and
 * complexity), a cache of parsed documents, and errors that always carry {@code extensions.code}.
 */
public final class GraphQLEndpoint {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GraphQLEndpoint.class);
  private final GraphQL graphQL;

  /**
   * @param maxDepth      deepest field nesting accepted (GraphiQL's introspection query needs about 13)
   * @param maxComplexity most fields one document may select
   * @param registry      where {@code graphql.requests} and {@code graphql.errors} are recorded
   */
  public GraphQLEndpoint(GraphQLSchema schema, int maxDepth, int maxComplexity, int documentCacheSize,
      MeterRegistry registry) {
    this.graphQL = GraphQL.newGraphQL(schema)
        // In this order: a result's errors get their codes before the metrics count them by code.
        .instrumentation(new ChainedInstrumentation(List.of(
            new MaxQueryDepthInstrumentation(maxDepth),
            new MaxQueryComplexityInstrumentation(maxComplexity),
            new ErrorCodes(),
            new GraphQLMetrics(registry, schema))))
        .preparsedDocumentProvider(new DocumentCache(documentCacheSize))
        .defaultDataFetcherExceptionHandler(new ApiExceptionHandler())
        .build();
  }

  /** Runs the request; the result is the response body in the GraphQL specification's shape. */
  public CompletableFuture<Map<String, Object>> execute(GraphQLRequest request, String correlationId) {
    ExecutionInput input = ExecutionInput.newExecutionInput()
        .query(request.query())
        .operationName(request.operationName())
        .variables(request.variables())
        .graphQLContext(b -> {
          if (correlationId != null) {
            b.of(RequestContexts.CORRELATION_ID, correlationId);
          }
        })
        .build();
    return graphQL.executeAsync(input).thenApply(ExecutionResult::toSpecification);
  }

  /**
   * Whether the operation that {@code request} would run is a mutation (for refusing mutations
   * over GET). A document that does not parse or names no single operation is not a mutation: its
   * execution reports the error.
   */
  public static boolean isMutation(GraphQLRequest request) {
    Document document;
    try {
      document = Parser.parse(request.query());
    } catch (InvalidSyntaxException | IllegalArgumentException e) {
      return false;
    }
    List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
    for (OperationDefinition operation : operations) {
      boolean selected = request.operationName() == null
          ? operations.size() == 1
          : request.operationName().equals(operation.getName());
      if (selected) {
        return operation.getOperation() == OperationDefinition.Operation.MUTATION;
      }
    }
    return false;
  }

  /** Gives every error of a result an {@code extensions.code}. */
  private static final class ErrorCodes extends SimplePerformantInstrumentation {
    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
        InstrumentationExecutionParameters parameters, InstrumentationState state) {
      if (result.getErrors().isEmpty()) {
        return CompletableFuture.completedFuture(result);
      }
      List<GraphQLError> errors = result.getErrors().stream().map(GraphQLEndpoint::withCode).toList();
      return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
    }
  }

  /** graphql-java's own errors get our code; ours already have one. */
  private static GraphQLError withCode(GraphQLError error) {
    if (error instanceof ApiError) {
      return error;
    }
    String message = Messages.humanize(error.getMessage());
    if (Messages.isSizeLimit(error.getMessage())) {
      return ApiError.from(error, ErrorCode.QUERY_TOO_COMPLEX, message);
    }
    if (error.getErrorType() == ErrorType.InvalidSyntax) {
      return ApiError.from(error, ErrorCode.GRAPHQL_PARSE_FAILED, message);
    }
    if (error.getErrorType() == ErrorType.ValidationError) {
      return ApiError.from(error, ErrorCode.VALIDATION_ERROR, message);
    }
    if (error.getErrorType() == ErrorType.ExecutionAborted
        || error instanceof graphql.introspection.GoodFaithIntrospection.BadFaithIntrospectionError) {
      return ApiError.from(error, ErrorCode.QUERY_TOO_COMPLEX, message);
    }
    log.error("Unexpected GraphQL error {} ({}): {}", error.getClass().getName(), error.getErrorType(),
        error.getMessage());
    return ApiError.from(error, ErrorCode.INTERNAL_ERROR, "Internal error");
  }
}
