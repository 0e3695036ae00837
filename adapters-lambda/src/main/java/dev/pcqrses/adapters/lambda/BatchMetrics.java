package dev.pcqrses.adapters.lambda;

import dev.pcqrses.ports.contract.Json;
import java.util.function.Consumer;

/**
 * The figures of one invocation, written as one CloudWatch Embedded Metric Format line to stdout
 * (CloudWatch Logs extracts the metrics; no API call, no agent, nothing running between
 * invocations, which a frozen Lambda could not do). Namespace {@code pcqrses}, dimension
 * {@code application}; docs/metrics.md lists the metrics.
 *
 * @param records        stream records in the batch
 * @param applied        events applied to the read model
 * @param duplicates     events already applied (redeliveries)
 * @param skipped        records with nothing to apply (markers, other aggregates, MODIFY/REMOVE)
 * @param poison         records that could not be decoded (the batch stopped there)
 * @param gaps           records whose predecessor was not applied yet (retried)
 * @param failures       records reported in {@code batchItemFailures} (0 or 1)
 * @param durationMillis handler time for the batch
 * @param maxLagMillis   largest now − {@code occurredAt} among the applied events
 */
record BatchMetrics(int records, int applied, int duplicates, int skipped, int poison, int gaps, int failures,
    long durationMillis, long maxLagMillis) {
  static final String NAMESPACE = "pcqrses";
  static final String APPLICATION = "read-model-updater-lambda";

  private static final String[][] METRICS = {
      {"Records", "Count"}, {"Applied", "Count"}, {"Duplicates", "Count"}, {"Skipped", "Count"},
      {"Poison", "Count"}, {"Gaps", "Count"}, {"Failures", "Count"},
      {"BatchDuration", "Milliseconds"}, {"MaxLag", "Milliseconds"}};

  /** The EMF line; {@code timestampMillis} is when the batch ended. */
  String toEmf(long timestampMillis) {
    long[] values = {records, applied, duplicates, skipped, poison, gaps, failures, durationMillis, maxLagMillis};
    Json.ObjectWriter line = new Json.ObjectWriter()
        .object("_aws", aws -> aws
            .number("Timestamp", timestampMillis)
            .array("CloudWatchMetrics", list -> list.object(directive -> directive
                .string("Namespace", NAMESPACE)
                .array("Dimensions", dimensions -> dimensions.array(set -> set.string("application")))
                .array("Metrics", metrics -> {
                  for (String[] metric : METRICS) {
                    metrics.object(m -> m.string("Name", metric[0]).string("Unit", metric[1]));
                  }
                }))))
        .string("application", APPLICATION);
    for (int i = 0; i < METRICS.length; i++) {
      line.number(METRICS[i][0], values[i]);
    }
    return line.end();
  }

  /** Writes the line to {@code out} (stdout in Lambda). */
  void emit(Consumer<String> out) {
    out.accept(toEmf(System.currentTimeMillis()));
  }
}
