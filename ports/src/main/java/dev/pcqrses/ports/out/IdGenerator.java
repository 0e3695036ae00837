package dev.pcqrses.ports.out;

import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.UserAccountId;

/** Outbound port: new unique ids (ULIDs). Implementations must be safe to call from many threads. */
public interface IdGenerator {
  UserAccountId newUserAccountId();

  EventId newEventId();
}
