package dev.pcqrses.adapters.postgres;

import static dev.pcqrses.adapters.postgres.Fixtures.created;
import static dev.pcqrses.adapters.postgres.Fixtures.deleted;
import static dev.pcqrses.adapters.postgres.Fixtures.newId;
import static dev.pcqrses.adapters.postgres.Fixtures.renamed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.ports.out.ReadModelWriter.ProjectedPosition;
import dev.pcqrses.ports.service.UserAccountProjector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * At-least-once, re-ordered delivery: any shuffle of a stream with duplicates, re-delivered from
 * the first gap until it is through (as a Lambda retry or a projection restart does), ends in the
 * same read model as one in-order delivery.
 */
class ProjectionConvergencePropertyTest {
  final SharedPostgres pg = SharedPostgres.get();
  final ReadModelTransactions tx = new ReadModelTransactions(pg.dataSource());
  final JooqReadModelReader reader = new JooqReadModelReader(pg.dataSource());

  @Property(tries = 40)
  void any_redelivery_converges_to_the_in_order_result(
      @ForAll @IntRange(min = 1, max = 8) int renames, @ForAll boolean deleteAtEnd, @ForAll long seed) {
    Random random = new Random(seed);
    UserAccountId inOrderId = newId();
    UserAccountId shuffledId = newId();
    List<JournalRecord> inOrder = stream(inOrderId, renames, deleteAtEnd);
    List<JournalRecord> same = stream(shuffledId, renames, deleteAtEnd);

    tx.inTransaction(w -> new UserAccountProjector(w).projectAll(inOrder));

    List<JournalRecord> pending = new ArrayList<>(same);
    for (int i = 0, n = random.nextInt(same.size() + 1); i < n; i++) {
      pending.add(same.get(random.nextInt(same.size()))); // duplicates
    }
    java.util.Collections.shuffle(pending, random);
    int deliveries = 0;
    while (!pending.isEmpty()) {
      assertThat(++deliveries).as("deliveries").isLessThan(1000);
      List<JournalRecord> batch = pending;
      List<ProjectionResult> results = tx.inTransaction(w -> new UserAccountProjector(w).projectAll(batch));
      ProjectionResult last = results.get(results.size() - 1);
      if (last.isGap()) {
        // retry from the failed record; what is missing comes later in a fresh shuffle of the rest
        List<JournalRecord> rest = new ArrayList<>(batch.subList(results.size() - 1, batch.size()));
        java.util.Collections.shuffle(rest, random);
        pending = rest;
      } else {
        pending = List.of();
      }
    }

    assertThat(position(shuffledId)).isEqualTo(position(inOrderId));
    assertThat(reader.findById(shuffledId).map(v -> v.fullName()))
        .isEqualTo(reader.findById(inOrderId).map(v -> v.fullName()));
  }

  private static List<JournalRecord> stream(UserAccountId id, int renames, boolean deleteAtEnd) {
    List<JournalRecord> records = new ArrayList<>();
    records.add(created(id, "First", "Name"));
    for (int i = 0; i < renames; i++) {
      records.add(renamed(id, i + 2, "Name" + i, "Last" + i));
    }
    if (deleteAtEnd) {
      records.add(deleted(id, renames + 2));
    }
    return records;
  }

  private Optional<ProjectedPosition> position(UserAccountId id) {
    return tx.inTransaction(w -> w.lockPosition(id));
  }
}
