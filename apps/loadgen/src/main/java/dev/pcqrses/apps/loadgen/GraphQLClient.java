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
  static final String CREATE =
      "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }";
  static final String RENAME =
      "mutation R($input: RenameUserAccountInput!) { renameUserAccount(input: $input) { id } }";
  private static final String GET = "query G($id: String!) { getUserAccount(userAccountId: $id) { id } }";
  static final String DELETE =
      "mutation D($input: DeleteUserAccountInput!) { deleteUserAccount(input: $input) { id } }";
  /** What a client reading one account asks for (the mix's get, and its visibility polls). */
  static final String GET_ACCOUNT = "query G($id: String!) { getUserAccount(userAccountId: $id) "
      + "{ id firstName lastName fullName createdAt updatedAt } }";
  static final String SEARCH = "query S($t: String!, $n: Int) { searchUserAccounts(searchTerm: $t, first: $n) "
      + "{ id fullName } }";

  /** Which endpoint a call goes to. */
  enum Api { COMMAND, QUERY }

  /**
   * One answered (or failed) call. {@code answeredNanos} is taken when the response arrived, before
   * its body is parsed; {@code json} is the body of a 200 that is JSON, else null.
   */
  record Reply(int status, JsonNode json, Throwable failure, long answeredNanos) {
    /**
     * Null for a success; otherwise the error's key: {@code transport:<exception>} when no HTTP
     * answer came (refused, reset, timed out), {@code http:<status>} for a status other than 200,
     * {@code graphql:<extensions.code>} for a GraphQL error, {@code invalid:NOT_JSON} for a 200
     * whose body is not JSON.
     */
    String error() {
      return errorKey(status, json, failure);
    }

    static String errorKey(int status, JsonNode json, Throwable failure) {
      if (failure != null) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
          cause = cause.getCause();
        }
        return "transport:" + cause.getClass().getSimpleName();
      }
      if (status != 200) {
        return "http:" + status;
      }
      if (json == null) {
        return "invalid:NOT_JSON";
      }
      JsonNode errors = json.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        JsonNode code = errors.get(0).path("extensions").path("code");
        return "graphql:" + (code.isTextual() ? code.asText() : "NO_CODE");
      }
      return null;
    }
  }

  private final HttpClient http;
  private final URI commandApi;
  private final URI queryApi;

  GraphQLClient(String commandApi, String queryApi, int threads) {
    this.http = HttpClient.newBuilder()
        // The servers speak HTTP/1.1; without this the client asks every new connection for an h2c upgrade.
        .version(HttpClient.Version.HTTP_1_1)
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

  /**
   * Posts one GraphQL request; the future never fails: transport failures, HTTP statuses and GraphQL
   * errors all come back as a {@link Reply}.
   */
  CompletableFuture<Reply> call(Api api, String query, Map<String, Object> variables) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
    } catch (Exception e) {
      return CompletableFuture.completedFuture(new Reply(0, null, e, System.nanoTime()));
    }
    HttpRequest request = HttpRequest.newBuilder(api == Api.COMMAND ? commandApi : queryApi)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
      long answered = System.nanoTime();
      if (failure != null) {
        return new Reply(0, null, failure, answered);
      }
      JsonNode json = null;
      if (response.statusCode() == 200) {
        try {
          json = JSON.readTree(response.body());
        } catch (Exception e) {
          json = null;
        }
      }
      return new Reply(response.statusCode(), json, null, answered);
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
