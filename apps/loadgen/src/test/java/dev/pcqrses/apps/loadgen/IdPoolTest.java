package dev.pcqrses.apps.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdPoolTest {
  @Test
  void aLeasedIdIsOutOfThePoolUntilReleased() {
    IdPool pool = new IdPool();
    SplittableRandom random = new SplittableRandom(1);
    pool.add("A");
    pool.add("B");

    String first = pool.lease(random);
    String second = pool.lease(random);
    assertThat(Set.of(first, second)).containsExactlyInAnyOrder("A", "B");
    assertThat(pool.lease(random)).isNull();
    assertThat(pool.pick(random)).isNull();

    pool.release(first);
    assertThat(pool.size()).isEqualTo(1);
    assertThat(pool.pick(random)).isEqualTo(first);
    assertThat(pool.size()).isEqualTo(1); // picking leaves it there
  }

  @Test
  void leasesReachEveryId() {
    IdPool pool = new IdPool();
    for (int i = 0; i < 100; i++) {
      pool.add("id" + i);
    }
    Set<String> seen = new HashSet<>();
    SplittableRandom random = new SplittableRandom(7);
    String id;
    while ((id = pool.lease(random)) != null) {
      assertThat(seen.add(id)).isTrue();
    }
    assertThat(seen).hasSize(100);
  }
}
