package dev.pcqrses.adapters.pekko.serialization;

import dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity;
import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountError;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.contract.Json;
import dev.pcqrses.ports.in.CommandOutcome;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The messages that cross nodes of a cluster (identifier 9003): a command on its way to the node
 * that hosts the entity, and the outcome on its way back to the asking node. JSON, like the events
 * and snapshots, never Java serialization; internal to one deployment, yet versioned so that a rolling
 * restart with two versions side by side can tell what it reads.
 */
public final class UserAccountMessageSerializer extends SerializerWithStringManifest {
  public static final int IDENTIFIER = 9003;
  static final String EXECUTE_V1 = "Execute.v1";
  static final String STOP_V1 = "Stop.v1";
  static final String ACCEPTED_V1 = "Accepted.v1";
  static final String INVALID_V1 = "Invalid.v1";
  static final String REJECTED_V1 = "Rejected.v1";
  static final String UNAVAILABLE_V1 = "Unavailable.v1";

  private final ActorRefResolver refs;

  public UserAccountMessageSerializer(ExtendedActorSystem system) {
    this.refs = ActorRefResolver.get(Adapter.toTyped(system));
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof UserAccountEntity.Execute) {
      return EXECUTE_V1;
    } else if (o instanceof UserAccountEntity.Stop) {
      return STOP_V1;
    } else if (o instanceof CommandOutcome.Accepted) {
      return ACCEPTED_V1;
    } else if (o instanceof CommandOutcome.Invalid) {
      return INVALID_V1;
    } else if (o instanceof CommandOutcome.Rejected) {
      return REJECTED_V1;
    } else if (o instanceof CommandOutcome.Unavailable) {
      return UNAVAILABLE_V1;
    }
    throw new IllegalArgumentException("not a user-account message: " + o.getClass());
  }

  @Override
  public byte[] toBinary(Object o) {
    Json.ObjectWriter json = new Json.ObjectWriter();
    if (o instanceof UserAccountEntity.Execute execute) {
      UserAccountCommand command = execute.command();
      json.string("userAccountId", command.userAccountId().value());
      if (command instanceof UserAccountCommand.CreateUserAccount create) {
        json.string("command", "create").string("firstName", create.firstName().value())
            .string("lastName", create.lastName().value()).string("emailAddress", create.emailAddress().value());
      } else if (command instanceof UserAccountCommand.RenameUserAccount rename) {
        json.string("command", "rename").string("firstName", rename.firstName().value())
            .string("lastName", rename.lastName().value());
      } else {
        json.string("command", "delete");
      }
      json.optionalString("correlationId", execute.metadata().correlationId())
          .string("replyTo", refs.toSerializationFormat(execute.replyTo()));
    } else if (o instanceof CommandOutcome.Accepted accepted) {
      json.string("userAccountId", accepted.userAccountId().value());
    } else if (o instanceof CommandOutcome.Invalid invalid) {
      json.array("violations", array -> invalid.violations().forEach(v ->
          array.object(item -> item.string("field", v.field()).string("message", v.message()))));
    } else if (o instanceof CommandOutcome.Rejected rejected) {
      UserAccountError error = rejected.error();
      String kind = error instanceof UserAccountError.AlreadyExists ? "alreadyExists"
          : error instanceof UserAccountError.NotFound ? "notFound" : "alreadyDeleted";
      json.string("error", kind).string("userAccountId", error.userAccountId().value());
    } else if (o instanceof CommandOutcome.Unavailable unavailable) {
      json.string("reason", unavailable.reason());
    } else if (!(o instanceof UserAccountEntity.Stop)) {
      throw new IllegalArgumentException("not a user-account message: " + o.getClass());
    }
    return json.end().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      Map<String, Object> json = Json.parseObject(new String(bytes, StandardCharsets.UTF_8));
      return switch (manifest) {
        case EXECUTE_V1 -> execute(json);
        case STOP_V1 -> UserAccountEntity.Stop.INSTANCE;
        case ACCEPTED_V1 -> new CommandOutcome.Accepted(new UserAccountId(text(json, "userAccountId")));
        case INVALID_V1 -> new CommandOutcome.Invalid(violations(json));
        case REJECTED_V1 -> new CommandOutcome.Rejected(error(json));
        case UNAVAILABLE_V1 -> new CommandOutcome.Unavailable(text(json, "reason"));
        default -> throw new NotSerializableException("unknown user-account message manifest \"" + manifest + "\"");
      };
    } catch (RuntimeException e) {
      NotSerializableException failure = new NotSerializableException("bad " + manifest + ": " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  private UserAccountEntity.Execute execute(Map<String, Object> json) {
    UserAccountId id = new UserAccountId(text(json, "userAccountId"));
    String kind = text(json, "command");
    UserAccountCommand command = switch (kind) {
      case "create" -> new UserAccountCommand.CreateUserAccount(id, new FirstName(text(json, "firstName")),
          new LastName(text(json, "lastName")), new EmailAddress(text(json, "emailAddress")));
      case "rename" -> new UserAccountCommand.RenameUserAccount(id, new FirstName(text(json, "firstName")),
          new LastName(text(json, "lastName")));
      case "delete" -> new UserAccountCommand.DeleteUserAccount(id);
      default -> throw new IllegalArgumentException("unknown command \"" + kind + "\"");
    };
    String correlationId = json.get("correlationId") instanceof String s ? s : null;
    ActorRef<CommandOutcome> replyTo = refs.resolveActorRef(text(json, "replyTo"));
    return new UserAccountEntity.Execute(command, EventMetadata.ofCorrelationId(correlationId), replyTo);
  }

  private static List<Violation> violations(Map<String, Object> json) {
    List<Violation> violations = new ArrayList<>();
    if (!(json.get("violations") instanceof List<?> items)) {
      throw new IllegalArgumentException("\"violations\" missing or not an array");
    }
    for (Object item : items) {
      @SuppressWarnings("unchecked")
      Map<String, Object> v = (Map<String, Object>) item;
      violations.add(new Violation(text(v, "field"), text(v, "message")));
    }
    return violations;
  }

  private static UserAccountError error(Map<String, Object> json) {
    UserAccountId id = new UserAccountId(text(json, "userAccountId"));
    String kind = text(json, "error");
    return switch (kind) {
      case "alreadyExists" -> new UserAccountError.AlreadyExists(id);
      case "notFound" -> new UserAccountError.NotFound(id);
      case "alreadyDeleted" -> new UserAccountError.AlreadyDeleted(id);
      default -> throw new IllegalArgumentException("unknown error \"" + kind + "\"");
    };
  }

  private static String text(Map<String, Object> json, String name) {
    if (json.get(name) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("\"" + name + "\" missing or not a string");
  }
}
