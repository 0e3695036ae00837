package dev.pcqrses.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.pcqrses.adapters.dynamodb.journalitem.ItemAttributes;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/** A DynamoDB Streams image (the Lambda events library's attribute map) as item attributes. */
final class StreamRecordAttributes implements ItemAttributes {
  private final Map<String, AttributeValue> image;

  StreamRecordAttributes(Map<String, AttributeValue> image) {
    this.image = image;
  }

  @Override
  public Optional<String> string(String name) {
    return Optional.ofNullable(image.get(name)).map(AttributeValue::getS);
  }

  @Override
  public Optional<String> number(String name) {
    return Optional.ofNullable(image.get(name)).map(AttributeValue::getN);
  }

  @Override
  public Optional<byte[]> binary(String name) {
    return Optional.ofNullable(image.get(name)).map(AttributeValue::getB).map(StreamRecordAttributes::bytes);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
