package dev.pcqrses.adapters.pekko.useraccount;

import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import dev.pcqrses.ports.out.IdGenerator;
import dev.pcqrses.adapters.pekko.logging.LogContext;
import dev.pcqrses.adapters.pekko.metrics.EntityMeters;
import dev.pcqrses.adapters.pekko.metrics.MailboxMeters;
import dev.pcqrses.adapters.pekko.metrics.ShardingMeters;
import dev.pcqrses.ports.contract.LogFields;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/**
 * The {@link CommandPort} on Cluster Sharding: each command goes to the entity of its account,
 * wherever in the cluster it lives, and the caller gets the entity's reply or, after the ask
 * timeout, {@link CommandOutcome.Unavailable}.
 */
public final class ShardedUserAccounts implements CommandPort {
  private static final Logger log = LoggerFactory.getLogger(ShardedUserAccounts.class);
  private final ClusterSharding sharding;
  private final UserAccountSettings settings;
  /** Where the ask's reply is handled: see {@link #submit}. */
  private final Executor replies;

  private ShardedUserAccounts(ClusterSharding sharding, UserAccountSettings settings, Executor replies) {
    this.sharding = sharding;
    this.settings = settings;
    this.replies = replies;
  }

  /**
   * Starts the user-account shard region on this node and returns the port to it. The entities'
   * command, persistence and mailbox meters, and the region's shard and entity counts, go to
   * {@code registry}.
   */
  public static ShardedUserAccounts init(ActorSystem<?> system, UserAccountSettings settings, IdGenerator ids, Clock clock,
      MeterRegistry registry) {
    ClusterSharding sharding = ClusterSharding.get(system);
    EntityMeters meters = UserAccountEntity.meters(registry);
    Entity<UserAccountEntity.Command, ShardingEnvelope<UserAccountEntity.Command>> entity =
        Entity.of(UserAccountEntity.TYPE_KEY, context -> UserAccountEntity.create(context, settings, ids, clock, meters))
            // On passivation and hand-off: answer the commands taken in first, then stop.
            .withStopMessage(UserAccountEntity.Stop.INSTANCE);
    if (settings.instrumentedMailbox()) {
      MailboxMeters.ID.get(system.classicSystem()).bindTo(registry, UserAccountEntity.METRICS_NAME);
      entity = entity.withEntityProps(MailboxSelector.fromConfig(INSTRUMENTED_MAILBOX));
    }
    sharding.init(entity);
    ShardingMeters.start(system, UserAccountEntity.TYPE_KEY, UserAccountEntity.METRICS_NAME,
        system.settings().config().getDuration("pcqrses.metrics.sharding-sample-interval"), registry);
    return new ShardedUserAccounts(sharding, settings, system.executionContext());
  }

  /** The configuration path of the {@link dev.pcqrses.adapters.pekko.metrics.InstrumentedMailbox} (reference.conf). */
  public static final String INSTRUMENTED_MAILBOX = "pcqrses.instrumented-mailbox";

  /** The attempts an ask gets, each with an equal share of the ask timeout. */
  static final int ATTEMPTS = 2;

