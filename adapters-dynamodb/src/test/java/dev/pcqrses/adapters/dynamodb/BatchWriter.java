package dev.pcqrses.adapters.dynamodb;

import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import com.github.f4b6a3.ulid.UlidCreator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * A test-only event-sourced behavior that persists several contract events in one atomic write
 * (the UserAccount aggregate emits one event per command), and remembers every sequence number it
 * replayed, so that a recovery can be checked event by event.
 */
final class BatchWriter extends EventSourcedBehavior<BatchWriter.Command, UserAccountEvent, BatchWriter.Seen> {
  sealed interface Command {}

  /** Persist {@code count} events in one atomic write; reply the highest sequence number. */
  record PersistBatch(int count, ActorRef<Long> replyTo) implements Command {}

  /** Reply the sequence numbers seen so far (replayed, then persisted). */
  record GetSeen(ActorRef<List<Long>> replyTo) implements Command {}

  /** The sequence numbers in the order they were applied. */
  record Seen(List<Long> sequenceNumbers) {}

  private final UserAccountId account;

  private BatchWriter(UserAccountId account) {
    super(PersistenceId.ofUniqueId(account.persistenceId()));
    this.account = account;
  }

  static Behavior<Command> create(UserAccountId account) {
    return new BatchWriter(account);
  }

  @Override
  public Seen emptyState() {
    return new Seen(new ArrayList<>());
  }

  @Override
  public CommandHandler<Command, UserAccountEvent, Seen> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(PersistBatch.class, (state, c) -> {
          List<UserAccountEvent> events = new ArrayList<>();
          for (int i = 0; i < c.count(); i++) {
            events.add(new UserAccountRenamed(new EventId(UlidCreator.getMonotonicUlid().toString()), account,
                new FirstName("N" + i), new LastName("Batch"), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                EventMetadata.NONE));
          }
          return Effect().persist(events).thenReply(c.replyTo(), s -> s.sequenceNumbers().get(s.sequenceNumbers().size() - 1));
        })
        .onCommand(GetSeen.class, (state, c) -> Effect().reply(c.replyTo(), List.copyOf(state.sequenceNumbers())))
        .build();
  }

  @Override
  public EventHandler<Seen, UserAccountEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> {
      List<Long> seen = new ArrayList<>(state.sequenceNumbers());
      seen.add(seen.size() + 1L);
      return new Seen(seen);
    });
  }
}
