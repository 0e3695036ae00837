package dev.pcqrses.ports.service;

import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectUserAccountEvents;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.ports.out.ReadModelWriter;
import dev.pcqrses.ports.out.ReadModelWriter.ProjectedPosition;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.ports.out.ReadModelWriter.NewRow;
import dev.pcqrses.ports.out.ReadModelWriter.RowChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies journal records to the read model by DESIGN.md's rule: the read model keeps, per account,
 * the sequence number of the last event applied; a record at or below it is a duplicate (skipped),
 * a record above {@code last + 1} is a gap (not applied; the driver retries), and a deleted account
 * stays deleted. So at-least-once, re-ordered delivery converges to the in-order result.
 *
 * <p>{@link #projectAll} applies the same rules to a whole group in memory, account by account, and
 * then writes each account's row once: one locking read and at most two write batches per group,
 * instead of two round trips per event.
 */
public final class UserAccountProjector implements ProjectUserAccountEvents {
  private final ReadModelWriter writer;

  public UserAccountProjector(ReadModelWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  @Override
  public ProjectionResult project(JournalRecord record) {
    UserAccountEvent event = record.event();
    UserAccountId id = event.userAccountId();
    long seqNr = record.sequenceNumber();
    // Two attempts: the second only when a concurrent projector inserted the row between our
    // lookup and our insert; then the row exists and the ordinary rules decide.
    for (int attempt = 0; attempt < 2; attempt++) {
      Optional<ProjectedPosition> position = writer.lockPosition(id);
      long last = position.map(ProjectedPosition::lastSequenceNumber).orElse(0L);
      if (seqNr <= last) {
        return new ProjectionResult.Duplicate(seqNr, last);
      }
      if (seqNr != last + 1) {
        return new ProjectionResult.Gap(last + 1, seqNr);
      }
      if (position.isEmpty()) {
        if (!(event instanceof UserAccountCreated created)) {
          // The stream's first event is always a creation; anything else at 1 is a corrupt stream.
          throw new IllegalStateException(
              "first event of " + record.persistenceId() + " is " + event.getClass().getSimpleName());
        }
        if (writer.insertCreated(created, seqNr)) {
          return new ProjectionResult.Applied(seqNr);
        }
        continue;
      }
      applyToExisting(position.get(), event, seqNr);
      return new ProjectionResult.Applied(seqNr);
    }
    throw new IllegalStateException("read-model row of " + id + " keeps changing under the projector");
  }

  /**
   * Projects the group with the rules of {@link #project}, folded per account in memory, then
   * written in batches. Results are those {@link #project} would give one by one, up to the first
   * gap. If a concurrent projector created one of the accounts after the locking read, that
   * account's records are projected again one by one against the row it wrote; should that reveal
   * an earlier gap, the results end there, and the other accounts' later records, already written,
   * come back as duplicates when the driver redelivers them.
   */
  @Override
  public List<ProjectionResult> projectAll(List<JournalRecord> records) {
    if (records.size() < 2) {
      return ProjectUserAccountEvents.super.projectAll(records);
    }
    Set<UserAccountId> ids = new LinkedHashSet<>();
    for (JournalRecord record : records) {
      ids.add(record.event().userAccountId());
    }
    Map<UserAccountId, ProjectedPosition> positions = writer.lockPositions(ids);
    Map<UserAccountId, AccountFold> folds = new LinkedHashMap<>();
    List<ProjectionResult> results = new ArrayList<>(records.size());
    for (JournalRecord record : records) {
      UserAccountId id = record.event().userAccountId();
      ProjectionResult result = folds.computeIfAbsent(id, k -> new AccountFold(positions.get(k))).apply(record);
      results.add(result);
      if (result.isGap()) {
        break;
      }
    }
    List<NewRow> inserts = new ArrayList<>();
    List<RowChange> updates = new ArrayList<>();
    folds.forEach((id, fold) -> fold.collect(id, inserts, updates));
    Set<UserAccountId> raced = inserts.isEmpty() ? Set.of() : writer.insertRows(inserts);
    if (!updates.isEmpty()) {
      writer.updateRows(updates);
    }
    if (raced.isEmpty()) {
      return results;
    }
    for (int i = 0; i < results.size(); i++) {
      JournalRecord record = records.get(i);
      if (raced.contains(record.event().userAccountId())) {
        ProjectionResult again = project(record);
        results.set(i, again);
        if (again.isGap()) {
          return new ArrayList<>(results.subList(0, i + 1));
        }
      }
    }
    return results;
  }

  /** One account's row as the group's events leave it: {@link #project}'s rules, in memory. */
  private static final class AccountFold {
    private final boolean hadRow;
    private boolean exists;
    private boolean deleted;
    private long last;
    private boolean changed;
    private FirstName firstName;
    private LastName lastName;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deletedAt;

    AccountFold(ProjectedPosition position) {
      hadRow = position != null;
      exists = hadRow;
      deleted = hadRow && position.deleted();
      last = hadRow ? position.lastSequenceNumber() : 0L;
    }

    ProjectionResult apply(JournalRecord record) {
      long seqNr = record.sequenceNumber();
      if (seqNr <= last) {
        return new ProjectionResult.Duplicate(seqNr, last);
      }
      if (seqNr != last + 1) {
        return new ProjectionResult.Gap(last + 1, seqNr);
      }
      UserAccountEvent event = record.event();
      if (!exists) {
        if (!(event instanceof UserAccountCreated created)) {
          throw new IllegalStateException(
              "first event of " + record.persistenceId() + " is " + event.getClass().getSimpleName());
        }
        firstName = created.firstName();
        lastName = created.lastName();
        createdAt = created.occurredAt();
        updatedAt = created.occurredAt();
        exists = true;
      } else if (!deleted && event instanceof UserAccountRenamed renamed) {
        firstName = renamed.firstName();
        lastName = renamed.lastName();
        updatedAt = renamed.occurredAt();
      } else if (!deleted && event instanceof UserAccountDeleted) {
        deletedAt = event.occurredAt();
        updatedAt = event.occurredAt();
        deleted = true;
      } // else: deleted stays deleted, a second creation only moves the position on
      last = seqNr;
      changed = true;
      return new ProjectionResult.Applied(seqNr);
    }

    void collect(UserAccountId id, List<NewRow> inserts, List<RowChange> updates) {
      if (!changed) {
        return;
      }
      if (hadRow) {
        updates.add(new RowChange(id, firstName, lastName, updatedAt, deletedAt, last));
      } else {
        inserts.add(new NewRow(id, firstName, lastName, createdAt, updatedAt, deletedAt, last));
      }
    }
  }

  private void applyToExisting(ProjectedPosition position, UserAccountEvent event, long seqNr) {
    if (position.deleted() || event instanceof UserAccountCreated) {
      // Deleted stays deleted; a second creation cannot come from the aggregate. Only move on.
      writer.advancePosition(event.userAccountId(), seqNr);
    } else if (event instanceof UserAccountRenamed renamed) {
      writer.applyRenamed(renamed, seqNr);
    } else {
      writer.applyDeleted((UserAccountDeleted) event, seqNr);
    }
  }
}
