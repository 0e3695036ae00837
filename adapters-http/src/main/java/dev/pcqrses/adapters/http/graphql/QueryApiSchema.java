package dev.pcqrses.adapters.http.graphql;

import dev.pcqrses.ports.contract.UserAccountEventCodec;
import dev.pcqrses.ports.in.Page;
import dev.pcqrses.ports.in.QueryResult;
import dev.pcqrses.ports.in.UserAccountQueries;
import dev.pcqrses.ports.in.UserAccountView;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The query API's schema ({@code graphql/query-api.graphqls}) wired to {@link UserAccountQueries}.
 * Fetchers read the database synchronously: they run on the HTTP worker pool, never on I/O threads.
 */
public final class QueryApiSchema {
  private QueryApiSchema() {}

  public static GraphQLSchema create(UserAccountQueries queries) {
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .type("Query", t -> t
            .dataFetcher("getUserAccount", env -> answer(env,
                queries.getUserAccount(env.getArgument("userAccountId")),
                found -> found.map(QueryApiSchema::account).orElse(null)))
            .dataFetcher("getUserAccounts", env -> answer(env,
                queries.getUserAccounts(env.getArgument("first"), env.getArgument("after")),
                QueryApiSchema::page))
            .dataFetcher("searchUserAccounts", env -> answer(env,
                queries.searchUserAccounts(env.getArgument("searchTerm"), env.getArgument("first"), null),
                page -> page.items().stream().map(QueryApiSchema::account).toList())))
        .build();
    return Schemas.load("graphql/query-api.graphqls", wiring);
  }

  private static <T> DataFetcherResult<Object> answer(DataFetchingEnvironment env, QueryResult<T> result,
      Function<T, Object> toData) {
    if (result instanceof QueryResult.Ok<T> ok) {
      return DataFetcherResult.newResult().data(toData.apply(ok.value())).build();
    }
    ApiError error = CommandApiSchema.validationError(((QueryResult.Invalid<T>) result).violations());
    return DataFetcherResult.newResult()
        .error(error.at(env.getField().getSourceLocation(), env.getExecutionStepInfo().getPath()))
        .build();
  }

  private static Map<String, Object> page(Page<UserAccountView> page) {
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("hasNextPage", page.hasNextPage());
    pageInfo.put("endCursor", page.endCursor());
    return Map.of("items", page.items().stream().map(QueryApiSchema::account).toList(), "pageInfo", pageInfo);
  }

  private static Map<String, Object> account(UserAccountView v) {
    return Map.of(
        "id", v.id(),
        "firstName", v.firstName(),
        "lastName", v.lastName(),
        "fullName", v.fullName(),
        "createdAt", UserAccountEventCodec.formatInstant(v.createdAt()),
        "updatedAt", UserAccountEventCodec.formatInstant(v.updatedAt()));
  }
}
