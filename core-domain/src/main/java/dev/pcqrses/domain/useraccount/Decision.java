package dev.pcqrses.domain.useraccount;

import java.util.List;
import java.util.Objects;

/** What the aggregate decided about one command: events to record, or a refusal. */
public sealed interface Decision {

  /**
   * The command is accepted; these events record it. The list may be empty when the command
   * changes nothing (renaming to the same name).
   */
  record Accepted(List<UserAccountEvent> events) implements Decision {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  /** The command is refused; nothing is recorded. */
  record Rejected(UserAccountError error) implements Decision {
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }
}
