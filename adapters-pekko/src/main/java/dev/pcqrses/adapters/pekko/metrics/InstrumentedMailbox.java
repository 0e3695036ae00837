package dev.pcqrses.adapters.pekko.metrics;

import com.typesafe.config.Config;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * An unbounded mailbox that measures itself: how many messages wait in the mailboxes that use it
 * (summed per ActorSystem) and how long each waited. Selected for the aggregate entities with
 * {@code MailboxSelector.fromConfig("pcqrses.instrumented-mailbox")}; the figures go to
 * {@link MailboxMeters}. Costs one small object and two clock reads per message.
 */
public final class InstrumentedMailbox implements MailboxType, ProducesMessageQueue<InstrumentedMailbox.Queue> {

  /** Pekko creates mailbox types reflectively with this constructor. */
  public InstrumentedMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Queue(system.isDefined() ? MailboxMeters.ID.get(system.get()) : MailboxMeters.detached());
  }

  /** The queue of one actor. Multiple producers, one consumer, as every Pekko mailbox. */
  public static final class Queue implements MessageQueue, UnboundedMessageQueueSemantics {
    private record Queued(Envelope envelope, long enqueuedNanos) {}

    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final MailboxMeters meters;

    Queue(MailboxMeters meters) {
      this.meters = meters;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      queue.add(new Queued(handle, System.nanoTime()));
      meters.enqueued();
    }

    @Override
    public Envelope dequeue() {
      Queued next = queue.poll();
      if (next == null) {
        return null;
      }
      meters.dequeued(System.nanoTime() - next.enqueuedNanos());
      return next.envelope();
    }

    @Override
    public int numberOfMessages() {
      return queue.size();
    }

    @Override
    public boolean hasMessages() {
      return !queue.isEmpty();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      Queued next;
      while ((next = queue.poll()) != null) {
        meters.dropped();
        deadLetters.enqueue(owner, next.envelope());
      }
    }
  }
}
