package dev.pcqrses.adapters.pekko.serialization;

import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.ports.contract.EventDecodingException;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Writes user-account events to the journal with the public event contract (DESIGN.md):
 * identifier 9001, manifests {@code UserAccount*.v1}, JSON bytes from {@link UserAccountEventCodec}.
 */
public final class UserAccountEventSerializer extends SerializerWithStringManifest {

  @Override
  public int identifier() {
    return UserAccountEventCodec.SERIALIZER_ID;
  }

  @Override
  public String manifest(Object o) {
    return UserAccountEventCodec.manifest(asEvent(o));
  }

  @Override
  public byte[] toBinary(Object o) {
    return UserAccountEventCodec.encode(asEvent(o));
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return UserAccountEventCodec.decode(manifest, bytes);
    } catch (EventDecodingException e) {
      // Pekko's contract for unknown manifests; the message says what was wrong.
      NotSerializableException failure = new NotSerializableException(e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  private static UserAccountEvent asEvent(Object o) {
    if (o instanceof UserAccountEvent event) {
      return event;
    }
    throw new IllegalArgumentException("not a user-account event: " + o.getClass().getName());
  }
}
