package dev.pcqrses.adapters.lambda;

import dev.pcqrses.adapters.postgres.SharedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** One read-model row, read straight from the table (deleted rows included). */
record ReadModelState(String firstName, String lastName, long lastSequenceNr, boolean deleted) {

  static Optional<ReadModelState> of(String userAccountId) {
    String sql = "SELECT first_name, last_name, last_sequence_nr, deleted_at IS NOT NULL FROM user_accounts WHERE id = ?";
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, userAccountId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new ReadModelState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
