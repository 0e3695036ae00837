package dev.pcqrses.adapters.dynamodb.journalitem;

import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.contract.EventDecodingException;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import dev.pcqrses.ports.in.JournalRecord;
import java.util.Optional;

/**
 * Reads journal items back into journal records with the same codec the write side used. Shared
 * by the Lambda read-model updater; uses neither Pekko nor an AWS SDK.
 */
public final class JournalItems {
  private JournalItems() {}

  /**
   * The record in {@code item}, or empty when the item belongs to another aggregate type.
   *
   * @throws EventDecodingException when the bytes are not an event of the contract (a poison record)
   */
  public static Optional<JournalRecord> toRecord(JournalItem item) {
    if (!item.persistenceId().startsWith(UserAccountId.PERSISTENCE_ID_PREFIX)) {
      return Optional.empty();
    }
    if (item.serializerId() != UserAccountEventCodec.SERIALIZER_ID) {
      throw new EventDecodingException(item.partitionKey() + " seq " + item.sequenceNumber()
          + ": serializer id " + item.serializerId() + ", expected " + UserAccountEventCodec.SERIALIZER_ID);
    }
    UserAccountEvent event;
    try {
      event = UserAccountEventCodec.decode(item.manifest(), item.event());
    } catch (EventDecodingException e) {
      throw new EventDecodingException(item.partitionKey() + " seq " + item.sequenceNumber() + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(new JournalRecord(item.persistenceId(), item.sequenceNumber(), event));
    } catch (IllegalArgumentException e) {
      throw new EventDecodingException(item.partitionKey() + " seq " + item.sequenceNumber() + ": " + e.getMessage(), e);
    }
  }
}
