package dev.pcqrses.ports.in;

import java.util.List;

/**
 * Inbound port: bring the read model up to date with journal records, idempotently and in order
 * per stream (DESIGN.md, "Projection correctness"). Implementations work inside the caller's
 * transaction: the driver commits or rolls back.
 */
public interface ProjectUserAccountEvents {

  /** Projects one record. */
  ProjectionResult project(JournalRecord record);

  /**
   * Projects records in order, stopping at the first gap.
   *
   * @return one result per record projected; the last is the gap if there was one
   */
  default List<ProjectionResult> projectAll(List<JournalRecord> records) {
    java.util.ArrayList<ProjectionResult> results = new java.util.ArrayList<>(records.size());
    for (JournalRecord record : records) {
      ProjectionResult result = project(record);
      results.add(result);
      if (result.isGap()) {
        break;
      }
    }
    return results;
  }
}
