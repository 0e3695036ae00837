package dev.pcqrses.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A DynamoDB endpoint that accepts connections and never answers (a stand-in for a network that
 * swallows requests, at the true outside boundary): a journal write fails within
 * {@code pcqrses.dynamodb.call-timeout} instead of hanging for the SDK's default socket timeout
 * (50 s, times its retries).
 */
class UnansweringDynamoDbTest {

  @Test
  void a_write_to_a_dynamodb_that_never_answers_fails_within_the_call_timeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      DynamoDbSettings settings = new DynamoDbSettings("us-east-1", "http://127.0.0.1:" + silent.port(), "test", "test",
          "journal", "snapshot", "journal", Duration.ofMillis(300), Duration.ofMillis(800));
      ActorSystem<Void> system = DynamoTestSystems.start("unanswering-dynamodb", settings, "");
      try {
        var classic = Adapter.toClassic(system);
        ActorRef journal = Persistence.get(classic).journalFor("dynamodb-journal", com.typesafe.config.ConfigFactory.empty());
        TestKit writer = new TestKit(classic);
        PersistentRepr event = PersistentRepr.apply("an event", 1L, "Silent|1", "", false, ActorRef.noSender(), "w");
        long start = System.nanoTime();

        journal.tell(new JournalProtocol.WriteMessages(
            CollectionConverters.asScala(List.<PersistentEnvelope>of(AtomicWrite.apply(event))).toSeq(), writer.getRef(), 1), writer.getRef());

        writer.expectMsgClass(Duration.ofSeconds(10), JournalProtocol.WriteMessagesFailed.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("failed after the call timeout, not the SDK's defaults").isLessThan(Duration.ofSeconds(5));
        assertThat(silent.connections()).as("the request did reach the endpoint").isNotEmpty();
      } finally {
        DynamoTestSystems.stop(system);
      }
    }
  }

  /** Accepts TCP connections, reads nothing, answers nothing. */
  private static final class SilentServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            accepted.add(server.accept());
          } catch (IOException closed) {
            return;
          }
        }
      }, "silent-dynamodb");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    List<Socket> connections() {
      return accepted;
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
