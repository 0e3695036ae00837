package dev.pcqrses.apps.loadgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline of the projection rate (P3): the rows the projection writes for {@code rows} creates,
 * upserted straight over JDBC by {@code threads} connections in batches of {@code batch} rows per
 * transaction (the projection's group size), as fast as they go. The rows get ids of their own
 * ({@code 7Y…}) and are deleted afterwards.
 */
final class UpsertBaseline {
  private UpsertBaseline() {}

  static Map<String, Object> run(String jdbcUrl, String user, String password, int rows, int threads, int batch)
      throws Exception {
    List<List<String>> batches = new ArrayList<>();
    for (int start = 0; start < rows; start += batch) {
      List<String> ids = new ArrayList<>();
      for (int i = start; i < Math.min(rows, start + batch); i++) {
        ids.add(String.format("7Y%024d", i));
      }
      batches.add(ids);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        running.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            for (int b = first; b < batches.size(); b += threads) {
              LambdaProbe.upsert(c, batches.get(b), 1);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM user_accounts WHERE id LIKE '7Y%'");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rows", rows);
    r.put("threads", threads);
    r.put("batch", batch);
    r.put("seconds", Math.round(seconds * 1000) / 1000.0);
    r.put("rows_per_second", Math.round(rows / seconds));
    return r;
  }
}
