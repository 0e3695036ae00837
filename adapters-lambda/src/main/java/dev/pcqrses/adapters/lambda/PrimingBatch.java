package dev.pcqrses.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stream records for priming the handler during init: the create, rename and delete of one account
 * whose id is the zero ULID (the command side's time-based ids never are), as journal items in the
 * plugin's layout. The handler applies them in a transaction that it rolls back.
 */
final class PrimingBatch {
  static final UserAccountId ACCOUNT = new UserAccountId("00000000000000000000000000");

  private PrimingBatch() {}

  static List<DynamodbStreamRecord> records() {
    Instant at = Instant.ofEpochMilli(0);
    EventMetadata metadata = EventMetadata.ofCorrelationId("priming");
    return List.of(
        record(new UserAccountCreated(new EventId("00000000000000000000000001"), ACCOUNT, new FirstName("Priming"),
            new LastName("Run"), new EmailAddress("priming@example.com"), at, metadata), 1),
        record(new UserAccountRenamed(new EventId("00000000000000000000000002"), ACCOUNT, new FirstName("Primed"),
            new LastName("Run"), at, metadata), 2),
        record(new UserAccountDeleted(new EventId("00000000000000000000000003"), ACCOUNT, at, metadata), 3));
  }

  private static DynamodbStreamRecord record(UserAccountEvent event, long seqNr) {
    String partitionKey = "journal-P-" + ACCOUNT.persistenceId() + "-0";
    Map<String, AttributeValue> image = Map.of(
        "par", new AttributeValue().withS(partitionKey),
        "num", new AttributeValue().withN(Long.toString(seqNr)),
        "seq", new AttributeValue().withN(Long.toString(seqNr)),
        "persistence_id", new AttributeValue().withS(ACCOUNT.persistenceId()),
        "event", new AttributeValue().withB(ByteBuffer.wrap(UserAccountEventCodec.encode(event))),
        "ev_ser_id", new AttributeValue().withN(Integer.toString(UserAccountEventCodec.SERIALIZER_ID)),
        "ev_ser_manifest", new AttributeValue().withS(UserAccountEventCodec.manifest(event)));
    StreamRecord dynamodb = new StreamRecord();
    dynamodb.setSequenceNumber("priming-" + seqNr);
    dynamodb.setNewImage(image);
    DynamodbStreamRecord record = new DynamodbStreamRecord();
    record.setEventName("INSERT");
    record.setDynamodb(dynamodb);
    return record;
  }
}
