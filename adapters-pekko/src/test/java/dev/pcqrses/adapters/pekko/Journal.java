package dev.pcqrses.adapters.pekko;

import dev.pcqrses.adapters.postgres.SharedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the journal tables directly, to check what really got written. */
final class Journal {
  private Journal() {}

  record Row(long sequenceNr, int serializerId, String manifest, String payload, List<String> tags) {}

  static List<Row> rows(String persistenceId) {
    String sql = "SELECT j.sequence_number, j.event_ser_id, j.event_ser_manifest, j.event_payload,"
        + " (SELECT string_agg(t.tag, ',') FROM event_tag t WHERE t.event_id = j.ordering)"
        + " FROM event_journal j WHERE j.persistence_id = ? ORDER BY j.sequence_number";
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, persistenceId);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String tags = rs.getString(5);
          rows.add(new Row(rs.getLong(1), rs.getInt(2), rs.getString(3),
              new String(rs.getBytes(4), java.nio.charset.StandardCharsets.UTF_8),
              tags == null ? List.of() : List.of(tags.split(","))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sequence numbers of the snapshots kept for a stream, with their serializer ids. */
  static List<long[]> snapshots(String persistenceId) {
    String sql = "SELECT sequence_number, snapshot_ser_id FROM snapshot WHERE persistence_id = ? ORDER BY sequence_number";
    try (Connection c = SharedPostgres.get().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, persistenceId);
      List<long[]> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(1), rs.getInt(2)});
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
