package dev.pcqrses.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcqrses.adapters.http.graphql.ErrorCode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes JSON responses, including the error shape used outside GraphQL execution. */
final class JsonResponses {
  /** Writes characters outside the BMP (emoji) as UTF-8, not as escaped surrogate pairs. */
  static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build());
  private static final String JSON = "application/json; charset=utf-8";

  private JsonResponses() {}

  static void send(HttpServerExchange exchange, int status, Object body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      status = 500;
      bytes = "{\"errors\":[{\"message\":\"Internal error\",\"extensions\":{\"code\":\"INTERNAL_ERROR\"}}]}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  /** A GraphQL-shaped error body ({@code {"errors":[…]}}) for failures before execution. */
  static void error(HttpServerExchange exchange, int status, ErrorCode code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("extensions", Map.of("code", code.name()));
    send(exchange, status, Map.of("errors", List.of(error)));
  }
}
