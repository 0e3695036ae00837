package dev.pcqrses.adapters.dynamodb.journalitem;

/** An item that looks like a journal event item but is not a complete one. */
public final class MalformedJournalItemException extends RuntimeException {
  public MalformedJournalItemException(String partitionKey, String problem) {
    super("journal item " + partitionKey + ": " + problem);
  }
}
