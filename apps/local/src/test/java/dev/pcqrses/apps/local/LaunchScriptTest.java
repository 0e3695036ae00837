package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/run: the JVM settings docs/tuning.md promises, accepted by this JVM, and no remote JMX. */
class LaunchScriptTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  static String run(List<String> command, Path directory) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }

  @Test
  void every_app_gets_g1_a_heap_share_rotated_gc_logs_and_a_heap_dump_on_oom() throws Exception {
    for (String app : List.of("command-api", "query-api", "read-model-updater", "local")) {
      String command = run(List.of("bash", ROOT.resolve("bin/run").toString(), "--print", app, "--x"), ROOT);
      assertThat(command)
          .startsWith("java ")
          .contains("-XX:+UseG1GC", "-XX:MaxRAMPercentage=75", "filecount=10,filesize=20m", "gc-" + app + ".log",
              "-XX:+HeapDumpOnOutOfMemoryError", "-XX:+ExitOnOutOfMemoryError")
          .endsWith("-jar " + ROOT.resolve("apps/" + app + "/target/pcqrses-" + app + ".jar") + " --x")
          .doesNotContain("jmxremote");
    }
  }

  @Test
  void the_settings_are_accepted_by_the_jvm_and_the_environment_changes_them() throws Exception {
    Path dir = Files.createTempDirectory("pcqrses-launch");
    ProcessBuilder print = new ProcessBuilder("bash", ROOT.resolve("bin/run").toString(), "--print", "query-api")
        .directory(dir.toFile()).redirectErrorStream(true);
    print.environment().put("HEAP_PERCENT", "50");
    print.environment().put("GC_LOG_DIR", dir.toString());
    print.environment().put("JAVA_OPTS", "-Dpcqrses.test=1");
    Process p = print.start();
    String command = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(command).contains("-XX:MaxRAMPercentage=50", "file=" + dir + "/gc-query-api.log", "-Dpcqrses.test=1");

    // The same options, with -version instead of the jar: a typo in a flag would stop the JVM.
    List<String> options = new ArrayList<>(Arrays.asList(command.split(" ")));
    options = new ArrayList<>(options.subList(0, options.indexOf("-jar")));
    options.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    options.add("-version");
    String version = run(options, dir);
    assertThat(version).contains("version");
    assertThat(dir.resolve("gc-query-api.log")).exists();
  }
}
