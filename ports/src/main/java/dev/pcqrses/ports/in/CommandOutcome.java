package dev.pcqrses.ports.in;

import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.useraccount.UserAccountError;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.util.List;
import java.util.Objects;

/** How a command ended, as a value: every case maps to a stable error code at the edge. */
public sealed interface CommandOutcome {

  /** The command is recorded (or changed nothing); {@code userAccountId} is the account's id. */
  record Accepted(UserAccountId userAccountId) implements CommandOutcome {
    public Accepted {
      Objects.requireNonNull(userAccountId, "userAccountId");
    }
  }

  /** The input broke validation rules; nothing was sent to the aggregate. */
  record Invalid(List<Violation> violations) implements CommandOutcome {
    public Invalid {
      violations = List.copyOf(violations);
    }
  }

  /** The aggregate refused the command; nothing was recorded. */
  record Rejected(UserAccountError error) implements CommandOutcome {
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The command could not be completed in time (overload, timeout, store down). Whether it was
   * recorded is unknown; renaming and deleting are safe to retry.
   */
  record Unavailable(String reason) implements CommandOutcome {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
