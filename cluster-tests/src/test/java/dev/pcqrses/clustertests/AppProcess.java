package dev.pcqrses.clustertests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One app JVM started from its packaged jar ({@code apps/<app>/target/pcqrses-<app>.jar}, libraries
 * in {@code target/lib}), as an operator starts it: environment variables only. It can be started
 * again after it exits (a restart is a new incarnation with a log file of its own, so a test can
 * tell what one incarnation did).
 *
 * <p>Every started JVM is recorded in a pid file under {@code <work-dir>/pids} until it is seen to
 * exit, and killed by a shutdown hook of the test JVM. If the test JVM itself is killed (a fork
 * timeout), {@code .ci/run} kills what the pid files still name.
 */
final class AppProcess {
  /** Six JVMs share two cores with the build: small heaps, and no parallel GC threads per JVM. */
  static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Dfile.encoding=UTF-8");
  /** Settings the test JVM may have inherited that would change what the apps do. */
  private static final List<String> SCRUBBED_PREFIXES = List.of("LOG_", "PEKKO_", "COMMAND_API_", "QUERY_API_",
      "READ_MODEL_UPDATER_", "DATABASE_", "CONFIG_FORCE_", "EVENT_STORE", "METRICS_", "SHARDING_", "USER_ACCOUNT_",
      "PROJECTION_", "JOURNAL_", "JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "BLOCKING_IO_");
  private static final List<AppProcess> ALL = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (AppProcess app : ALL) {
        app.killIfAlive();
      }
    }, "cluster-tests-kill-apps"));
  }

  final String name;
  final String app;
  final int httpPort;
  private final Map<String, String> env;
  private final Path workDir;
  private Process process;
  private int incarnation;
  private Path log;

  AppProcess(String name, String app, int httpPort, Map<String, String> env, Path workDir) {
    this.name = name;
    this.app = app;
    this.httpPort = httpPort;
    this.env = new LinkedHashMap<>(env);
    this.workDir = workDir;
    ALL.add(this);
  }

  static Path repoRoot() {
    String root = System.getProperty("pcqrses.repo-root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }

  static Path jar(String app) {
    return repoRoot().resolve("apps/" + app + "/target/pcqrses-" + app + ".jar");
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Starts a new incarnation; the previous one must have exited. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    Path jar = jar(app);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package the apps first (./mvnw -B -DskipTests package)");
    }
    incarnation++;
    try {
      Files.createDirectories(workDir.resolve("logs"));
      Files.createDirectories(workDir.resolve("pids"));
      log = workDir.resolve("logs").resolve(name + "-" + incarnation + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_OPTIONS);
      command.add("-XX:ErrorFile=" + workDir.resolve("logs").resolve("hs_err_" + name + "-%p.log"));
      command.add("-jar");
      command.add(jar.toString());
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(k -> SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
      environment.putAll(env);
      process = builder.start();
      Files.writeString(pidFile(), Long.toString(process.pid()), StandardCharsets.UTF_8);
      Process started = process;
      Path pidFile = pidFile();
      started.onExit().thenRun(() -> {
        try {
          Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
          // the CI clean-up checks the command line before it kills anything named there
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Changes one variable for the next incarnation. */
  synchronized void setEnv(String key, String value) {
    env.put(key, value);
  }

  private Path pidFile() {
    return workDir.resolve("pids").resolve(name + "-" + incarnation + ".pid");
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  synchronized Process process() {
    return process;
  }

  /** SIGTERM (what Process.destroy sends on Linux): the graceful stop. */
  void sigterm() {
    process().destroy();
  }

  /** SIGKILL: no shutdown of any kind, as when a machine or container dies. */
  void sigkill() {
    process().destroyForcibly();
  }

  /** Waits for the current incarnation to exit; its exit code, or fails after {@code timeout}. */
  int awaitExit(Duration timeout) {
    Process p = process();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still running " + timeout + " after it was asked to stop\n" + logTail(60));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return p.exitValue();
  }

  void killIfAlive() {
    Process p = process();
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The current incarnation's log (stdout and stderr). */
  synchronized Path log() {
    return log;
  }

  String logText() {
    try {
      return log() == null ? "" : Files.readString(log(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  String logTail(int lines) {
    String[] all = logText().split("\n");
    StringBuilder tail = new StringBuilder("--- last lines of " + log() + "\n");
    for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
      tail.append(all[i]).append('\n');
    }
    return tail.toString();
  }

  @Override
  public String toString() {
    return name + " (" + app + ", " + baseUrl() + ")";
  }
}
