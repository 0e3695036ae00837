package dev.pcqrses.adapters.http.graphql;

/**
 * The stable values of {@code extensions.code} in GraphQL errors (docs/graphql.md). Clients branch
 * on these, never on messages.
 */
public enum ErrorCode {
  /** Input broke a validation rule, or the document/variables do not fit the schema. */
  VALIDATION_ERROR,
  /** The request is not a GraphQL document (syntax error). */
  GRAPHQL_PARSE_FAILED,
  /** The query is deeper or more complex than the server's limits. */
  QUERY_TOO_COMPLEX,
  /** The account does not exist. */
  NOT_FOUND,
  /** The account was deleted. */
  ALREADY_DELETED,
  /** An account with this id exists already. */
  ALREADY_EXISTS,
  /** Overload, timeout or a dependency down: retry later (commands: the outcome is unknown). */
  UNAVAILABLE,
  /** No endpoint at this path. */
  ENDPOINT_NOT_FOUND,
  /** The HTTP request itself is malformed (not JSON, no query). */
  BAD_REQUEST,
  /** Mutations are only accepted over POST. */
  METHOD_NOT_ALLOWED,
  /** The request body exceeds the configured limit. */
  PAYLOAD_TOO_LARGE,
  /** POST bodies must be sent as application/json. */
  UNSUPPORTED_MEDIA_TYPE,
  /** A bug: logged with the correlation id; no details are sent. */
  INTERNAL_ERROR
}
