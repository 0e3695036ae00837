package dev.pcqrses.apps.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The GraphQL calls the load generator makes, over one shared HTTP client. */
final class GraphQLClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATE =
      "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }";
  private static final String RENAME =
      "mutation R($input: RenameUserAccountInput!) { renameUserAccount(input: $input) { id } }";
  private static final String GET = "query G($id: String!) { getUserAccount(userAccountId: $id) { id } }";

  private final HttpClient http;
  private final URI commandApi;
  private final URI queryApi;

  GraphQLClient(String commandApi, String queryApi, int threads) {
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(threads, r -> {
          Thread t = new Thread(r, "loadgen-http");
          t.setDaemon(true);
          return t;
        }))
        .build();
    this.commandApi = URI.create(commandApi + "/api/graphql");
    this.queryApi = URI.create(queryApi + "/api/graphql");
  }

  /** Creates an account; completes with its id, or fails with the error the API answered. */
  CompletableFuture<String> create(String firstName, String lastName, String email) {
    return post(commandApi, CREATE, Map.of("input",
        Map.of("firstName", firstName, "lastName", lastName, "emailAddress", email)))
        .thenApply(json -> {
          JsonNode id = json.at("/data/createUserAccount/id");
          if (id.isMissingNode() || id.isNull()) {
            throw new IllegalStateException("create failed: " + json);
          }
          return id.asText();
        });
  }

  /** Renames an account; fails with the error the API answered. */
  CompletableFuture<Void> rename(String id, String firstName, String lastName) {
    return post(commandApi, RENAME, Map.of("input",
        Map.of("userAccountId", id, "firstName", firstName, "lastName", lastName)))
        .thenAccept(json -> {
          if (json.has("errors")) {
            throw new IllegalStateException("rename failed: " + json);
          }
        });
  }

  /** Whether the query side shows the account. */
  CompletableFuture<Boolean> visible(String id) {
    return post(queryApi, GET, Map.of("id", id)).thenApply(json -> {
      if (json.has("errors")) {
        throw new IllegalStateException("query failed: " + json);
      }
      return !json.at("/data/getUserAccount").isNull();
    });
  }

  private CompletableFuture<JsonNode> post(URI uri, String query, Map<String, Object> variables) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
      }
      try {
        return JSON.readTree(response.body());
      } catch (Exception e) {
        throw new IllegalStateException("not JSON", e);
      }
    });
  }
}
