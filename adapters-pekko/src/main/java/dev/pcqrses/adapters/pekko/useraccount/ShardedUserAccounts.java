package dev.pcqrses.adapters.pekko.useraccount;

import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import dev.pcqrses.ports.out.IdGenerator;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
  private final ClusterSharding sharding;
  private final UserAccountSettings settings;

  private ShardedUserAccounts(ClusterSharding sharding, UserAccountSettings settings) {
    this.sharding = sharding;
    this.settings = settings;
  }

  /** Starts the user-account shard region on this node and returns the port to it. */
  public static ShardedUserAccounts init(ActorSystem<?> system, UserAccountSettings settings, IdGenerator ids, Clock clock) {
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(UserAccountEntity.TYPE_KEY, entity -> UserAccountEntity.create(entity, settings, ids, clock)));
    return new ShardedUserAccounts(sharding, settings);
  }

  @Override
  public CompletionStage<CommandOutcome> submit(UserAccountCommand command, EventMetadata metadata) {
    return sharding.entityRefFor(UserAccountEntity.TYPE_KEY, command.userAccountId().value())
        .<CommandOutcome>ask(replyTo -> new UserAccountEntity.Execute(command, metadata, replyTo), settings.askTimeout())
        .exceptionally(failure -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof TimeoutException) {
            return new CommandOutcome.Unavailable(
                "no reply from the account within " + settings.askTimeout().toMillis() + " ms; it may or may not have been applied");
          }
          throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
        });
  }
}
