package dev.pcqrses.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

  @Test
  void keeps_its_data_across_a_clean_restart_and_starts_empty_when_asked(@TempDir Path dir) throws Exception {
    var options = new EmbeddedPostgresServer.Options(dir.resolve("data"), 0, false, false);
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(options)) {
      execute(first, "CREATE TABLE kept (x int)", "INSERT INTO kept VALUES (42)");
    }
    try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(options)) {
      assertThat(queryInt(second, "SELECT x FROM kept")).isEqualTo(42);
    }
    var empty = new EmbeddedPostgresServer.Options(dir.resolve("data"), 0, true, false);
    try (EmbeddedPostgresServer third = EmbeddedPostgresServer.start(empty)) {
      assertThat(queryInt(third, "SELECT count(*) FROM pg_tables WHERE tablename = 'kept'")).isZero();
    }
  }

  @Test
  void restarts_on_the_data_of_a_process_that_was_killed_with_sigkill(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Process child = startChild(data);
    child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster is orphaned
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(data.resolve("postmaster.pid"))).as("orphaned postmaster still running").isTrue();

    try (EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Options(data, 0, false, false))) {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT note FROM survivor")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("written before kill -9");
      }
    }
  }

  @Test
  void a_second_owner_of_a_running_data_directory_is_refused_and_the_first_keeps_working(@TempDir Path dir)
      throws Exception {
    var options = new EmbeddedPostgresServer.Options(dir.resolve("data"), 0, false, false);
    try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(options)) {
      execute(running, "CREATE TABLE still_here (x int)");
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(options))
          .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class)
          .hasMessageContaining("in use");
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(
              new EmbeddedPostgresServer.Options(dir.resolve("data"), 0, true, false)))
          .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class);
      assertThat(queryInt(running, "SELECT count(*) FROM still_here")).isZero();
    }
  }

  @Test
  void a_second_process_on_a_running_data_directory_is_refused(@TempDir Path dir) throws Exception {
    Process child = startChild(dir.resolve("data"));
    try {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(
              new EmbeddedPostgresServer.Options(dir.resolve("data"), 0, false, false)))
          .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class);
      assertThat(child.isAlive()).isTrue();
    } finally {
      child.destroy(); // SIGTERM: its shutdown hook stops its PostgreSQL
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts {@link EmbeddedPostgresChild} on {@code data} and waits for its ready line. */
  private static Process startChild(Path data) throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        EmbeddedPostgresChild.class.getName(), data.toString())
        .redirectErrorStream(true)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY")) {
      // the child's start-up log
    }
    assertThat(line).as("child started PostgreSQL").startsWith("READY");
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe empty
        }
      } catch (java.io.IOException ignored) {
        // the child ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    return child;
  }

  private static void execute(EmbeddedPostgresServer server, String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  private static int queryInt(EmbeddedPostgresServer server, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
