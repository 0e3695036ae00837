package dev.pcqrses.adapters.postgres;

import static dev.pcqrses.adapters.postgres.Fixtures.created;
import static dev.pcqrses.adapters.postgres.Fixtures.deleted;
import static dev.pcqrses.adapters.postgres.Fixtures.newId;
import static dev.pcqrses.adapters.postgres.Fixtures.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.ports.in.UserAccountView;
import dev.pcqrses.ports.out.ReadModelWriter.ProjectedPosition;
import dev.pcqrses.ports.service.UserAccountProjector;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The projector's rule (DESIGN.md) against the real PostgreSQL writer and reader. */
class UserAccountProjectorTest {
  final SharedPostgres pg = SharedPostgres.get();
  final ReadModelTransactions tx = new ReadModelTransactions(pg.dataSource());
  final JooqReadModelReader reader = new JooqReadModelReader(pg.dataSource());

  ProjectionResult project(JournalRecord record) {
    return tx.inTransaction(writer -> new UserAccountProjector(writer).project(record));
  }

  Optional<ProjectedPosition> position(UserAccountId id) {
    return tx.inTransaction(writer -> writer.lockPosition(id));
  }

  @Test
  void applies_a_stream_in_order() {
    UserAccountId id = newId();
    JournalRecord create = created(id, "太郎", "山田");
    assertThat(project(create)).isEqualTo(new ProjectionResult.Applied(1));
    UserAccountView v1 = reader.findById(id).orElseThrow();
    assertThat(v1.firstName()).isEqualTo("太郎");
    assertThat(v1.createdAt()).isEqualTo(create.event().occurredAt());
    assertThat(v1.updatedAt()).isEqualTo(v1.createdAt());

    JournalRecord rename = renamed(id, 2, "次郎", "田中");
    assertThat(project(rename)).isEqualTo(new ProjectionResult.Applied(2));
    UserAccountView v2 = reader.findById(id).orElseThrow();
    assertThat(v2.fullName()).isEqualTo("次郎 田中");
    assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
    assertThat(v2.updatedAt()).isEqualTo(rename.event().occurredAt());

    assertThat(project(deleted(id, 3))).isEqualTo(new ProjectionResult.Applied(3));
    assertThat(reader.findById(id)).isEmpty();
    assertThat(position(id)).contains(new ProjectedPosition(3, true));
  }

  @Test
  void a_duplicate_is_skipped_and_changes_nothing() {
    UserAccountId id = newId();
    project(created(id, "Mia", "Ito"));
    project(renamed(id, 2, "Mio", "Ito"));
    assertThat(project(created(id, "Mia", "Ito"))).isEqualTo(new ProjectionResult.Duplicate(1, 2));
    assertThat(project(renamed(id, 2, "Other", "Name"))).isEqualTo(new ProjectionResult.Duplicate(2, 2));
    assertThat(reader.findById(id).orElseThrow().firstName()).isEqualTo("Mio");
    assertThat(position(id)).contains(new ProjectedPosition(2, false));
  }

  @Test
  void a_gap_is_not_applied_until_the_missing_event_arrives() {
    UserAccountId id = newId();
    project(created(id, "Ann", "Lee"));
    JournalRecord third = renamed(id, 3, "Anne", "Lee");
    assertThat(project(third)).isEqualTo(new ProjectionResult.Gap(2, 3));
    assertThat(reader.findById(id).orElseThrow().firstName()).isEqualTo("Ann");

    assertThat(project(renamed(id, 2, "Annie", "Lee"))).isEqualTo(new ProjectionResult.Applied(2));
    assertThat(project(third)).isEqualTo(new ProjectionResult.Applied(3));
    assertThat(reader.findById(id).orElseThrow().firstName()).isEqualTo("Anne");
  }

  @Test
  void events_of_an_unknown_account_wait_for_its_creation() {
    UserAccountId id = newId();
    assertThat(project(renamed(id, 2, "B", "C"))).isEqualTo(new ProjectionResult.Gap(1, 2));
    assertThat(position(id)).isEmpty();
  }

  @Test
  void a_deleted_account_stays_deleted() {
    UserAccountId id = newId();
    project(created(id, "Sam", "Oda"));
    project(deleted(id, 2));
    // The aggregate never emits this, but a read model must not resurrect an account whatever arrives.
    assertThat(project(renamed(id, 3, "Back", "Again"))).isEqualTo(new ProjectionResult.Applied(3));
    assertThat(reader.findById(id)).isEmpty();
    assertThat(position(id)).contains(new ProjectedPosition(3, true));
  }

