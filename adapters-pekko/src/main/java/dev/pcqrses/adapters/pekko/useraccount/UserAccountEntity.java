package dev.pcqrses.adapters.pekko.useraccount;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.Map;
import dev.pcqrses.adapters.pekko.metrics.EntityMeters;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.adapters.pekko.logging.LogContext;
import dev.pcqrses.ports.contract.LogFields;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
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

  /**
   * Stop after the commands already taken in: Cluster Sharding's stop message for this entity (on
   * passivation and on shard hand-off). The entity stashes commands while it recovers or persists,
   * and this message queues behind them, so every command sent before it is still answered; Pekko's
   * default (stopping the actor at once) would drop those stashed commands without a reply.
   */
  public record Stop() implements Command {
    /** The one instance ({@link ShardedUserAccounts} registers it as the stop message). */
    public static final Stop INSTANCE = new Stop();
  }

  /** The {@code entity} tag of this entity type's meters. */
  public static final String METRICS_NAME = "user-account";
  /** The {@code command} tag values, by command class. */
  static String commandType(UserAccountCommand command) {
    if (command instanceof UserAccountCommand.CreateUserAccount) {
      return "create";
    }
    return command instanceof UserAccountCommand.RenameUserAccount ? "rename" : "delete";
  }

  /** The meters of this entity type: one instance per shard region. */
  public static EntityMeters meters(MeterRegistry registry) {
    return new EntityMeters(registry, METRICS_NAME, List.of("create", "rename", "delete"),
        List.of(UserAccountCreated.class.getSimpleName(), UserAccountRenamed.class.getSimpleName(),
            UserAccountDeleted.class.getSimpleName()));
  }

  /**
   * One logger for all entities, not {@code context.getLog()}: that one builds a logging context per
   * actor (its path as strings and more, a few hundred bytes of every live entity's heap), while
   * every line here carries the actor path in the MDC already ({@link #logContext}).
   */
  private static final Logger log = LoggerFactory.getLogger(UserAccountEntity.class);

  private final ActorContext<Command> context;
  /** The command whose events are being persisted: one at a time, as commands are stashed meanwhile. */
  private Execute awaitingPersist;
  private final EntityMeters meters;
  private final long startedNanos = System.nanoTime();
  /** When the write whose events trigger the next snapshot started; 0 when none is pending. */
  private long snapshotStartedNanos;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final UserAccountId id;
  private final UserAccountSettings settings;
  private final IdGenerator ids;
  private final Clock clock;

  private UserAccountEntity(ActorContext<Command> context, EntityContext<Command> entity, UserAccountSettings settings,
      IdGenerator ids, Clock clock, EntityMeters meters) {
    super(PersistenceId.ofUniqueId(new UserAccountId(entity.getEntityId()).persistenceId()),
        SupervisorStrategy.restartWithBackoff(settings.persistFailureMinBackoff(), settings.persistFailureMaxBackoff(), 0.2));
    this.context = context;
    this.shard = entity.getShard();
    this.id = new UserAccountId(entity.getEntityId());
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * The behavior of the entity named by {@code entity} (its id is the account's ULID). A journal that
   * rejects an event (too large, say) gets the waiting caller a clear refusal, and the entity
   * restarts from its journal instead of stopping.
   */
  public static Behavior<Command> create(EntityContext<Command> entity, UserAccountSettings settings, IdGenerator ids,
      Clock clock, EntityMeters meters) {
    return Behaviors.supervise(Behaviors.<Command>setup(
            context -> new UserAccountEntity(context, entity, settings, ids, clock, meters)))
        .onFailure(EventRejectedException.class, SupervisorStrategy.restart());
  }

  @Override
  public UserAccountState emptyState() {
    return UserAccountState.empty();
  }

  @Override
  public CommandHandler<Command, UserAccountEvent, UserAccountState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Execute.class, this::onExecute)
        .onCommand(Stop.class, (state, stop) -> {
          log.debug("Stopping (passivation or shard hand-off)");
          return Effect().stop();
        })
        .build();
  }

  private Effect<UserAccountEvent, UserAccountState> onExecute(UserAccountState state, Execute execute) {
    long start = System.nanoTime();
    String command = commandType(execute.command());
    try (LogContext ignored = logContext(execute)) {
      Decision decision = UserAccountAggregate.decide(state, execute.command(),
          new DecisionContext(ids.newEventId(), clock.instant(), execute.metadata()));
      if (decision instanceof Decision.Accepted accepted) {
        CommandOutcome done = new CommandOutcome.Accepted(id);
        if (accepted.events().isEmpty()) {
          log.debug("Command {} accepted; nothing changes", command);
          meters.command(command, EntityMeters.Outcome.ACCEPTED, System.nanoTime() - start);
          return Effect().reply(execute.replyTo(), done);
        }
        log.debug("Command {} accepted; persisting {} event(s)", command, accepted.events().size());
        awaitingPersist = execute;
        long fromSeqNr = lastSequenceNumber(context);
        long persistStart = System.nanoTime();
        if ((fromSeqNr + accepted.events().size()) / settings.snapshotEvery() != fromSeqNr / settings.snapshotEvery()) {
          // These events trigger a snapshot. Pekko runs the callbacks below only once it is stored,
          // so its time is measured from here, the journal write included.
          snapshotStartedNanos = persistStart;
        }
        return Effect().persist(accepted.events()).thenRun(s -> {
          awaitingPersist = null;
          long persistedNanos = System.nanoTime();
          meters.persisted(persistedNanos - persistStart);
          accepted.events().forEach(e -> meters.event(e.getClass().getSimpleName()));
          long toSeqNr = lastSequenceNumber(context);
          meters.command(command, EntityMeters.Outcome.ACCEPTED, persistedNanos - start);
          try (LogContext again = logContext(execute)) {
            log.debug("Persisted sequence numbers {} to {}; replying", fromSeqNr + 1, toSeqNr);
          }
        }).thenReply(execute.replyTo(), s -> done);
      }
      CommandOutcome refused = new CommandOutcome.Rejected(((Decision.Rejected) decision).error());
      log.debug("Command {} rejected: {}", command, ((Decision.Rejected) decision).error());
      meters.command(command, EntityMeters.Outcome.REJECTED, System.nanoTime() - start);
      if (state instanceof UserAccountState.Empty) {
        // Nothing exists under this id: do not keep an entity alive for it.
        return Effect().none()
            .thenRun(s -> shard.tell(new ClusterSharding.Passivate<>(context.getSelf())))
            .thenReply(execute.replyTo(), s -> refused);
      }
      return Effect().reply(execute.replyTo(), refused);
    }
  }

  /** The log context of one command's work in this entity; closing it clears the fields. */
  private LogContext logContext(Execute execute) {
    return LogContext.of(Map.of(
        LogFields.USER_ACCOUNT_ID, id.value(),
        LogFields.COMMAND, commandType(execute.command()),
        LogFields.ACTOR_PATH, context.getSelf().path().toString()),
        LogFields.CORRELATION_ID, execute.metadata().correlationId());
  }

  @Override
  public SignalHandler<UserAccountState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> meters.recovered(System.nanoTime() - startedNanos))
        .onSignal(RecoveryFailed.class, (state, failed) -> meters.failure(EntityMeters.Failure.RECOVERY_FAILED))
        .onSignal(JournalPersistRejected.class, (state, rejected) -> {
          meters.failure(EntityMeters.Failure.PERSIST_REJECTED);
          Execute execute = awaitingPersist;
          if (execute != null) {
            try (LogContext ignored = logContext(execute)) {
              log.warn("The journal refused the events of command {}: {}",
                  commandType(execute.command()), rejected.getFailure().getMessage());
            }
            meters.command(commandType(execute.command()), EntityMeters.Outcome.INVALID, 0);
            execute.replyTo().tell(new CommandOutcome.Invalid(List.of(new Violation("input",
                "cannot be stored: " + rejected.getFailure().getMessage()))));
            awaitingPersist = null;
          }
        })
        .onSignal(JournalPersistFailed.class, (state, failed) -> meters.failure(EntityMeters.Failure.PERSIST_FAILED))
        .onSignal(SnapshotCompleted.class, (state, completed) -> {
          log.debug("Snapshot at sequence number {} saved", completed.metadata().sequenceNr());
          if (snapshotStartedNanos != 0) {
            meters.snapshotSaved(System.nanoTime() - snapshotStartedNanos);
            snapshotStartedNanos = 0;
          }
        })
        .onSignal(SnapshotFailed.class, (state, failed) -> {
          snapshotStartedNanos = 0;
          meters.failure(EntityMeters.Failure.SNAPSHOT_FAILED);
          log.warn("Snapshot of {} failed (events are kept; the next snapshot retries): {}",
              persistenceId(), failed.getFailure().getMessage());
        })
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
