package dev.pcqrses.adapters.pekko.useraccount;

import dev.pcqrses.domain.useraccount.Decision;
import dev.pcqrses.domain.useraccount.DecisionContext;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountAggregate;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountState;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.IdGenerator;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import dev.pcqrses.domain.Violation;
import java.util.List;
import org.apache.pekko.persistence.typed.EventRejectedException;
import org.apache.pekko.persistence.typed.JournalPersistRejected;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One user account as a Pekko event-sourced entity. It only hosts the pure domain: commands are
 * decided by {@link UserAccountAggregate#decide}, events folded by {@link UserAccountAggregate#apply}.
 */
public final class UserAccountEntity
    extends EventSourcedBehavior<UserAccountEntity.Command, UserAccountEvent, UserAccountState> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "UserAccount");

  /** Messages an entity accepts. */
  public sealed interface Command {}

  /** Decide {@code command} and reply how it ended. */
  public record Execute(UserAccountCommand command, EventMetadata metadata, ActorRef<CommandOutcome> replyTo)
      implements Command {
    public Execute {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(replyTo, "replyTo");
      metadata = metadata == null ? EventMetadata.NONE : metadata;
    }
  }

  private final ActorContext<Command> context;
  /** Who waits for the events being persisted: one at a time, as commands are stashed meanwhile. */
  private ActorRef<CommandOutcome> awaitingPersist;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final UserAccountId id;
  private final UserAccountSettings settings;
  private final IdGenerator ids;
  private final Clock clock;

  private UserAccountEntity(ActorContext<Command> context, EntityContext<Command> entity, UserAccountSettings settings,
      IdGenerator ids, Clock clock) {
    super(PersistenceId.ofUniqueId(new UserAccountId(entity.getEntityId()).persistenceId()),
        SupervisorStrategy.restartWithBackoff(settings.persistFailureMinBackoff(), settings.persistFailureMaxBackoff(), 0.2));
    this.context = context;
    this.shard = entity.getShard();
    this.id = new UserAccountId(entity.getEntityId());
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * The behavior of the entity named by {@code entity} (its id is the account's ULID). A journal that
   * rejects an event (too large, say) gets the waiting caller a clear refusal, and the entity
   * restarts from its journal instead of stopping.
   */
  public static Behavior<Command> create(EntityContext<Command> entity, UserAccountSettings settings, IdGenerator ids,
      Clock clock) {
    return Behaviors.supervise(Behaviors.<Command>setup(
            context -> new UserAccountEntity(context, entity, settings, ids, clock)))
        .onFailure(EventRejectedException.class, SupervisorStrategy.restart());
  }

  @Override
  public UserAccountState emptyState() {
    return UserAccountState.empty();
  }

  @Override
  public CommandHandler<Command, UserAccountEvent, UserAccountState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onCommand(Execute.class, this::onExecute).build();
  }

  private Effect<UserAccountEvent, UserAccountState> onExecute(UserAccountState state, Execute execute) {
    Decision decision = UserAccountAggregate.decide(state, execute.command(),
        new DecisionContext(ids.newEventId(), clock.instant(), execute.metadata()));
    if (decision instanceof Decision.Accepted accepted) {
      CommandOutcome done = new CommandOutcome.Accepted(id);
      if (accepted.events().isEmpty()) {
        return Effect().reply(execute.replyTo(), done);
      }
      awaitingPersist = execute.replyTo();
      return Effect().persist(accepted.events()).thenRun(s -> awaitingPersist = null).thenReply(execute.replyTo(), s -> done);
    }
    CommandOutcome refused = new CommandOutcome.Rejected(((Decision.Rejected) decision).error());
    if (state instanceof UserAccountState.Empty) {
      // Nothing exists under this id: do not keep an entity alive for it.
      return Effect().none()
          .thenRun(s -> shard.tell(new ClusterSharding.Passivate<>(context.getSelf())))
          .thenReply(execute.replyTo(), s -> refused);
    }
    return Effect().reply(execute.replyTo(), refused);
  }

  @Override
  public SignalHandler<UserAccountState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(JournalPersistRejected.class, (state, rejected) -> {
          if (awaitingPersist != null) {
            awaitingPersist.tell(new CommandOutcome.Invalid(List.of(new Violation("input",
                "cannot be stored: " + rejected.getFailure().getMessage()))));
            awaitingPersist = null;
          }
        })
        .onSignal(SnapshotFailed.class, (state, failed) ->
            context.getLog().warn("Snapshot of {} failed (events are kept; the next snapshot retries): {}",
                persistenceId(), failed.getFailure().getMessage()))
        .build();
  }

  @Override
  public EventHandler<UserAccountState, UserAccountEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(UserAccountAggregate::apply);
  }

  @Override
  public Set<String> tagsFor(UserAccountEvent event) {
    return settings.tagSlices() == 0 ? Set.of() : Set.of(UserAccountTags.tagFor(persistenceId().id(), settings.tagSlices()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.snapshotsToKeep());
  }
}
