package dev.pcqrses.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small real HTTP client for tests (java.net.http over loopback); shared through the test-jar. */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  public Http(String base) {
    this.base = base;
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String errorCode() {
      return json().path("errors").path(0).path("extensions").path("code").asText(null);
    }
  }

  public Response post(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** Posts a body of unknown length: the client sends it chunked. */
  public Response postStream(String path, java.util.function.Supplier<java.io.InputStream> body,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofInputStream(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response postJson(String path, String body) {
    return post(path, body, Map.of("Content-Type", "application/json"));
  }

  public Response graphql(String query, Map<String, Object> variables) {
    try {
      return postJson("/api/graphql", JSON.writeValueAsString(Map.of("query", query, "variables", variables)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response get(String pathAndQuery, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response get(String pathAndQuery) {
    return get(pathAndQuery, Map.of());
  }

  public Response method(String method, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  public static String param(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
