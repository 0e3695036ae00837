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
import java.util.Objects;
import java.util.Optional;

/**
 * Applies journal records to the read model by DESIGN.md's rule: the read model keeps, per account,
 * the sequence number of the last event applied; a record at or below it is a duplicate (skipped),
 * a record above {@code last + 1} is a gap (not applied; the driver retries), and a deleted account
 * stays deleted. So at-least-once, re-ordered delivery converges to the in-order result.
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
