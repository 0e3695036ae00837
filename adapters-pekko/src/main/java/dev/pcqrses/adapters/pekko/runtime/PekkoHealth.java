package dev.pcqrses.adapters.pekko.runtime;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** Readiness probes for what the Pekko side depends on. */
public final class PekkoHealth {
  /** A stream that never has events; reading it proves the journal answers. */
  private static final String PROBE_PERSISTENCE_ID = "pcqrses-readiness-probe";

  private PekkoHealth() {}

  /** Whether this node is an {@code Up} member of its cluster. */
  public static boolean clusterMemberUp(ActorSystem<?> system) {
    return Cluster.get(system).selfMember().status() == MemberStatus.up();
  }

  /**
   * Completes with true when the journal answers a read within {@code timeout} (through the
   * journal plugin's own connection pool), false otherwise.
   */
  public static CompletionStage<Boolean> journalAnswers(ActorSystem<?> system, String readJournalPluginId,
      Duration timeout) {
    CurrentEventsByPersistenceIdQuery journal = PersistenceQuery.get(system)
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
    return journal.currentEventsByPersistenceId(PROBE_PERSISTENCE_ID, 0L, 1L)
        .completionTimeout(timeout)
        .runWith(Sink.ignore(), system)
        .handleAsync((done, failure) -> failure == null, system.executionContext()); // not handle: see ShardedUserAccounts
  }
}
