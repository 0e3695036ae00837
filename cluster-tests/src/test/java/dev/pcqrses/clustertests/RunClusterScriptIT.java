package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/run-cluster} as the README runs it (with its ports shifted to free ones): it starts
 * PostgreSQL and the six apps, prints the URLs once all are ready, the three command nodes form one
 * cluster, commands and queries work through any of them, and SIGTERM to the script stops every
 * app and PostgreSQL, exit 0, nothing left running.
 */
@Order(1)
class RunClusterScriptIT {
  static final Pattern URL = Pattern.compile("^\\s+(\\S+)\\s+(http://\\S+?)(?:/api/graphql|/health/ready)", Pattern.MULTILINE);

  @Test
  void bin_run_cluster_starts_a_working_cluster_and_stops_all_of_it() throws Exception {
    Path work = Path.of(System.getProperty("pcqrses.cluster-tests.work-dir", "target/cluster")).toAbsolutePath()
        .resolve("script");
    Files.createDirectories(work);
    Path out = work.resolve("run-cluster.out");
    int offset = freeOffset();
    ProcessBuilder builder = new ProcessBuilder("bash", AppProcess.repoRoot().resolve("bin/run-cluster").toString())
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("PEKKO_") || k.startsWith("JAVA_OPTS"));
    env.put("CLUSTER_DIR", work.toString());
    env.put("CLUSTER_FRESH", "true");
    env.put("CLUSTER_PORT_OFFSET", Integer.toString(offset));
    env.put("LOG_FORMAT", "json");
    long started = System.nanoTime();
    Process script = builder.start();
    try {
      Poll.until(Duration.ofSeconds(240), () -> "bin/run-cluster ready", () -> {
        assertThat(script.isAlive()).as("bin/run-cluster exited:\n%s", read(out)).isTrue();
        return read(out).contains("pcqrses cluster is ready");
      }, () -> read(out));
      System.out.printf(Locale.ROOT, "[run-cluster] ready in %.1f s (port offset %d)%n",
          (System.nanoTime() - started) / 1e9, offset);

      List<String> command = new ArrayList<>();
      List<String> query = new ArrayList<>();
      Matcher m = URL.matcher(read(out));
      while (m.find()) {
        (m.group(1).startsWith("command") ? command : m.group(1).startsWith("query") ? query : new ArrayList<String>())
            .add(m.group(2));
      }
      assertThat(command).as(read(out)).hasSize(3);
      assertThat(query).as(read(out)).hasSize(2);
      for (String node : command) {
        Poll.until(Duration.ofSeconds(60), () -> node + " sees 3 members up", () -> {
          Api.Reply r = Api.get(node, "/metrics", Duration.ofSeconds(2));
          return r.status() == 200 && Api.sample(r.body(), "pcqrses_cluster_members", "status=\"up\"") == 3;
        }, () -> "");
      }
      Api.Reply created = Api.graphql(command.get(0), Api.CREATE,
          Api.createInput("Script", "Cluster", "script@example.com"), Duration.ofSeconds(15));
      assertThat(created.ok()).as(created.describe()).isTrue();
      String id = created.json().at("/data/createUserAccount/id").asText();
      Api.Reply renamed = Api.graphql(command.get(2), Api.RENAME, Api.renameInput(id, "Scripted", "Cluster"),
          Duration.ofSeconds(15));
      assertThat(renamed.ok()).as(renamed.describe()).isTrue();
      Poll.until(Duration.ofSeconds(30), () -> "the rename visible through " + query.get(1), () -> "Scripted".equals(
          Api.graphql(query.get(1), Api.GET, Map.of("id", id), Duration.ofSeconds(5)).json()
              .at("/data/getUserAccount/firstName").asText(null)), () -> "");

      List<ProcessHandle> apps = pids(work).stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
      assertThat(apps).as("processes in %s/pids", work).hasSize(7);

      script.destroy(); // SIGTERM, as Ctrl-C would
      assertThat(script.waitFor(120, TimeUnit.SECONDS)).as("bin/run-cluster stopped\n%s", read(out)).isTrue();
      assertThat(script.exitValue()).as(read(out)).isZero();
      assertThat(apps).as("apps still running after the script stopped").noneMatch(ProcessHandle::isAlive);
      assertThat(pids(work)).as("pid files left").isEmpty();
      for (String app : List.of("command-1", "command-2", "command-3", "query-1", "query-2", "read-model-updater")) {
        assertThat(read(out)).contains("  " + app + " stopped");
      }
    } finally {
      if (script.isAlive()) {
        script.destroyForcibly();
      }
      // Whatever the script could not stop: its pid files name it.
      for (long pid : pids(work)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** An offset at which every port of bin/run-cluster is free (it refuses to start otherwise). */
  static int freeOffset() {
    int[] base = {18080, 18180, 18280, 18082, 18182, 18084, 25520, 25521, 25522, 8558, 8559, 8560, 8561, 15432};
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = 1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(30) * 1000 + attempt;
      boolean free = true;
      for (int port : base) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port + offset, 1,
            java.net.InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
          break;
        }
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no port offset with all of bin/run-cluster's ports free");
  }

  static List<Long> pids(Path work) {
    Path dir = work.resolve("pids");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Long> pids = new ArrayList<>();
      for (Path f : files.toList()) {
        try {
          pids.add(Long.parseLong(Files.readString(f).strip()));
        } catch (IOException | NumberFormatException ignored) {
          // a pid file being written or removed right now
        }
      }
      return pids;
    } catch (IOException e) {
      return List.of();
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
