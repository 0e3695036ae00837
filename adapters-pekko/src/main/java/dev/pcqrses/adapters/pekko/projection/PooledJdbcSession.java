package dev.pcqrses.adapters.pekko.projection;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * One transaction on a pooled connection, for pekko-projection-jdbc: the projection runs the
 * handler and stores its offset through the same session, so both commit or neither does. The
 * connection is taken from the pool on first use and returned on close.
 */
final class PooledJdbcSession implements JdbcSession {
  private final DataSource dataSource;
  private Connection connection;

  PooledJdbcSession(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <R> R withConnection(Function<Connection, R> work) throws Exception {
    return work.apply(connection());
  }

  @Override
  public void commit() throws SQLException {
    if (connection != null) {
      connection.commit();
    }
  }

  @Override
  public void rollback() throws SQLException {
    if (connection != null) {
      connection.rollback();
    }
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      try {
        connection.close();
      } finally {
        connection = null;
      }
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(false);
      connection = c;
    }
    return connection;
  }
}
