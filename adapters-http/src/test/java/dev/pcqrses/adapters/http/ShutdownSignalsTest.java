package dev.pcqrses.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real child JVM with an HTTP server and the stop sequence: SIGTERM (what {@code kill} and
 * orchestrators send) runs the whole sequence and the JVM exits with status 0, not 143.
 */
class ShutdownSignalsTest {

  /** Run in the child JVM: serves, installs the signal handling, waits for the signal. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      HttpServer server = HttpServer.builder(HttpServerSettings.fromConfig(
          ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults"))).start();
      GracefulShutdown shutdown = GracefulShutdown.of("child", server,
              new ShutdownSettings(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(3)))
          .then("last-step", () -> System.out.println("LAST STEP RAN"));
      ShutdownSignals.Hook hook = ShutdownSignals.install("child");
      hook.stopWith(shutdown::run);
      if (args.length > 0 && args[0].equals("port-taken")) {
        // What an ActorSystem does: non-daemon threads started before the HTTP server.
        Thread busy = new Thread(() -> {
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "started-before-http");
        busy.start();
        Config taken = ConfigFactory.parseString("port = " + server.port())
            .withFallback(ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults"));
        hook.startOrExit(() -> HttpServer.builder(HttpServerSettings.fromConfig(taken)).start());
      }
      if (args.length > 0 && args[0].equals("exit-by-itself")) {
        hook.exitBecause("a part of the app ended by itself", 3);
      }
      System.out.println("READY " + server.baseUrl());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void sigterm_runs_the_stop_sequence_and_exits_with_status_0() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-DLOG_FORMAT=text", Child.class.getName())
        .redirectErrorStream(true)
        .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("READY ")) {
          assertThat(new Http(line.substring(6)).get("/health/ready").status()).isEqualTo(200);
          // kill -TERM, as an orchestrator does (Process.destroy would also close our end of stdout).
          assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    String output = String.join("\n", lines);
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("READY ", "phase health-check-grace-period", "phase detach-wait-duration",
        "phase stop-accepting and drain", "LAST STEP RAN", "child stop sequence took", "child stopped");
  }

  @Test
  void a_part_that_ended_by_itself_stops_the_app_and_exits_with_the_status_given() throws Exception {
    Exited child = runToExit("exit-by-itself");
    assertThat(child.status()).as(child.output()).isEqualTo(3);
    assertThat(child.output()).contains("child exits with status 3: a part of the app ended by itself",
        "LAST STEP RAN", "child stopped");
  }

  @Test
  void a_start_that_fails_says_why_in_one_line_and_exits_1_although_other_threads_run() throws Exception {
    Exited child = runToExit("port-taken");
    assertThat(child.status()).as(child.output()).isEqualTo(1);
    assertThat(child.output())
        .containsPattern("child could not start: cannot listen on [^ ]+:\\d+ for HTTP: .*Address already in use")
        .doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  record Exited(int status, String output) {}

  /** Runs {@link Child} in {@code mode} until it exits by itself (at most 30 s). */
  private static Exited runToExit(String mode) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode)
        .redirectErrorStream(true)
        .start();
    try {
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child exited by itself").isTrue();
      return new Exited(child.exitValue(), new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      child.destroyForcibly();
    }
  }
}
