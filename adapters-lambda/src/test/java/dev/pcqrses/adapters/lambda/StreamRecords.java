package dev.pcqrses.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** DynamoDB Streams records carrying journal items in pekko-persistence-dynamodb's layout. */
final class StreamRecords {
  private StreamRecords() {}

  /** An INSERT record of the item the journal plugin writes for {@code event} at {@code seqNr}. */
  static DynamodbStreamRecord insert(UserAccountEvent event, long seqNr, String streamSequenceNumber) {
    String pid = event.userAccountId().persistenceId();
    Map<String, AttributeValue> image = new HashMap<>();
    image.put("par", new AttributeValue().withS("journal-P-" + pid + "-" + seqNr / 100));
    image.put("num", new AttributeValue().withN(Long.toString(seqNr % 100)));
    image.put("seq", new AttributeValue().withN(Long.toString(seqNr)));
    image.put("persistence_id", new AttributeValue().withS(pid));
    image.put("writer_uuid", new AttributeValue().withS("test-writer"));
    image.put("event", new AttributeValue().withB(ByteBuffer.wrap(UserAccountEventCodec.encode(event))));
    image.put("ev_ser_id", new AttributeValue().withN(Integer.toString(UserAccountEventCodec.SERIALIZER_ID)));
    image.put("ev_ser_manifest", new AttributeValue().withS(UserAccountEventCodec.manifest(event)));
    return withImage(image, streamSequenceNumber);
  }

  static DynamodbStreamRecord withImage(Map<String, AttributeValue> image, String streamSequenceNumber) {
    StreamRecord dynamodb = new StreamRecord();
    dynamodb.setSequenceNumber(streamSequenceNumber);
    dynamodb.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_IMAGE);
    dynamodb.setKeys(Map.of("par", image.get("par"), "num", image.get("num")));
    dynamodb.setNewImage(image);
    DynamodbStreamRecord record = new DynamodbStreamRecord();
    record.setEventName("INSERT");
    record.setEventSource("aws:dynamodb");
    record.setDynamodb(dynamodb);
    return record;
  }

  static DynamodbStreamRecord renamed(String userAccountId, long seqNr, String first, String last, String streamSeq) {
    return insert(new UserAccountRenamed(new EventId(UlidCreator.getMonotonicUlid().toString()),
        new UserAccountId(userAccountId), new FirstName(first), new LastName(last),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.NONE), seqNr, streamSeq);
  }
}
