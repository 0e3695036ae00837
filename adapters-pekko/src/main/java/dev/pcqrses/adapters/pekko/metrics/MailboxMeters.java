package dev.pcqrses.adapters.pekko.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * What the {@link InstrumentedMailbox}es of one ActorSystem measured: messages waiting now and the
 * time each waited. Counting starts at once; {@link #bindTo} publishes the figures.
 */
public final class MailboxMeters implements Extension {
  /** The extension's id: {@code MailboxMeters.ID.get(system)}. */
  public static final Id ID = new Id();

  private final AtomicLong waiting = new AtomicLong();
  private volatile Timer waitTime;

  /** For mailboxes created without an ActorSystem (never by Pekko itself): counted, not published. */
  static MailboxMeters detached() {
    return new MailboxMeters();
  }

  /**
   * Publishes {@code pcqrses.actor.mailbox.messages} and {@code pcqrses.actor.mailbox.time} to
   * {@code registry}, tagged {@code entity}.
   */
  public void bindTo(MeterRegistry registry, String entity) {
    Gauge.builder("pcqrses.actor.mailbox.messages", waiting, AtomicLong::get)
        .description("Messages waiting in the mailboxes of the entities on this node")
        .tag("entity", entity)
        .register(registry);
    waitTime = Timer.builder("pcqrses.actor.mailbox.time")
        .description("Time a message waited in an entity's mailbox")
        .tag("entity", entity)
        .serviceLevelObjectives(Buckets.queueing())
        .register(registry);
  }

  /** Messages waiting now. */
  public long waiting() {
    return waiting.get();
  }

  void enqueued() {
    waiting.incrementAndGet();
  }

  void dequeued(long waitedNanos) {
    waiting.decrementAndGet();
    Timer timer = waitTime;
    if (timer != null) {
      timer.record(waitedNanos, TimeUnit.NANOSECONDS);
    }
  }

  void dropped() {
    waiting.decrementAndGet();
  }

  /** The extension id. */
  public static final class Id extends AbstractExtensionId<MailboxMeters> {
    private Id() {}

    @Override
    public MailboxMeters createExtension(ExtendedActorSystem system) {
      return new MailboxMeters();
    }
  }
}
