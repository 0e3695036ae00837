package dev.pcqrses.adapters.dynamodb.journalitem;

import java.util.Optional;

/**
 * Read access to one DynamoDB item, whatever library holds it (the Lambda events library, the AWS
 * SDK): each caller wraps its own attribute-map type.
 */
public interface ItemAttributes {
  Optional<String> string(String name);

  /** A number attribute as its decimal text. */
  Optional<String> number(String name);

  Optional<byte[]> binary(String name);
}
