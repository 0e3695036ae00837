package dev.pcqrses.adapters.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One dynalite (a DynamoDB-compatible server, npm package pinned in tools/dynalite) per test JVM,
 * on a free loopback port, in memory. Installed from its lock file on first use when npm is there.
 *
 * <p>Without Node.js the tests that need it are skipped with a visible notice; with
 * {@code PCQRSES_REQUIRE_DYNALITE=true} (CI) they fail instead, so CI can never skip them.
 * Published in this module's test-jar for the Lambda's tests.
 */
public final class SharedDynalite {
  private static SharedDynalite instance;
  private static String unavailable;

  private final Process process;
  private final int port;

  private SharedDynalite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The shared server; skips (or, in CI, fails) the calling test when it cannot run here. */
  public static synchronized SharedDynalite get() {
    if (instance == null && unavailable == null) {
      try {
        instance = start();
      } catch (DynaliteUnavailable e) {
        unavailable = e.getMessage();
      }
    }
    if (instance == null) {
      if ("true".equalsIgnoreCase(System.getenv("PCQRSES_REQUIRE_DYNALITE"))) {
        throw new IllegalStateException("dynalite is required here but cannot run: " + unavailable);
      }
      System.err.println("NOTICE: skipping a DynamoDB test: " + unavailable);
      Assumptions.abort("dynalite cannot run here: " + unavailable);
    }
    return instance;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Settings on this server with tables of the caller's choosing (any non-empty credentials work). */
  public DynamoDbSettings settings(String journalTable, String snapshotTable) {
    return new DynamoDbSettings("us-east-1", endpoint(), "test", "test", journalTable, snapshotTable, "journal",
        java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(4));
  }

  public AmazonDynamoDB client() {
    return DynamoDbClients.create(settings("unused", "unused"));
  }

  private static SharedDynalite start() {
    Path dir = toolsDirectory();
    Path cli = dir.resolve("node_modules/dynalite/cli.js");
    if (!Files.exists(cli)) {
      install(dir);
    }
    int port = freePort();
    Process process;
    try {
      process = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
              Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new DynaliteUnavailable("cannot run node: " + e.getMessage());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!listening(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new DynaliteUnavailable("dynalite did not start on port " + port);
      }
      sleep(50);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "dynalite-stop"));
    return new SharedDynalite(process, port);
  }

  private static void install(Path dir) {
    try {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new DynaliteUnavailable("`npm ci` in " + dir + " failed");
      }
    } catch (IOException e) {
      throw new DynaliteUnavailable("Node.js/npm is not installed (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DynaliteUnavailable("interrupted while installing dynalite");
    }
  }

  /** tools/dynalite of this repository, found from the module's working directory upwards. */
  private static Path toolsDirectory() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("tools/dynalite");
      if (Files.exists(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new DynaliteUnavailable("tools/dynalite not found above " + Path.of("").toAbsolutePath());
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis); // polling for the port, with a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class DynaliteUnavailable extends RuntimeException {
    DynaliteUnavailable(String message) {
      super(message);
    }
  }
}
