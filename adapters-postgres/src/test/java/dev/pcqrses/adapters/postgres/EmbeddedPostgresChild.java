package dev.pcqrses.adapters.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Run in a child JVM by {@link EmbeddedPostgresServerTest}: starts a server, writes a row, waits to be killed. */
public final class EmbeddedPostgresChild {
  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
        new EmbeddedPostgresServer.Options(Path.of(args[0]), 0, false, true));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS survivor (note text)");
      s.execute("INSERT INTO survivor VALUES ('written before kill -9')");
    }
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
