package dev.pcqrses.adapters.pekko.serialization;

import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccount;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountState;
import dev.pcqrses.ports.contract.Json;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Writes aggregate snapshots as versioned JSON (identifier 9002, manifest
 * {@code UserAccountState.v1}), never Java serialization. Snapshots are internal to the write side,
 * but they outlive deployments, so their format is explicit and versioned too.
 */
public final class UserAccountSnapshotSerializer extends SerializerWithStringManifest {
  public static final int IDENTIFIER = 9002;
  public static final String STATE_V1 = "UserAccountState.v1";

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return STATE_V1;
  }

  @Override
  public byte[] toBinary(Object o) {
    Json.ObjectWriter json = new Json.ObjectWriter();
    UserAccount account;
    if (o instanceof UserAccountState.Active active) {
      json.string("status", "active");
      account = active.account();
    } else if (o instanceof UserAccountState.Deleted deleted) {
      json.string("status", "deleted").string("deletedAt", UserAccountEventCodec.formatInstant(deleted.deletedAt()));
      account = deleted.account();
    } else {
      // Pekko only snapshots after events, so an empty state never arrives here.
      throw new IllegalArgumentException("cannot snapshot " + o);
    }
    return json.string("id", account.id().value())
        .string("firstName", account.firstName().value())
        .string("lastName", account.lastName().value())
        .string("emailAddress", account.emailAddress().value())
        .string("createdAt", UserAccountEventCodec.formatInstant(account.createdAt()))
        .string("updatedAt", UserAccountEventCodec.formatInstant(account.updatedAt()))
        .end()
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!STATE_V1.equals(manifest)) {
      throw new NotSerializableException("unknown snapshot manifest \"" + manifest + "\"");
    }
    try {
      Map<String, Object> json = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
      UserAccount account = new UserAccount(
          new UserAccountId(text(json, "id")),
          new FirstName(text(json, "firstName")),
          new LastName(text(json, "lastName")),
          new EmailAddress(text(json, "emailAddress")),
          Instant.parse(text(json, "createdAt")),
          Instant.parse(text(json, "updatedAt")));
      String status = text(json, "status");
      return switch (status) {
        case "active" -> new UserAccountState.Active(account);
        case "deleted" -> new UserAccountState.Deleted(account, Instant.parse(text(json, "deletedAt")));
        default -> throw new IllegalArgumentException("unknown status " + status);
      };
    } catch (RuntimeException e) {
      NotSerializableException failure = new NotSerializableException("bad snapshot: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  private static String text(Map<String, Object> json, String name) {
    if (json.get(name) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("\"" + name + "\" missing or not a string");
  }
}
