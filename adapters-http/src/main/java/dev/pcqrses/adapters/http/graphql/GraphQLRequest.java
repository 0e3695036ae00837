package dev.pcqrses.adapters.http.graphql;

import java.util.Map;

/**
 * One GraphQL-over-HTTP request.
 *
 * @param variables never null (empty when the client sent none)
 */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables) {
  public GraphQLRequest {
    variables = variables == null ? Map.of() : variables;
  }
}
