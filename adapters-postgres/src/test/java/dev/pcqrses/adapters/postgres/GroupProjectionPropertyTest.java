package dev.pcqrses.adapters.postgres;

import static dev.pcqrses.adapters.postgres.Fixtures.newEventId;
import static dev.pcqrses.adapters.postgres.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.ports.service.UserAccountProjector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The projector's group path ({@code projectAll}: fold per account in memory, write in batches)
 * against its one-by-one path ({@code project} per record, stopping at the first gap): for random
 * groups over several accounts, some with rows already, with duplicates, re-orderings and gaps,
 * both give the same results and leave the same rows.
 */
class GroupProjectionPropertyTest {
  static final Instant T0 = Instant.parse("2026-12-04T00:00:00.000Z");
  final ReadModelTransactions tx = new ReadModelTransactions(SharedPostgres.get().dataSource());

  /**
   * One account's stream as a template, so that the same events can be made for two ids: a
   * creation at 1, then renames, deletions and (rarely) creations in any order, which the
   * aggregate would never emit after a deletion but a projector must still handle by its rules.
   */
  record Stream(List<Character> kinds) {
    static Stream random(Random random) {
      List<Character> kinds = new ArrayList<>(List.of('C'));
      for (int i = 0, n = random.nextInt(6); i < n; i++) {
        int k = random.nextInt(10);
        kinds.add(k < 6 ? 'R' : k < 9 ? 'D' : 'C');
      }
      return new Stream(kinds);
    }

    int length() {
      return kinds.size();
    }

    JournalRecord record(UserAccountId id, int seqNr) {
      Instant at = T0.plusMillis(seqNr * 1000L);
      UserAccountEvent event = switch (kinds.get(seqNr - 1)) {
        case 'C' -> new UserAccountCreated(newEventId(), id, new FirstName("C" + seqNr), new LastName("L"),
            new EmailAddress("p@example.com"), at, EventMetadata.NONE);
        case 'R' -> new UserAccountRenamed(newEventId(), id, new FirstName("R" + seqNr), new LastName("N" + seqNr), at,
            EventMetadata.NONE);
        default -> new UserAccountDeleted(newEventId(), id, at, EventMetadata.NONE);
      };
      return new JournalRecord(id.persistenceId(), seqNr, event);
    }
  }

  @Property(tries = 60)
  void the_group_path_gives_the_one_by_one_results_and_rows(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    int accounts = 1 + random.nextInt(4);
    List<Stream> streams = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      streams.add(Stream.random(random));
    }
    // Two copies of the same accounts: one for each path.
    List<UserAccountId> grouped = new ArrayList<>();
    List<UserAccountId> single = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      grouped.add(newId());
      single.add(newId());
    }
    // Some accounts already have a prefix of their stream applied.
    for (int a = 0; a < accounts; a++) {
      int prefix = random.nextInt(streams.get(a).length() + 1);
      for (int seq = 1; seq <= prefix; seq++) {
        int s = seq;
        int account = a;
        tx.inTransaction(w -> new UserAccountProjector(w).project(streams.get(account).record(grouped.get(account), s)));
        tx.inTransaction(w -> new UserAccountProjector(w).project(streams.get(account).record(single.get(account), s)));
      }
    }
    // A delivery: every stream's records, some twice, some left out (gaps), shuffled.
    List<int[]> picks = new ArrayList<>(); // {account, seqNr}
    for (int a = 0; a < accounts; a++) {
      for (int seq = 1; seq <= streams.get(a).length(); seq++) {
        if (random.nextInt(6) != 0) {
          picks.add(new int[] {a, seq});
        }
        if (random.nextInt(4) == 0) {
          picks.add(new int[] {a, seq});
        }
      }
    }
    if (random.nextBoolean()) {
      Collections.shuffle(picks, random);
    }
    List<JournalRecord> groupedDelivery = new ArrayList<>();
    List<JournalRecord> singleDelivery = new ArrayList<>();
    for (int[] pick : picks) {
      groupedDelivery.add(streams.get(pick[0]).record(grouped.get(pick[0]), pick[1]));
      singleDelivery.add(streams.get(pick[0]).record(single.get(pick[0]), pick[1]));
    }

    List<ProjectionResult> groupResults = tx.inTransaction(w -> new UserAccountProjector(w).projectAll(groupedDelivery));
    List<ProjectionResult> singleResults = tx.inTransaction(w -> {
      UserAccountProjector projector = new UserAccountProjector(w);
      List<ProjectionResult> results = new ArrayList<>();
      for (JournalRecord record : singleDelivery) {
        ProjectionResult result = projector.project(record);
        results.add(result);
        if (result.isGap()) {
          break;
        }
      }
      return results;
    });

    assertThat(groupResults).isEqualTo(singleResults);
    for (int a = 0; a < accounts; a++) {
      assertThat(row(grouped.get(a))).as("account %d of %s", a, streams).isEqualTo(row(single.get(a)));
    }
  }

  /** Every column but the id. */
  private static List<Object> row(UserAccountId id) throws Exception {
    try (Connection c = SharedPostgres.get().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT first_name, last_name, created_at, updated_at, deleted_at,"
            + " last_sequence_nr FROM user_accounts WHERE id = ?")) {
      s.setString(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        List<Object> values = new ArrayList<>();
        if (rs.next()) {
          for (int i = 1; i <= 6; i++) {
            values.add(rs.getObject(i));
          }
        }
        return values;
      }
    }
  }
}