  @Test
  void a_stream_that_does_not_start_with_a_creation_is_refused_and_nothing_is_written() {
    UserAccountId id = newId();
    assertThatThrownBy(() -> project(renamed(id, 1, "B", "C")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("first event");
    assertThat(position(id)).isEmpty();
  }

  @Test
  void a_failure_mid_batch_rolls_the_whole_batch_back() {
    UserAccountId id = newId();
    UserAccountId broken = newId();
    assertThatThrownBy(() -> tx.inTransaction(writer -> new UserAccountProjector(writer)
        .projectAll(List.of(created(id, "Kai", "Mori"), renamed(broken, 1, "X", "Y")))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(position(id)).isEmpty();
  }

  @Test
  void project_all_stops_at_the_first_gap() {
    UserAccountId id = newId();
    List<ProjectionResult> results = tx.inTransaction(writer -> new UserAccountProjector(writer).projectAll(
        List.of(created(id, "A", "B"), renamed(id, 3, "C", "D"), renamed(id, 2, "E", "F"))));
    assertThat(results).containsExactly(new ProjectionResult.Applied(1), new ProjectionResult.Gap(2, 3));
    assertThat(position(id)).contains(new ProjectedPosition(1, false));
  }

  @Test
  void two_projectors_racing_on_one_new_account_apply_its_creation_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        UserAccountId id = newId();
        JournalRecord create = created(id, "Race", "Condition");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<ProjectionResult> task = () -> {
          start.await(5, TimeUnit.SECONDS);
          return project(create);
        };
        Future<ProjectionResult> a = pool.submit(task);
        Future<ProjectionResult> b = pool.submit(task);
        List<ProjectionResult> results = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));
        assertThat(results).containsExactlyInAnyOrder(new ProjectionResult.Applied(1), new ProjectionResult.Duplicate(1, 1));
        assertThat(position(id)).contains(new ProjectedPosition(1, false));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void two_projectors_racing_on_one_new_account_with_groups_apply_each_event_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        UserAccountId id = newId();
        UserAccountId other = newId();
        // Both groups create the account (the batch insert of one of them finds the other's row).
        List<JournalRecord> a = List.of(created(id, "Race", "Group"), renamed(id, 2, "Won", "Twice"), created(other, "O", "K"));
        List<JournalRecord> b = List.of(created(id, "Race", "Group"), renamed(id, 2, "Won", "Twice"), renamed(id, 3, "Third", "Rename"));
        CyclicBarrier start = new CyclicBarrier(2);
        Future<List<ProjectionResult>> first = pool.submit(() -> {
          start.await(5, TimeUnit.SECONDS);
          return tx.inTransaction(w -> new UserAccountProjector(w).projectAll(a));
        });
        Future<List<ProjectionResult>> second = pool.submit(() -> {
          start.await(5, TimeUnit.SECONDS);
          return tx.inTransaction(w -> new UserAccountProjector(w).projectAll(b));
        });
        List<ProjectionResult> ra = first.get(10, TimeUnit.SECONDS);
        List<ProjectionResult> rb = second.get(10, TimeUnit.SECONDS);
        // Sequence numbers 1 and 2 of id applied exactly once between the two, 3 once by b.
        long appliedOne = java.util.stream.Stream.of(ra.get(0), rb.get(0)).filter(r -> r instanceof ProjectionResult.Applied).count();
        long appliedTwo = java.util.stream.Stream.of(ra.get(1), rb.get(1)).filter(r -> r instanceof ProjectionResult.Applied).count();
        assertThat(appliedOne).as("%s / %s", ra, rb).isEqualTo(1);
        assertThat(appliedTwo).as("%s / %s", ra, rb).isEqualTo(1);
        assertThat(ra.get(2)).isEqualTo(new ProjectionResult.Applied(1));
        assertThat(rb.get(2)).isEqualTo(new ProjectionResult.Applied(3));
        assertThat(position(id)).contains(new ProjectedPosition(3, false));
        assertThat(reader.findById(id)).hasValueSatisfying(v -> assertThat(v.fullName()).isEqualTo("Third Rename"));
        assertThat(position(other)).contains(new ProjectedPosition(1, false));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void group_writes_of_nothing_write_nothing() {
    java.util.Set<UserAccountId> raced = tx.inTransaction(w -> w.insertRows(List.of()));
    assertThat(raced).isEmpty();
    tx.inTransaction(w -> {
      w.updateRows(List.of());
      return null;
    });
    java.util.Map<UserAccountId, ProjectedPosition> positions = tx.inTransaction(w -> w.lockPositions(List.of()));
    assertThat(positions).isEmpty();
  }
}
