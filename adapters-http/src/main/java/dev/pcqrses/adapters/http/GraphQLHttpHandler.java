package dev.pcqrses.adapters.http;

import dev.pcqrses.ports.contract.LogFields;
import java.util.concurrent.CompletableFuture;
import org.slf4j.MDC;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pcqrses.adapters.http.graphql.ErrorCode;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.http.graphql.GraphQLRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraphQL over HTTP: {@code POST} with a JSON body ({@code query}, {@code operationName},
 * {@code variables}), or {@code GET} with the same as query parameters for queries only.
 * Request-level problems get a 4xx with a GraphQL-shaped error body; execution results get 200.
 */
final class GraphQLHttpHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(GraphQLHttpHandler.class);
  /** Strict JSON: duplicate keys and anything after the one top-level value are errors. */
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final GraphQLEndpoint endpoint;
  private final HttpServerSettings settings;

  GraphQLHttpHandler(GraphQLEndpoint endpoint, HttpServerSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    HttpString method = exchange.getRequestMethod();
    if (Methods.POST.equals(method)) {
      receivePost(exchange);
    } else if (Methods.GET.equals(method)) {
      handleGet(exchange);
    } else {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST");
      JsonResponses.error(exchange, 405, ErrorCode.METHOD_NOT_ALLOWED, "Use POST (or GET for queries)");
    }
  }

  private void receivePost(HttpServerExchange exchange) {
    long length = exchange.getRequestContentLength();
    if (length > MAX_DRAINED_BYTES) {
      tooLarge(exchange, true); // not worth reading: answer and close
      return;
    }
    // Read with our own limit: a body over it is read to its end and discarded, so that the client
    // (which is still sending) gets a clean 413 instead of a reset connection.
    BodyCollector body = new BodyCollector(settings.maxBodyBytes());
    exchange.getRequestReceiver().receivePartialBytes(
        (ex, chunk, last) -> {
          body.add(chunk);
          if (last) {
            if (body.tooLarge()) {
              tooLarge(ex, false);
            } else {
              handlePostBody(ex, body.bytes());
            }
          }
        },
        (ex, failure) -> {
          if (failure instanceof RequestTooBigException) {
            tooLarge(ex, true);
          } else {
            log.debug("Could not read a request body", failure);
            JsonResponses.error(ex, 400, ErrorCode.BAD_REQUEST, "Could not read the request body");
          }
        });
  }

  private void tooLarge(HttpServerExchange exchange, boolean closeConnection) {
    if (closeConnection) {
      exchange.setPersistent(false);
    }
    JsonResponses.error(exchange, 413, ErrorCode.PAYLOAD_TOO_LARGE,
        "The request body exceeds " + settings.maxBodyBytes() + " bytes");
  }

  /** Bodies up to this size are read to the end even when over the limit (see receivePost). */
  static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

  /** Collects a body up to a limit, remembering (not storing) what goes beyond it. */
  private static final class BodyCollector {
    private final int limit;
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    private boolean tooLarge;

    BodyCollector(int limit) {
      this.limit = limit;
    }

    void add(byte[] chunk) {
      if (tooLarge) {
        return;
      }
      if (bytes.size() + chunk.length > limit) {
        tooLarge = true;
        bytes.reset();
      } else {
        bytes.writeBytes(chunk);
      }
    }

    boolean tooLarge() {
      return tooLarge;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private void handlePostBody(HttpServerExchange exchange, byte[] body) {
    JsonNode json;
    try {
      json = STRICT.readTree(body);
    } catch (IOException e) {
      JsonResponses.error(exchange, 400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
      return;
    }
    if (json == null || !json.isObject()) {
      JsonResponses.error(exchange, 400, ErrorCode.BAD_REQUEST,
          "The request body must be a JSON object with a \"query\" string");
      return;
    }
    if (!isJsonContentType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      // Refused so that a cross-site form post (text/plain, form-urlencoded) cannot run mutations.
      JsonResponses.error(exchange, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send Content-Type: application/json");
      return;
    }
    GraphQLRequest request;
    try {
      request = fromJson((ObjectNode) json);
    } catch (BadRequest e) {
      JsonResponses.error(exchange, 400, ErrorCode.BAD_REQUEST, e.getMessage());
      return;
    }
    exchange.dispatch(() -> execute(exchange, request));
  }

  private void handleGet(HttpServerExchange exchange) {
    Map<String, Deque<String>> params = exchange.getQueryParameters();
    String query = first(params, "query");
    String rawVariables = first(params, "variables");
    String operationName = first(params, "operationName");
    if (query == null || query.isBlank()) {
      JsonResponses.error(exchange, 400, ErrorCode.BAD_REQUEST, "Missing the \"query\" parameter");
      return;
    }
    Map<String, Object> variables = Map.of();
    if (rawVariables != null && !rawVariables.isBlank()) {
      try {
        JsonNode node = STRICT.readTree(rawVariables);
        if (!node.isObject()) {
          throw new BadRequest("\"variables\" must be a JSON object");
        }
        variables = toMap(node);
      } catch (JsonProcessingException | BadRequest e) {
        JsonResponses.error(exchange, 400, ErrorCode.BAD_REQUEST, "\"variables\" must be a JSON object");
        return;
      }
    }
    GraphQLRequest request = new GraphQLRequest(query, operationName, variables);
    if (GraphQLEndpoint.isMutation(request)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      JsonResponses.error(exchange, 405, ErrorCode.METHOD_NOT_ALLOWED, "Mutations are accepted over POST only");
      return;
    }
    exchange.dispatch(() -> execute(exchange, request));
  }

  private void execute(HttpServerExchange exchange, GraphQLRequest request) {
    String correlationId = CorrelationIds.of(exchange);
    CompletableFuture<Map<String, Object>> answer;
    // Data fetchers run on this thread until they hand work off (the ask to an entity): their
    // lines carry the id; the completion below sets it again on whichever thread completes.
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogFields.CORRELATION_ID, correlationId)) {
      if (log.isDebugEnabled()) {
        log.debug("GraphQL operation {} received", printableName(request.operationName()));
      }
      answer = endpoint.execute(request, correlationId);
    }
    answer.orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((result, failure) -> {
          try (MDC.MDCCloseable ignored = MDC.putCloseable(LogFields.CORRELATION_ID, correlationId)) {
            respond(exchange, result, failure);
          }
        });
  }

  private static final java.util.regex.Pattern GRAPHQL_NAME = java.util.regex.Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,99}");

  /** A client's operation name as it may go into a log line: a GraphQL name, or a placeholder. */
  private static String printableName(String operationName) {
    if (operationName == null) {
      return "(anonymous)";
    }
    return GRAPHQL_NAME.matcher(operationName).matches() ? operationName : "(not a GraphQL name)";
  }

  private void respond(HttpServerExchange exchange, Map<String, Object> result, Throwable failure) {
    if (failure == null) {
      JsonResponses.send(exchange, 200, result);
      log.debug("GraphQL answer sent{}", result.containsKey("errors") ? " with errors" : "");
      return;
    }
    String correlationId = CorrelationIds.of(exchange);
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      log.warn("GraphQL request timed out after {} (correlation id {})", settings.requestTimeout(), correlationId);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      JsonResponses.error(exchange, 503, ErrorCode.UNAVAILABLE,
          "No answer within " + settings.requestTimeout().toMillis() + " ms; retry later");
    } else {
      log.error("GraphQL execution failed (correlation id {})", correlationId, cause);
      JsonResponses.error(exchange, 500, ErrorCode.INTERNAL_ERROR, "Internal error; reference " + correlationId);
    }
  }

  private static GraphQLRequest fromJson(ObjectNode body) {
    JsonNode query = body.get("query");
    if (query == null || !query.isTextual() || query.asText().isBlank()) {
      throw new BadRequest("The request body needs a non-empty \"query\" string");
    }
    JsonNode operationName = body.get("operationName");
    if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
      throw new BadRequest("\"operationName\" must be a string");
    }
    JsonNode variables = body.get("variables");
    if (variables != null && !variables.isNull() && !variables.isObject()) {
      throw new BadRequest("\"variables\" must be a JSON object");
    }
    return new GraphQLRequest(query.asText(),
        operationName == null || operationName.isNull() ? null : operationName.asText(),
        variables == null || variables.isNull() ? Map.of() : toMap(variables));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(JsonNode object) {
    return STRICT.convertValue(object, Map.class);
  }

  /**
   * Only JSON media types: every other type (none included) is one a browser may send cross-site
   * without a CORS preflight, so accepting it would let any web page send mutations.
   */
  private static boolean isJsonContentType(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static String first(Map<String, Deque<String>> params, String name) {
    Deque<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
