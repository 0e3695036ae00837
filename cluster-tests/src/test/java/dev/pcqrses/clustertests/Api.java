package dev.pcqrses.clustertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The calls the tests make to the apps over loopback HTTP: GraphQL (the documents of
 * docs/graphql.md), {@code /health/ready} and {@code /metrics}. Never throws for what a server
 * answers or fails to answer: every call returns a {@link Reply}.
 */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CREATE = "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }";
  static final String RENAME = "mutation R($input: RenameUserAccountInput!) { renameUserAccount(input: $input) { id } }";
  static final String DELETE = "mutation D($input: DeleteUserAccountInput!) { deleteUserAccount(input: $input) { id } }";
  static final String GET = "query G($id: String!) { getUserAccount(userAccountId: $id) { id firstName lastName } }";
  static final String LIST = "query L($n: Int) { getUserAccounts(first: $n) { items { id } } }";

  /**
   * HTTP/1.1 only (the servers speak it; otherwise every new connection asks for an h2c upgrade),
   * and short connect timeouts: a dead node must fail a call fast, not after the OS default.
   */
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .executor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cluster-tests-http");
        t.setDaemon(true);
        return t;
      }))
      .build();

  private Api() {}

  /** An answer, or the transport failure instead of one ({@code status} 0). */
  record Reply(int status, String body, Map<String, java.util.List<String>> headers, Exception failure) {
    boolean transportFailure() {
      return failure != null;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return JSON.missingNode();
      }
    }

    /** {@code extensions.code} of the first GraphQL error, or null when there is none. */
    String errorCode() {
      return body == null ? null : json().path("errors").path(0).path("extensions").path("code").asText(null);
    }

    /** A 200 without GraphQL errors. */
    boolean ok() {
      return status == 200 && body != null && !json().has("errors") && json().has("data");
    }

    String describe() {
      return failure != null ? "transport: " + failure : "HTTP " + status + " " + body;
    }
  }

  static Reply graphql(String baseUrl, String query, Map<String, Object> variables, Duration timeout) {
    try {
      byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
      return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/graphql"))
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Reply get(String baseUrl, String path, Duration timeout) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build());
  }

  private static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response.headers().map(), null);
    } catch (IOException e) {
      return new Reply(0, null, Map.of(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, null, Map.of(), e);
    }
  }

  static Map<String, Object> createInput(String firstName, String lastName, String email) {
    return Map.of("input", Map.of("firstName", firstName, "lastName", lastName, "emailAddress", email));
  }

  static Map<String, Object> renameInput(String id, String firstName, String lastName) {
    return Map.of("input", Map.of("userAccountId", id, "firstName", firstName, "lastName", lastName));
  }

  static Map<String, Object> deleteInput(String id) {
    return Map.of("input", Map.of("userAccountId", id));
  }

  /**
   * The sum of the samples of {@code metric} in a Prometheus scrape whose labels contain every
   * {@code label="value"} given (e.g. {@code status="up"}); NaN when the metric is absent.
   */
  static double sample(String scrape, String metric, String... labels) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (!(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
        continue;
      }
      boolean matches = true;
      for (String label : labels) {
        matches &= line.contains(label);
      }
      if (matches) {
        found = true;
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return found ? sum : Double.NaN;
  }
}
