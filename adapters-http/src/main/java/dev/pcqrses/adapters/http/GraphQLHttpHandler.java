package dev.pcqrses.adapters.http;

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
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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
    if (length > settings.maxBodyBytes()) {
      tooLarge(exchange);
      return;
    }
    exchange.setMaxEntitySize(settings.maxBodyBytes());
    exchange.getRequestReceiver().receiveFullBytes(
        (ex, body) -> handlePostBody(ex, body),
        (ex, failure) -> {
          if (failure instanceof RequestTooBigException) {
            tooLarge(ex);
          } else {
            JsonResponses.error(ex, 400, ErrorCode.BAD_REQUEST, "Could not read the request body");
          }
        });
  }

  private void tooLarge(HttpServerExchange exchange) {
    // The rest of the body is not read: close the connection after answering.
    exchange.setPersistent(false);
    JsonResponses.error(exchange, 413, ErrorCode.PAYLOAD_TOO_LARGE,
        "The request body exceeds " + settings.maxBodyBytes() + " bytes");
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
    if (query == null || query.isBlank()) {
      JsonResponses.error(exchange, 400, ErrorCode.BAD_REQUEST, "Missing the \"query\" parameter");
      return;
    }
    Map<String, Object> variables = Map.of();
    String rawVariables = first(params, "variables");
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
    GraphQLRequest request = new GraphQLRequest(query, first(params, "operationName"), variables);
    if (GraphQLEndpoint.isMutation(request)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      JsonResponses.error(exchange, 405, ErrorCode.METHOD_NOT_ALLOWED, "Mutations are accepted over POST only");
      return;
    }
    exchange.dispatch(() -> execute(exchange, request));
  }

  private void execute(HttpServerExchange exchange, GraphQLRequest request) {
    String correlationId = CorrelationIds.of(exchange);
    endpoint.execute(request, correlationId)
        .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((result, failure) -> {
          if (failure == null) {
            JsonResponses.send(exchange, 200, result);
            return;
          }
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
        });
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

  private static boolean isJsonContentType(String contentType) {
    if (contentType == null) {
      return true; // not something a browser sends cross-site
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
