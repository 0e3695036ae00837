package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.adapters.postgres.EmbeddedPostgresServer;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster the tests of this JVM share, started on first use: three command-api nodes forming one
 * Pekko cluster (seed nodes from {@code PEKKO_CLUSTER_SEED_NODES}), two query-api instances and the
 * read-model updater, each a JVM of its own, on the test JVM's embedded PostgreSQL, on free loopback
 * ports. A test that kills or stops a node calls {@link #ensureHealthy()} (every test starts with
 * it), which starts whatever is not running and waits until the cluster has three members up again,
 * so the tests do not depend on their order.
 */
final class TestCluster {
  static final String SYSTEM = "pcqrses-command-api";
  /** How long a node may take to start and join on two shared cores (measured: 10-30 s). */
  static final Duration START_TIMEOUT = Duration.ofSeconds(150);
  /** The Split Brain Resolver decides this long after membership stopped changing. */
  static final String SBR_STABLE_AFTER = "3s";
  /**
   * Heartbeats may be missing this long before a member counts as unreachable: Pekko's 3 s plus some,
   * because six JVMs (and, on a developer machine, other builds) share two cores here, and a node
   * starved for a few seconds would otherwise be downed by the resolver in the middle of a test.
   */
  static final String HEARTBEAT_PAUSE = "5s";
  /** The graceful stop's phases, short for the tests; the load-balancer stand-in polls every 100 ms. */
  static final String HEALTH_GRACE_PERIOD = "2s";
  static final String DETACH_WAIT = "1s";
  static final String SHUTDOWN_TIMEOUT = "15s";
  /** The entity logs a DEBUG line per command it handles, with the account id: where it lives. */
  static final String ENTITY_LOGGER = "dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity";

  private static TestCluster shared;

  final Path workDir;
  final SharedPostgres postgres;
  final List<AppProcess> commandNodes = new ArrayList<>();
  final List<AppProcess> queryApis = new ArrayList<>();
  final AppProcess updater;
  /** The command nodes' remoting addresses, in node order: the seed nodes of the first start. */
  private final List<String> seedAddresses = new ArrayList<>();

  static synchronized TestCluster get() {
    if (shared == null) {
      shared = new TestCluster();
    }
    shared.ensureHealthy();
    return shared;
  }

