package dev.pcqrses.adapters.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers stream shards to the handler the way Lambda's event source mapping does: shards are
 * polled in turn, a batch is the next records of a shard, and after a reported failure the shard
 * resumes from the failed record. Records of one item key keep their order within their shard;
 * nothing is ordered across shards.
 */
final class LambdaDelivery {
  private LambdaDelivery() {}

  /** Delivers everything; returns the number of invocations it took. */
  static int deliver(ReadModelUpdaterHandler handler, List<List<DynamodbStreamRecord>> shards, int batchSize) {
    return deliver(handler, shards, batchSize, new java.util.Random(0), 0);
  }

  /**
   * As {@link #deliver(ReadModelUpdaterHandler, List, int)}, but with probability
   * {@code redeliverRate} a handled batch is delivered again, as after an invocation that did its
   * work and then timed out.
   */
  static int deliver(ReadModelUpdaterHandler handler, List<List<DynamodbStreamRecord>> shards, int batchSize,
      java.util.Random random, double redeliverRate) {
    List<List<DynamodbStreamRecord>> pending = new ArrayList<>();
    shards.forEach(shard -> pending.add(new ArrayList<>(shard)));
    int invocations = 0;
    boolean progressed = true;
    while (pending.stream().anyMatch(shard -> !shard.isEmpty())) {
      if (!progressed && invocations > 10_000) {
        throw new AssertionError("delivery does not converge: " + pending);
      }
      progressed = false;
      for (List<DynamodbStreamRecord> shard : pending) {
        if (shard.isEmpty()) {
          continue;
        }
        List<DynamodbStreamRecord> batch = new ArrayList<>(shard.subList(0, Math.min(batchSize, shard.size())));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch);
        StreamsEventResponse response = handler.handleRequest(event, null);
        invocations++;
        int done = batch.size();
        if (!response.getBatchItemFailures().isEmpty()) {
          String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
          done = indexOf(batch, failed);
        }
        if (done > 0) {
          progressed = true;
        }
        if (done == batch.size() && random.nextDouble() < redeliverRate) {
          continue; // "timed out": the same batch comes again
        }
        shard.subList(0, done).clear();
      }
    }
    return invocations;
  }

  private static int indexOf(List<DynamodbStreamRecord> batch, String sequenceNumber) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber)) {
        return i;
      }
    }
    throw new AssertionError("reported failure " + sequenceNumber + " is not in the batch");
  }
}
