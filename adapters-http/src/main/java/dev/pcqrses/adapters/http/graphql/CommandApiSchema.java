package dev.pcqrses.adapters.http.graphql;

import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.useraccount.UserAccountError;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.in.RequestContext;
import dev.pcqrses.ports.in.UserAccountCommands;
import dev.pcqrses.ports.in.UserAccountCommands.CreateUserAccountInput;
import dev.pcqrses.ports.in.UserAccountCommands.DeleteUserAccountInput;
import dev.pcqrses.ports.in.UserAccountCommands.RenameUserAccountInput;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The command API's schema ({@code graphql/command-api.graphqls}) wired to {@link UserAccountCommands}. */
public final class CommandApiSchema {
  /** The value of {@code Query.apiVersion}. */
  public static final String API_VERSION = "1";

  private CommandApiSchema() {}

  public static GraphQLSchema create(UserAccountCommands commands) {
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .type("Query", t -> t.dataFetcher("apiVersion", env -> API_VERSION))
        .type("Mutation", t -> t
            .dataFetcher("createUserAccount", mutation((input, context) -> commands.createUserAccount(
                new CreateUserAccountInput(text(input, "firstName"), text(input, "lastName"), text(input, "emailAddress")),
                context)))
            .dataFetcher("renameUserAccount", mutation((input, context) -> commands.renameUserAccount(
                new RenameUserAccountInput(text(input, "userAccountId"), text(input, "firstName"), text(input, "lastName")),
                context)))
            .dataFetcher("deleteUserAccount", mutation((input, context) -> commands.deleteUserAccount(
                new DeleteUserAccountInput(text(input, "userAccountId")), context))))
        .build();
    return Schemas.load("graphql/command-api.graphqls", wiring);
  }

  /** A fetcher that sends the mutation's input on and turns its outcome into data or one error. */
  private static DataFetcher<CompletableFuture<DataFetcherResult<Object>>> mutation(
      BiFunction<Map<String, Object>, RequestContext, CompletionStage<CommandOutcome>> send) {
    return env -> send.apply(env.getArgument("input"), RequestContexts.of(env))
        .toCompletableFuture()
        .thenApply(outcome -> toResult(outcome, env));
  }

  private static String text(Map<String, Object> input, String name) {
    Object value = input.get(name);
    return value == null ? null : value.toString();
  }

  static DataFetcherResult<Object> toResult(CommandOutcome outcome, DataFetchingEnvironment env) {
    DataFetcherResult.Builder<Object> result = DataFetcherResult.newResult();
    if (outcome instanceof CommandOutcome.Accepted accepted) {
      return result.data(Map.of("id", accepted.userAccountId().value())).build();
    }
    ApiError error;
    if (outcome instanceof CommandOutcome.Invalid invalid) {
      error = validationError(invalid.violations());
    } else if (outcome instanceof CommandOutcome.Rejected rejected) {
      error = refusal(rejected.error());
    } else {
      error = ApiError.of(ErrorCode.UNAVAILABLE, ((CommandOutcome.Unavailable) outcome).reason(),
          Map.of("retryable", true));
    }
    return result.error(error.at(env.getField().getSourceLocation(), env.getExecutionStepInfo().getPath())).build();
  }

  static ApiError validationError(List<Violation> violations) {
    String summary = violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    List<Map<String, String>> details = violations.stream()
        .map(v -> {
          Map<String, String> detail = new java.util.LinkedHashMap<>();
          detail.put("field", v.field());
          detail.put("message", v.message());
          return detail;
        })
        .toList();
    return ApiError.of(ErrorCode.VALIDATION_ERROR, "Invalid input: " + summary, Map.of("violations", details));
  }

  private static ApiError refusal(UserAccountError error) {
    String id = error.userAccountId().value();
    if (error instanceof UserAccountError.NotFound) {
      return ApiError.of(ErrorCode.NOT_FOUND, "No user account has the id " + id);
    }
    if (error instanceof UserAccountError.AlreadyDeleted) {
      return ApiError.of(ErrorCode.ALREADY_DELETED, "The user account " + id + " is deleted");
    }
    return ApiError.of(ErrorCode.ALREADY_EXISTS, "A user account with the id " + id + " exists already");
  }
}