  /**
   * Asks the account's entity, at most {@link #ATTEMPTS} times within the ask timeout. A second
   * attempt is made only when the first got no reply: Cluster Sharding drops the commands it has
   * buffered for a shard when that shard is handed off (a rebalance, a node leaving; "Dropping
   * buffered messages ... to avoid re-ordering"), and those never reach the entity. Asking again is
   * safe because a first attempt that was applied after all is recognised: a create's id is new
   * (generated for this request), so "already exists" for it means this create; "already deleted"
   * after a delete means the account is deleted, as asked; a rename applied twice changes nothing
   * more.
   */
  @Override
  public CompletionStage<CommandOutcome> submit(UserAccountCommand command, EventMetadata metadata) {
    String correlationId = metadata == null ? null : metadata.correlationId();
    Map<String, String> fields = Map.of(LogFields.USER_ACCOUNT_ID, command.userAccountId().value(),
        LogFields.COMMAND, UserAccountEntity.commandType(command));
    boolean debug = log.isDebugEnabled(); // only debug lines here: no context to set otherwise
    if (debug) {
      try (LogContext ignored = LogContext.of(fields, LogFields.CORRELATION_ID, correlationId)) {
        log.debug("Asking account {} to {}", command.userAccountId().value(), UserAccountEntity.commandType(command));
      }
    }
    java.time.Duration perAttempt = settings.askTimeout().dividedBy(ATTEMPTS);
    return ask(command, metadata, perAttempt)
        .thenCompose(first -> {
          if (first != NO_REPLY) {
            return java.util.concurrent.CompletableFuture.completedFuture(first);
          }
          try (LogContext ignored = LogContext.of(fields, LogFields.CORRELATION_ID, correlationId)) {
            log.info("No reply from account {} to {} within {} ms (a shard hand-off drops commands in flight); asking again",
                command.userAccountId().value(), UserAccountEntity.commandType(command), perAttempt.toMillis());
          }
          return ask(command, metadata, perAttempt).thenApply(second -> afterRetry(command, second));
        })
        .thenApply(outcome -> {
          if (outcome != NO_REPLY) {
            return outcome;
          }
          try (LogContext ignored = LogContext.of(fields, LogFields.CORRELATION_ID, correlationId)) {
            log.warn("No reply from account {} to {} within {} ms; the command may or may not have been applied",
                command.userAccountId().value(), UserAccountEntity.commandType(command), settings.askTimeout().toMillis());
          }
          return new CommandOutcome.Unavailable("no reply from the account within " + settings.askTimeout().toMillis()
              + " ms; it may or may not have been applied");
        })
        .whenComplete((outcome, failure) -> {
          if (debug) {
            // The reply arrives on a dispatcher thread: the request's fields are set again here.
            try (LogContext ignored = LogContext.of(fields, LogFields.CORRELATION_ID, correlationId)) {
              log.debug("Reply: {}", outcome == null ? failure.toString() : outcome.getClass().getSimpleName());
            }
          }
        });
  }

  /** Marks an attempt without a reply (never sent by an entity, never returned to a caller). */
  private static final CommandOutcome NO_REPLY = new CommandOutcome.Unavailable("no reply (internal marker)");

  /** One ask: the entity's reply, or {@link #NO_REPLY} after {@code timeout}. */
  private java.util.concurrent.CompletableFuture<CommandOutcome> ask(UserAccountCommand command, EventMetadata metadata,
      java.time.Duration timeout) {
    return sharding.entityRefFor(UserAccountEntity.TYPE_KEY, command.userAccountId().value())
        .<CommandOutcome>ask(replyTo -> new UserAccountEntity.Execute(command, metadata, replyTo), timeout)
        // The ask's future is Scala's CompletableFuture, which runs even the non-async callbacks
        // (exceptionally, whenComplete, ...) on CompletableFuture's default executor. With fewer
        // than 3 cores that executor starts a new thread per callback: one thread per command.
        // Handling the reply on the dispatcher here gives callers a plain CompletableFuture.
        .handleAsync((outcome, failure) -> {
          if (failure == null) {
            return outcome;
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof TimeoutException) {
            return NO_REPLY;
          }
          throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
        }, replies)
        .toCompletableFuture();
  }

  /** The outcome of a second attempt, given that the first may have been applied (see {@link #submit}). */
  static CommandOutcome afterRetry(UserAccountCommand command, CommandOutcome second) {
    if (second instanceof CommandOutcome.Rejected rejected
        && ((command instanceof UserAccountCommand.CreateUserAccount
                && rejected.error() instanceof dev.pcqrses.domain.useraccount.UserAccountError.AlreadyExists)
            || (command instanceof UserAccountCommand.DeleteUserAccount
                && rejected.error() instanceof dev.pcqrses.domain.useraccount.UserAccountError.AlreadyDeleted))) {
      return new CommandOutcome.Accepted(command.userAccountId());
    }
    return second;
  }
}
