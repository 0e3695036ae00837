package dev.pcqrses.adapters.http.graphql;

import dev.pcqrses.ports.in.RequestContext;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/** Carries the HTTP request's context into data fetchers through the GraphQL context. */
final class RequestContexts {
  static final String CORRELATION_ID = "pcqrses.correlationId";

  private RequestContexts() {}

  static RequestContext of(DataFetchingEnvironment env) {
    GraphQLContext context = env.getGraphQlContext();
    return new RequestContext(context.get(CORRELATION_ID));
  }
}
