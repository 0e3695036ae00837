package dev.pcqrses.ports.out;

import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outbound port: changes the user-account read model inside the caller's transaction. Every write
 * also records the sequence number of the event it applies.
 */
public interface ReadModelWriter {

  /** Where one account's projection stands. */
  record ProjectedPosition(long lastSequenceNumber, boolean deleted) {}

  /**
   * The account's position, locking its row until the transaction ends (so that concurrent
   * projectors of the same account serialise); empty when the account has no row yet.
   */
  Optional<ProjectedPosition> lockPosition(UserAccountId id);

  /**
   * Inserts the account's row.
   *
   * @return false if a row appeared meanwhile (a concurrent projector won); nothing was written
   */
  boolean insertCreated(UserAccountCreated event, long sequenceNumber);

  void applyRenamed(UserAccountRenamed event, long sequenceNumber);

  void applyDeleted(UserAccountDeleted event, long sequenceNumber);

  /** Records that {@code sequenceNumber} was seen without changing anything else. */
  void advancePosition(UserAccountId id, long sequenceNumber);

  // Group writes: a projector that folds a group of events per account writes each account once.

  /**
   * The positions of those of {@code ids} that have a row, locking the rows until the transaction
   * ends, in one round trip (rows are locked in id order, so concurrent projectors cannot deadlock).
   */
  Map<UserAccountId, ProjectedPosition> lockPositions(Collection<UserAccountId> ids);

  /** A new row, as a group of events leaves it ({@code deletedAt} null while the account lives). */
  record NewRow(UserAccountId id, FirstName firstName, LastName lastName, Instant createdAt, Instant updatedAt,
      Instant deletedAt, long lastSequenceNumber) {}

  /** A change to an existing row; null fields keep their stored value. */
  record RowChange(UserAccountId id, FirstName firstName, LastName lastName, Instant updatedAt, Instant deletedAt,
      long lastSequenceNumber) {}

  /**
   * Inserts the rows, in one batch.
   *
   * @return the ids whose row appeared meanwhile (a concurrent projector won): those were not written
   */
  Set<UserAccountId> insertRows(List<NewRow> rows);

  /** Applies the changes to rows that exist, in one batch. */
  void updateRows(List<RowChange> changes);
}
