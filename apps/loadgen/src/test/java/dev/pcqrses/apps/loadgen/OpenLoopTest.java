package dev.pcqrses.apps.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
  /** A clock that jumps to whatever time the loop sleeps until, plus a fixed oversleep. */
  static final class FakeClock implements OpenLoop.Clock {
    long now;
    final long oversleep;

    FakeClock(long now, long oversleep) {
      this.now = now;
      this.oversleep = oversleep;
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
      now = Math.max(now, deadlineNanos + oversleep);
    }
  }

  /** Records what the loop did; requests are answered only when the test says so. */
  static final class RecordingTarget implements OpenLoop.Target {
    final FakeClock clock;
    final List<long[]> started = new ArrayList<>(); // index, intended, actual start
    final List<Long> dropped = new ArrayList<>();
    final List<CompletableFuture<Void>> answers = new ArrayList<>();
    final boolean answerAtOnce;
    long costPerStart; // how long starting a request takes the generator

    RecordingTarget(FakeClock clock, boolean answerAtOnce) {
      this.clock = clock;
      this.answerAtOnce = answerAtOnce;
    }

    @Override
    public CompletionStage<?> start(long index, long intendedNanos) {
      started.add(new long[] {index, intendedNanos, clock.now});
      clock.now += costPerStart;
      CompletableFuture<Void> answer = answerAtOnce ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
      answers.add(answer);
      return answer;
    }

    @Override
    public void drop(long index, long intendedNanos) {
      dropped.add(index);
    }
  }

  @Test
  void intendedTimesAreFixedByTheRate() {
    assertThat(OpenLoop.intendedNanos(1_000, 200, 0)).isEqualTo(1_000);
    assertThat(OpenLoop.intendedNanos(1_000, 200, 1)).isEqualTo(1_000 + 5_000_000);
    assertThat(OpenLoop.intendedNanos(1_000, 200, 200)).isEqualTo(1_000 + 1_000_000_000);
    assertThat(OpenLoop.intendedNanos(0, 3, 1)).isEqualTo(333_333_333);
    assertThat(OpenLoop.intendedNanos(0, 3, 2)).isEqualTo(666_666_667);
    // computed from the index, not by adding intervals: no drift after hours at an odd rate
    assertThat(OpenLoop.intendedNanos(0, 7, 7 * 3_600)).isEqualTo(3_600_000_000_000L);
  }

  @Test
  void countsTheRequestsThatStartWithinADuration() {
    assertThat(OpenLoop.requestsWithin(1_000_000_000L, 200)).isEqualTo(200);
    assertThat(OpenLoop.requestsWithin(20_000_000_000L, 100)).isEqualTo(2_000);
    assertThat(OpenLoop.requestsWithin(1_000_000_000L, 3)).isEqualTo(3);
    assertThat(OpenLoop.requestsWithin(1_000_000_001L, 3)).isEqualTo(4);
    assertThat(OpenLoop.requestsWithin(1, 1)).isEqualTo(1);
    assertThat(OpenLoop.requestsWithin(0, 1)).isZero();
    assertThat(OpenLoop.requestsWithin(2_500_000_000L, 0.5)).isEqualTo(2);
  }

  @Test
  void startsEveryRequestAtItsIntendedTimeWhateverTheAnswers() {
    FakeClock clock = new FakeClock(10_000, 0);
    RecordingTarget target = new RecordingTarget(clock, false); // nothing is ever answered
    new OpenLoop(100, 1_000, clock).run(50_000, 5, target);

    assertThat(target.dropped).isEmpty();
    assertThat(target.started).extracting(s -> s[1])
        .containsExactly(50_000L, 10_050_000L, 20_050_000L, 30_050_000L, 40_050_000L);
    assertThat(target.started).allSatisfy(s -> assertThat(s[2]).isEqualTo(s[1]));
  }

  @Test
  void aGeneratorThatFallsBehindKeepsTheIntendedTimesAndCatchesUp() {
    FakeClock clock = new FakeClock(0, 0);
    RecordingTarget target = new RecordingTarget(clock, true);
    target.costPerStart = 25_000_000; // 25 ms to start each request at 100/s: falls behind
    new OpenLoop(100, 1_000, clock).run(0, 4, target);

    // intended 0, 10, 20, 30 ms; started 0, 25, 50, 75 ms: the intended times do not move, so latency
    // measured from them includes the generator's delay
    assertThat(target.started).extracting(s -> s[1]).containsExactly(0L, 10_000_000L, 20_000_000L, 30_000_000L);
    assertThat(target.started).extracting(s -> s[2]).containsExactly(0L, 25_000_000L, 50_000_000L, 75_000_000L);
  }

  @Test
  void dropsInsteadOfWaitingWhenTheOutstandingBoundIsReached() {
    FakeClock clock = new FakeClock(0, 0);
    RecordingTarget target = new RecordingTarget(clock, false);
    OpenLoop loop = new OpenLoop(1_000, 3, clock);
    loop.run(0, 5, target);

    assertThat(target.started).extracting(s -> s[0]).containsExactly(0L, 1L, 2L);
    assertThat(target.dropped).containsExactly(3L, 4L);
    assertThat(loop.outstanding()).isEqualTo(3);
    assertThat(clock.now).isEqualTo(4_000_000); // it did not wait for a free slot

    target.answers.get(1).complete(null); // one answer frees one slot
    loop.run(clock.now + 1_000_000, 3, target);
    assertThat(target.started).extracting(s -> s[0]).containsExactly(0L, 1L, 2L, 0L);
    assertThat(target.dropped).containsExactly(3L, 4L, 1L, 2L);

    target.answers.forEach(a -> a.complete(null));
    assertThat(loop.outstanding()).isZero();
    assertThat(loop.awaitDrained(clock.now)).isTrue();
  }

  @Test
  void aFailedAnswerFreesItsSlotToo() {
    FakeClock clock = new FakeClock(0, 0);
    RecordingTarget target = new RecordingTarget(clock, false);
    OpenLoop loop = new OpenLoop(1_000, 1, clock);
    loop.run(0, 1, target);
    target.answers.get(0).completeExceptionally(new RuntimeException("refused"));

    assertThat(loop.outstanding()).isZero();
  }

  @Test
  void awaitDrainedGivesUpAtTheDeadline() {
    FakeClock clock = new FakeClock(0, 0);
    RecordingTarget target = new RecordingTarget(clock, false);
    OpenLoop loop = new OpenLoop(1_000, 10, clock);
    loop.run(0, 2, target);

    assertThat(loop.awaitDrained(clock.now + 5_000_000)).isFalse();
    assertThat(clock.now).isEqualTo(1_000_000 + 5_000_000);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new OpenLoop(0, 1, OpenLoop.Clock.SYSTEM)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoop(10, 0, OpenLoop.Clock.SYSTEM)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSystemClockSleepsUntilTheDeadline() {
    long deadline = System.nanoTime() + 2_000_000;
    OpenLoop.Clock.SYSTEM.sleepUntil(deadline);
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
  }
}
