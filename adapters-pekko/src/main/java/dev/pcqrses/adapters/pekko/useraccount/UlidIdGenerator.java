package dev.pcqrses.adapters.pekko.useraccount;

import com.github.f4b6a3.ulid.UlidFactory;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.out.IdGenerator;

/** ULIDs from ulid-creator: monotonic within a millisecond per JVM, so ids sort by creation. */
public final class UlidIdGenerator implements IdGenerator {
  private final UlidFactory factory = UlidFactory.newMonotonicInstance();

  @Override
  public UserAccountId newUserAccountId() {
    return new UserAccountId(next());
  }

  @Override
  public EventId newEventId() {
    return new EventId(next());
  }

  private String next() {
    return factory.create().toString(); // the factory locks internally
  }
}
