package dev.pcqrses.clustertests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the load balancer in front of the command nodes, as small as the test needs: it
 * polls every node's {@code /health/ready} every 100 ms (a thread per node) and routes round-robin over the nodes whose
 * last probe answered 200; a request refused with 503 (the node is stopping, or overloaded) is
 * retried at once on another ready node. Anything else is the caller's answer: a transport failure
 * or a GraphQL error is not retried (the command may have been applied), so it counts as a failure.
 */
final class LoadBalancer implements AutoCloseable {
  static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  /** How long a request may wait for some node to be ready (all nodes down at once is a failure). */
  static final Duration NO_NODE_DEADLINE = Duration.ofSeconds(20);

  final List<AppProcess> nodes;
  private final Map<AppProcess, Boolean> ready = new ConcurrentHashMap<>();
  /** Readiness transitions seen by the probe: when a node left and re-entered the rotation. */
  final ConcurrentLinkedQueue<String> transitions = new ConcurrentLinkedQueue<>();
  private final Map<AppProcess, AtomicLong> lastNotReadyNanos = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  final AtomicLong retriedOn503 = new AtomicLong();
  private final List<Thread> probers = new java.util.ArrayList<>();
  private volatile boolean closed;

  LoadBalancer(List<AppProcess> nodes) {
    this.nodes = List.copyOf(nodes);
    for (AppProcess node : nodes) {
      ready.put(node, false);
      lastNotReadyNanos.put(node, new AtomicLong());
      probe(node);
    }
    // A prober per node, as a balancer checks its targets independently: one slow node must not
    // delay noticing that another has gone.
    for (AppProcess node : nodes) {
      Thread prober = new Thread(() -> {
        while (!closed) {
          Poll.pause(PROBE_INTERVAL);
          probe(node);
        }
      }, "lb-prober-" + node.name);
      prober.setDaemon(true);
      prober.start();
      probers.add(prober);
    }
  }

  private void probe(AppProcess node) {
    boolean ok = Api.get(node.baseUrl(), "/health/ready", Duration.ofSeconds(1)).status() == 200;
    Boolean before = ready.put(node, ok);
    if (before != null && before != ok) {
      transitions.add(System.nanoTime() + " " + node.name + (ok ? " in" : " out"));
      if (!ok) {
        lastNotReadyNanos.get(node).set(System.nanoTime());
      }
    }
  }

  boolean isReady(AppProcess node) {
    return ready.getOrDefault(node, false);
  }

  /** When the probe last took {@code node} out of the rotation (System.nanoTime), 0 if never. */
  long lastOutNanos(AppProcess node) {
    return lastNotReadyNanos.get(node).get();
  }

  /** The answer to one request, after any 503 retries, and the node that gave it. */
  record Routed(Api.Reply reply, AppProcess node, int attempts) {}

  Routed graphql(String query, Map<String, Object> variables) {
    long deadline = System.nanoTime() + NO_NODE_DEADLINE.toNanos();
    AppProcess refused = null;
    int attempts = 0;
    while (true) {
      AppProcess node = pick(refused);
      if (node == null) {
        if (System.nanoTime() > deadline) {
          return new Routed(new Api.Reply(0, null, Map.of(),
              new IllegalStateException("no command node ready for " + NO_NODE_DEADLINE)), null, attempts);
        }
        Poll.pause(Duration.ofMillis(20));
        continue;
      }
      attempts++;
      Api.Reply reply = Api.graphql(node.baseUrl(), query, variables, REQUEST_TIMEOUT);
      if (reply.status() == 503 && System.nanoTime() < deadline) {
        retriedOn503.incrementAndGet();
        refused = node;
        continue;
      }
      return new Routed(reply, node, attempts);
    }
  }

  /** The next ready node round-robin, other than {@code avoid} when another is ready; null if none. */
  private AppProcess pick(AppProcess avoid) {
    int n = nodes.size();
    int start = Math.floorMod(next.getAndIncrement(), n);
    AppProcess fallback = null;
    for (int i = 0; i < n; i++) {
      AppProcess node = nodes.get((start + i) % n);
      if (isReady(node)) {
        if (node != avoid) {
          return node;
        }
        fallback = node;
      }
    }
    return fallback;
  }

  @Override
  public void close() {
    closed = true;
    for (Thread prober : probers) {
      try {
        prober.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
