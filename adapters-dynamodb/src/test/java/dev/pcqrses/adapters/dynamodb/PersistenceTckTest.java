package dev.pcqrses.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.CapabilityFlag;
import org.apache.pekko.persistence.japi.journal.JavaJournalSpec;
import org.apache.pekko.persistence.japi.snapshot.JavaSnapshotStoreSpec;
import org.junit.jupiter.api.Test;
import org.scalatest.Args;
import org.scalatest.ConfigMap$;
import org.scalatest.Filter$;
import org.scalatest.Reporter;
import org.scalatest.DynaTags;
import org.scalatest.Filter;
import org.scalatest.Stopper;
import org.scalatest.Suite;
import org.scalatest.Tracker;
import org.scalatest.events.Event;
import org.scalatest.events.TestCanceled;
import org.scalatest.events.TestFailed;
import org.scalatest.events.TestSucceeded;
import scala.Option;

/**
 * Pekko's persistence TCK (journal and snapshot-store specifications) against
 * pekko-persistence-dynamodb on dynalite. The ScalaTest suites run inside JUnit 5, so that the same
 * dynalite fixture (skip without Node.js, fail in CI) applies.
 */
class PersistenceTckTest {

  static Config config(DynamoDbSettings tables) {
    return DynamoDbEventStore.pekkoConfig(tables).withFallback(ConfigFactory.parseString(String.join("\n",
        "pekko.actor.provider = local",
        // the TCK persists its own test messages, some with Java serialization
        "pekko.actor.allow-java-serialization = on",
        "pekko.actor.warn-about-java-serializer-usage = off")));
  }

  /** The TCK's journal specification on our plugin configuration. */
  public static final class JournalTck extends JavaJournalSpec {
    public JournalTck(Config config) {
      super(config);
    }

    @Override
    public CapabilityFlag supportsRejectingNonSerializableObjects() {
      return CapabilityFlag.on();
    }

    @Override
    public CapabilityFlag supportsSerialization() {
      return CapabilityFlag.on();
    }
  }

  /** The TCK's snapshot-store specification on our plugin configuration. */
  public static final class SnapshotTck extends JavaSnapshotStoreSpec {
    public SnapshotTck(Config config) {
      super(config);
    }
  }

  @Test
  void the_journal_passes_the_persistence_tck() {
    Results results = run(new JournalTck(config(DynamoTestSystems.freshTables())));
    assertThat(results.failed).as("failed TCK tests").isEmpty();
    assertThat(results.succeeded).as("every journal TCK test passed").isEqualTo(results.expected).isPositive();
  }

  @Test
  void the_snapshot_store_passes_the_persistence_tck() {
    Results results = run(new SnapshotTck(config(DynamoTestSystems.freshTables())));
    assertThat(results.failed).as("failed TCK tests").isEmpty();
    assertThat(results.succeeded).as("every snapshot TCK test passed").isEqualTo(results.expected).isPositive();
  }

  /** What a ScalaTest run reported. */
  static final class Results implements Reporter {
    final List<String> failed = new ArrayList<>();
    final List<String> canceled = new ArrayList<>();
    int succeeded;
    int expected;

    @Override
    public synchronized void apply(Event event) {
      if (event instanceof TestSucceeded) {
        succeeded++;
      } else if (event instanceof TestFailed failure) {
        failed.add(failure.testName() + ": " + failure.message());
      } else if (event instanceof TestCanceled cancel) {
        canceled.add(cancel.testName() + ": " + cancel.message());
      }
    }
  }

  private static Results run(Suite suite) {
    Results results = new Results();
    // ScalaTest's Stopper.default and Filter.default are unreachable from Java ("default" is a keyword).
    Stopper neverStop = new Stopper() {
      @Override
      public boolean stopRequested() {
        return false;
      }

      @Override
      public void requestStop() {
        // never asked
      }
    };
    Filter everything = Filter$.MODULE$.apply(Option.empty(), scala.collection.immutable.Set$.MODULE$.empty(), false,
        new DynaTags(scala.collection.immutable.Map$.MODULE$.empty(), scala.collection.immutable.Map$.MODULE$.empty()));
    Args args = new Args(results, neverStop, everything, ConfigMap$.MODULE$.empty(), Option.empty(),
        new Tracker(new org.scalatest.events.Ordinal(1)), scala.collection.immutable.Set$.MODULE$.empty(), false,
        Option.empty(), Option.empty());
    results.expected = suite.expectedTestCount(everything);
    suite.run(Option.empty(), args).waitUntilCompleted();
    System.out.println(suite.suiteName() + ": " + results.succeeded + " passed, " + results.failed.size() + " failed, "
        + results.canceled.size() + " canceled " + results.canceled);
    return results;
  }
}
