package dev.pcqrses.apps.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pcqrses.apps.loadgen.Mix.Op;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixTest {
  @Test
  void parsesWeightsAndLeavesTheRestAtZero() {
    Mix mix = Mix.parse("create:20, rename:30,delete:5,GET:45");

    assertThat(mix.weights()).containsEntry(Op.CREATE, 20).containsEntry(Op.RENAME, 30)
        .containsEntry(Op.DELETE, 5).containsEntry(Op.GET, 45).containsEntry(Op.SEARCH, 0);
    assertThat(mix.totalWeight()).isEqualTo(100);
    assertThat(mix.asMap()).containsExactly(Map.entry("create", 20), Map.entry("rename", 30),
        Map.entry("delete", 5), Map.entry("get", 45));
    assertThat(mix).hasToString("create:20,rename:30,delete:5,get:45");
    assertThat(Mix.parse(Mix.DEFAULT)).isEqualTo(mix);
  }

  @Test
  void refusesMalformedMixes() {
    assertThatThrownBy(() -> Mix.parse("create:20,update:3")).hasMessageContaining("unknown operation 'update'");
    assertThatThrownBy(() -> Mix.parse("create")).hasMessageContaining("expected op:weight");
    assertThatThrownBy(() -> Mix.parse("create:")).hasMessageContaining("expected op:weight");
    assertThatThrownBy(() -> Mix.parse("create:x")).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> Mix.parse("create:1,create:2")).hasMessageContaining("given twice");
    assertThatThrownBy(() -> Mix.parse("create:-1,get:3")).hasMessageContaining("negative");
    assertThatThrownBy(() -> Mix.parse("create:0,get:0")).hasMessageContaining("every weight is 0");
  }

  @Test
  void choiceGivesEachOperationASliceAsWideAsItsWeight() {
    Mix mix = Mix.parse("create:20,rename:30,delete:5,get:45");

    assertThat(mix.choose(0.0)).isEqualTo(Op.CREATE);
    assertThat(mix.choose(0.1999)).isEqualTo(Op.CREATE);
    assertThat(mix.choose(0.2)).isEqualTo(Op.RENAME);
    assertThat(mix.choose(0.4999)).isEqualTo(Op.RENAME);
    assertThat(mix.choose(0.5)).isEqualTo(Op.DELETE);
    assertThat(mix.choose(0.5499)).isEqualTo(Op.DELETE);
    assertThat(mix.choose(0.55)).isEqualTo(Op.GET);
    assertThat(mix.choose(Math.nextDown(1.0))).isEqualTo(Op.GET);
    assertThatThrownBy(() -> mix.choose(1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mix.choose(-0.1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroWeightsAreNeverChosen() {
    Mix mix = Mix.parse("rename:0,search:1,create:0");

    assertThat(mix.choose(0.0)).isEqualTo(Op.SEARCH);
    assertThat(mix.choose(Math.nextDown(1.0))).isEqualTo(Op.SEARCH);
    assertThat(mix.needsAccounts()).isFalse();
    assertThat(Mix.parse("create:1,get:1").needsAccounts()).isTrue();
  }

  @Test
  void randomDrawsFollowTheWeights() {
    Mix mix = Mix.parse("create:20,rename:30,delete:5,get:45");
    SplittableRandom random = new SplittableRandom(42);
    Map<Op, Integer> counts = new EnumMap<>(Op.class);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      counts.merge(mix.choose(random.nextDouble()), 1, Integer::sum);
    }

    assertThat(counts.get(Op.CREATE) / (double) n).isCloseTo(0.20, within(0.005));
    assertThat(counts.get(Op.RENAME) / (double) n).isCloseTo(0.30, within(0.005));
    assertThat(counts.get(Op.DELETE) / (double) n).isCloseTo(0.05, within(0.005));
    assertThat(counts.get(Op.GET) / (double) n).isCloseTo(0.45, within(0.005));
    assertThat(counts).doesNotContainKey(Op.SEARCH);
  }
}
