package dev.pcqrses.adapters.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import com.amazonaws.services.dynamodbv2.model.ScanResult;
import dev.pcqrses.adapters.dynamodb.journalitem.ItemAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what the journal plugin really wrote (AWS SDK items), for the tests. */
final class SdkItems {
  private SdkItems() {}

  static List<Map<String, AttributeValue>> scan(AmazonDynamoDB client, String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanResult page = client.scan(new ScanRequest(table).withExclusiveStartKey(start));
      items.addAll(page.getItems());
      start = page.getLastEvaluatedKey();
    } while (start != null && !start.isEmpty());
    return items;
  }

  static ItemAttributes attributes(Map<String, AttributeValue> item) {
    return new ItemAttributes() {
      @Override
      public Optional<String> string(String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::getS);
      }

      @Override
      public Optional<String> number(String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::getN);
      }

      @Override
      public Optional<byte[]> binary(String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::getB).map(SdkItems::bytes);
      }
    };
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
