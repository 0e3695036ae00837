package dev.pcqrses.adapters.dynamodb.journalitem;

import java.util.Objects;
import java.util.Optional;

/**
 * One event item as pekko-persistence-dynamodb writes it: partition key {@code par}
 * ({@code <journal-name>-P-<persistence id>-<seqNr/100>}), {@code seq} (the sequence number;
 * {@code num} is only the sort key), {@code persistence_id}, and the serialized event:
 * {@code event} (exactly the serializer's bytes), {@code ev_ser_id}, {@code ev_ser_manifest}.
 */
public record JournalItem(
    String partitionKey, long sequenceNumber, String persistenceId, int serializerId, String manifest, byte[] event) {

  public JournalItem {
    Objects.requireNonNull(persistenceId, "persistenceId");
    Objects.requireNonNull(event, "event");
  }

  /**
   * The event item in {@code item}, or empty when it holds no event (the plugin's sequence-number
   * markers {@code <journal-name>-SH-…} carry none).
   *
   * @throws MalformedJournalItemException when the item has an event but misses what goes with it
   */
  public static Optional<JournalItem> from(ItemAttributes item) {
    Optional<byte[]> event = item.binary("event");
    if (event.isEmpty()) {
      return Optional.empty();
    }
    String par = item.string("par").orElse("?");
    String persistenceId = item.string("persistence_id")
        .orElseThrow(() -> new MalformedJournalItemException(par, "no persistence_id"));
    long seqNr = item.number("seq").map(n -> parseLong(par, "seq", n))
        .orElseThrow(() -> new MalformedJournalItemException(par, "no seq"));
    int serializerId = item.number("ev_ser_id").map(n -> (int) parseLong(par, "ev_ser_id", n))
        .orElseThrow(() -> new MalformedJournalItemException(par, "no ev_ser_id"));
    String manifest = item.string("ev_ser_manifest").orElse("");
    return Optional.of(new JournalItem(par, seqNr, persistenceId, serializerId, manifest, event.get()));
  }

  private static long parseLong(String par, String attribute, String number) {
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw new MalformedJournalItemException(par, attribute + " is not an integer: " + number);
    }
  }
}