  private TestCluster() {
    workDir = Path.of(System.getProperty("pcqrses.cluster-tests.work-dir", "target/cluster")).toAbsolutePath();
    try {
      Files.createDirectories(workDir.resolve("pids"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    postgres = SharedPostgres.get();
    recordPostmasterPid();
    Map<String, String> database = Map.of(
        "DATABASE_URL", postgres.jdbcUrl(),
        "DATABASE_USER", EmbeddedPostgresServer.USER,
        "DATABASE_PASSWORD", "",
        // SharedPostgres migrated the schema once; six apps need not each take Flyway's lock.
        "DATABASE_MIGRATE_ON_START", "false",
        "LOG_FORMAT", "json");

    int[] remotePorts = {freePort(), freePort(), freePort()};
    for (int p : remotePorts) {
      seedAddresses.add("pekko://" + SYSTEM + "@127.0.0.1:" + p);
    }
    String seeds = String.join(",", seedAddresses);
    for (int i = 0; i < 3; i++) {
      Map<String, String> env = new LinkedHashMap<>(database);
      env.put("COMMAND_API_HOST", "127.0.0.1");
      int httpPort = freePort();
      env.put("COMMAND_API_PORT", Integer.toString(httpPort));
      env.put("PEKKO_REMOTE_HOSTNAME", "127.0.0.1");
      env.put("PEKKO_REMOTE_PORT", Integer.toString(remotePorts[i]));
      env.put("PEKKO_CLUSTER_SEED_NODES", seeds);
      env.put("PEKKO_CLUSTER_SBR_STABLE_AFTER", SBR_STABLE_AFTER);
      env.put("PEKKO_CLUSTER_FAILURE_DETECTOR_ACCEPTABLE_HEARTBEAT_PAUSE", HEARTBEAT_PAUSE);
      env.put("PEKKO_MANAGEMENT_HTTP_HOSTNAME", "127.0.0.1");
      env.put("PEKKO_MANAGEMENT_HTTP_PORT", Integer.toString(freePort()));
      env.put("COMMAND_API_LOADBALANCER_HEALTH_GRACE_PERIOD", HEALTH_GRACE_PERIOD);
      env.put("COMMAND_API_LOADBALANCER_DETACH_WAIT_DURATION", DETACH_WAIT);
      env.put("COMMAND_API_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT);
      env.put("METRICS_SHARDING_SAMPLE_INTERVAL", "500ms");
      env.put("LOG_LEVELS", ENTITY_LOGGER + "=DEBUG");
      commandNodes.add(new AppProcess("command-" + (i + 1), "command-api", httpPort, env, workDir));
    }
    for (int i = 0; i < 2; i++) {
      Map<String, String> env = new LinkedHashMap<>(database);
      int httpPort = freePort();
      env.put("QUERY_API_HOST", "127.0.0.1");
      env.put("QUERY_API_PORT", Integer.toString(httpPort));
      env.put("QUERY_API_LOADBALANCER_HEALTH_GRACE_PERIOD", HEALTH_GRACE_PERIOD);
      env.put("QUERY_API_LOADBALANCER_DETACH_WAIT_DURATION", DETACH_WAIT);
      env.put("QUERY_API_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT);
      queryApis.add(new AppProcess("query-" + (i + 1), "query-api", httpPort, env, workDir));
    }
    Map<String, String> env = new LinkedHashMap<>(database);
    int updaterPort = freePort();
    env.put("READ_MODEL_UPDATER_HOST", "127.0.0.1");
    env.put("READ_MODEL_UPDATER_PORT", Integer.toString(updaterPort));
    // A single-node cluster of its own (no seed nodes), on any free remoting port; its management
    // port must not collide with the command nodes'.
    env.put("PEKKO_REMOTE_HOSTNAME", "127.0.0.1");
    env.put("PEKKO_REMOTE_PORT", "0");
    env.put("PEKKO_MANAGEMENT_HTTP_HOSTNAME", "127.0.0.1");
    env.put("PEKKO_MANAGEMENT_HTTP_PORT", Integer.toString(freePort()));
    updater = new AppProcess("read-model-updater", "read-model-updater", updaterPort, env, workDir);
  }

  List<AppProcess> all() {
    List<AppProcess> all = new ArrayList<>(commandNodes);
    all.addAll(queryApis);
    all.add(updater);
    return all;
  }

  /**
   * Starts every app that is not running and waits until all are ready and every command node sees
   * the three nodes up (and none unreachable or on its way out).
   */
  synchronized void ensureHealthy() {
    long started = System.nanoTime();
    List<AppProcess> toStart = all().stream().filter(a -> !a.alive()).toList();
    for (AppProcess app : toStart) {
      if (commandNodes.contains(app)) {
        app.setEnv("PEKKO_CLUSTER_SEED_NODES", seedNodesFor(app));
      }
      app.start();
    }
    List<CompletableFuture<Void>> ready = all().stream()
        .map(a -> CompletableFuture.runAsync(() -> awaitReady(a, START_TIMEOUT)))
        .toList();
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    for (AppProcess node : commandNodes) {
      awaitMembersUp(node, 3, START_TIMEOUT);
    }
    if (!toStart.isEmpty()) {
      System.out.printf(Locale.ROOT, "[cluster] started %s; all ready, 3 members up, in %.1f s%n",
          toStart.stream().map(a -> a.name).toList(), (System.nanoTime() - started) / 1e9);
    }
  }

  /**
   * Starts a stopped command node again: into the running cluster, so with the other nodes as its
   * seed nodes (see {@link #seedNodesFor}).
   */
  void restart(AppProcess node) {
    node.setEnv("PEKKO_CLUSTER_SEED_NODES", seedNodesFor(node));
    node.start();
  }

  /**
   * The seed nodes a command node starts with. The whole list, in node order, when no command node
   * runs (node 1, first in the list, may then form the cluster). Otherwise only the other nodes: a
   * node first in its own list joins itself, forming a second cluster, if the others do not answer
   * within seed-node-timeout (5 s), which happened here on a loaded machine when node 1 restarted.
   */
  String seedNodesFor(AppProcess node) {
    boolean clusterRunning = commandNodes.stream().anyMatch(n -> n != node && n.alive());
    if (!clusterRunning) {
      return String.join(",", seedAddresses);
    }
    List<String> others = new ArrayList<>();
    for (int i = 0; i < commandNodes.size(); i++) {
      if (commandNodes.get(i) != node) {
        others.add(seedAddresses.get(i));
      }
    }
    return String.join(",", others);
  }

  /** Polls {@code /health/ready} until 200; fails at once if the process exits. */
  static void awaitReady(AppProcess app, Duration timeout) {
    Poll.until(timeout, () -> app + " ready", () -> {
      if (!app.alive()) {
        throw new AssertionError(app + " exited with " + app.process().exitValue() + "\n" + app.logTail(80));
      }
      return Api.get(app.baseUrl(), "/health/ready", Duration.ofSeconds(2)).status() == 200;
    }, () -> app.logTail(40));
  }

  /** Polls the node's {@code /metrics} until it sees exactly {@code n} members, all up, none unreachable. */
  static void awaitMembersUp(AppProcess node, int n, Duration timeout) {
    Poll.until(timeout, () -> node + " sees " + n + " members up", () -> {
      Membership m = membership(node);
      return m != null && m.up() == n && m.total() == n && m.unreachable() == 0;
    }, () -> "last seen: " + membership(node));
  }

  /** Members by status as {@code node} sees them ({@code pcqrses_cluster_*}), or null if it does not answer. */
  static Membership membership(AppProcess node) {
    Api.Reply r = Api.get(node.baseUrl(), "/metrics", Duration.ofSeconds(2));
    if (r.status() != 200) {
      return null;
    }
    String s = r.body();
    return new Membership(
        (int) Api.sample(s, "pcqrses_cluster_members", "status=\"up\""),
        (int) Api.sample(s, "pcqrses_cluster_members"),
        (int) Api.sample(s, "pcqrses_cluster_unreachable_members"));
  }

  record Membership(int up, int total, int unreachable) {}

  /** Shards and live entities of the user-account region on {@code node} ({@code pcqrses_sharding_*}). */
  static int[] shardsAndEntities(AppProcess node) {
    Api.Reply r = Api.get(node.baseUrl(), "/metrics", Duration.ofSeconds(2));
    assertThat(r.status()).as("%s /metrics: %s", node, r.describe()).isEqualTo(200);
    return new int[] {(int) Api.sample(r.body(), "pcqrses_sharding_shards"),
        (int) Api.sample(r.body(), "pcqrses_sharding_entities")};
  }

  private static final Pattern ENTITY_LINE_ID = Pattern.compile("\"user_account_id\":\"([0-9A-Z]{26})\"");

  /**
   * The accounts whose entity logged a command on {@code node}'s current incarnation: where each
   * entity lives (the command's debug line is logged inside the entity, wherever the request came in).
   */
  static Set<String> entitiesLoggedBy(AppProcess node) {
    Set<String> ids = new HashSet<>();
    for (String line : node.logText().split("\n")) {
      if (line.contains("\"logger_name\":\"" + ENTITY_LOGGER)) {
        Matcher m = ENTITY_LINE_ID.matcher(line);
        if (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    return ids;
  }

  Connection connection() throws SQLException {
    return postgres.dataSource().getConnection();
  }

  long queryLong(String sql) {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The postmaster's pid beside the apps' pid files, so that CI can clean up after a killed test JVM. */
  private void recordPostmasterPid() {
    try (Connection c = connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      Path pidFile = Path.of(rs.getString(1)).resolve("postmaster.pid");
      String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
      Files.writeString(workDir.resolve("pids").resolve("postgres.pid"), pid, StandardCharsets.UTF_8);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Files.deleteIfExists(workDir.resolve("pids").resolve("postgres.pid"));
        } catch (IOException ignored) {
          // only a hint for the CI clean-up, which checks the process before it kills
        }
      }, "cluster-tests-postgres-pid"));
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("could not record the PostgreSQL pid", e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
