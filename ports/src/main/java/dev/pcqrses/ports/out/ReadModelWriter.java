package dev.pcqrses.ports.out;

import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import java.util.Optional;

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
}
