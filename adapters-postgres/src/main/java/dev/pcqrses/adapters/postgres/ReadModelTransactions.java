package dev.pcqrses.adapters.postgres;

import dev.pcqrses.ports.out.ReadModelWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/** Runs read-model work in one transaction of its own (for drivers that keep no offsets in SQL). */
public final class ReadModelTransactions {
  private final DataSource dataSource;

  public ReadModelTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} with a writer in a new transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(Function<ReadModelWriter, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.apply(new JooqReadModelWriter(connection));
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new ReadModelUnavailableException("read-model transaction failed: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
