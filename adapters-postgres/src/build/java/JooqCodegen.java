import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Build step (run by exec-maven-plugin in generate-sources): starts an embedded PostgreSQL,
 * applies the Flyway migrations and generates jOOQ classes for the read model from the real
 * schema. Skips all of it when the migrations and this file are unchanged since the last run.
 *
 * <p>Arguments: migrations directory, output directory, package name, scratch data directory,
 * this file.
 */
public class JooqCodegen {
  public static void main(String[] args) throws Exception {
    Path migrations = Path.of(args[0]);
    Path output = Path.of(args[1]);
    String packageName = args[2];
    Path scratch = Path.of(args[3]);
    Path stamp = output.resolve(".inputs-sha256");

    Path self = Path.of(args[4]);
    String inputs = digest(migrations, self);
    if (Files.exists(stamp) && Files.readString(stamp).equals(inputs)) {
      return; // up to date: nothing to say
    }
    Files.createDirectories(scratch);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(scratch.resolve("data"))
        .setCleanDataDirectory(true)
        .start()) {
      Flyway.configure()
          .dataSource(pg.getPostgresDatabase())
          .locations("filesystem:" + migrations.toAbsolutePath())
          .load()
          .migrate();
      Configuration configuration = new Configuration()
          .withJdbc(new Jdbc()
              .withDriver("org.postgresql.Driver")
              .withUrl(pg.getJdbcUrl("postgres", "postgres"))
              .withUser("postgres"))
          .withGenerator(new Generator()
              .withDatabase(new Database()
                  .withName("org.jooq.meta.postgres.PostgresDatabase")
                  .withInputSchema("public")
                  .withOutputSchemaToDefault(true)
                  // only the read model is accessed through jOOQ; the journal belongs to Pekko
                  .withIncludes("user_accounts")
                  .withExcludes("flyway_schema_history"))
              .withGenerate(new Generate()
                  .withRecords(true)
                  .withPojos(false)
                  .withDaos(false)
                  .withJavaTimeTypes(true)
                  .withGeneratedAnnotation(false))
              .withTarget(new Target()
                  .withPackageName(packageName)
                  .withDirectory(output.toString())
                  .withClean(true)));
      GenerationTool.generate(configuration);
    }
    Files.writeString(stamp, inputs);
  }

  /** A digest of every migration file and of this generator, so a change to either regenerates. */
  private static String digest(Path migrations, Path self) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<Path> files;
    try (Stream<Path> stream = Files.list(migrations)) {
      files = stream.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
    }
    sha.update(Files.readAllBytes(self));
    return HexFormat.of().formatHex(sha.digest());
  }
}
