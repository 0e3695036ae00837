package dev.pcqrses.apps.readmodelupdater;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Lambda deployment artifact as built (runs after package): small, free of Pekko and the other
 * heavy libraries, and working on its own — loaded in a class loader that sees nothing but the
 * artifact and the Lambda runtime's serialization library, fed an event the way the runtime does.
 */
class LambdaArtifactIT {
  static final Path ARTIFACT = Path.of("target/pcqrses-read-model-updater-lambda.jar");
  static final String HANDLER = "dev.pcqrses.adapters.lambda.ReadModelUpdaterHandler";

  @Test
  void is_small_and_holds_no_pekko_scala_sdk_or_migrations() throws Exception {
    assertThat(Files.size(ARTIFACT)).as("artifact bytes").isLessThanOrEqualTo(15L * 1024 * 1024);
    try (JarFile jar = new JarFile(ARTIFACT.toFile())) {
      List<String> entries = jar.stream().map(e -> e.getName()).toList();
      assertThat(entries).contains(HANDLER.replace('.', '/') + ".class", "logback.xml", "reference.conf");
      assertThat(entries).noneMatch(e -> e.startsWith("org/apache/pekko/") || e.startsWith("scala/")
          || e.startsWith("com/amazonaws/services/dynamodbv2/") || e.startsWith("org/flywaydb/")
          || e.startsWith("db/migration/") || e.startsWith("io/zonky/"));
      // From adapters-http, only the logging classes that logback.xml names (masking, levels).
      assertThat(entries).contains("dev/pcqrses/adapters/http/logging/EmailMaskingJsonGeneratorDecorator.class",
          "dev/pcqrses/adapters/http/logging/EnvironmentLogLevels.class");
      assertThat(entries).filteredOn(e -> e.startsWith("dev/pcqrses/adapters/http/") && !e.endsWith("/"))
          .allMatch(e -> e.startsWith("dev/pcqrses/adapters/http/logging/"));
      assertThat(entries).noneMatch(e -> e.startsWith("pcqrses/") || e.startsWith("graphql/")
          || e.startsWith("io/undertow/"));
    }
  }

  @Test
  void runs_from_the_artifact_alone_against_postgresql() throws Exception {
    SharedPostgres pg = SharedPostgres.get();
    System.setProperty("pcqrses.database.url", pg.jdbcUrl());
    System.setProperty("pcqrses.database.user", "postgres");
    System.setProperty("pcqrses.database.password", "");
    URL runtimeSerialization = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader lambda = new URLClassLoader(
        new URL[] {ARTIFACT.toUri().toURL(), runtimeSerialization}, ClassLoader.getPlatformClassLoader())) {
      assertThat(Class.forName("org.apache.pekko.actor.typed.ActorSystem", false, getClass().getClassLoader()))
          .as("Pekko is on the test's class path...").isNotNull();
      assertThat(canLoad(lambda, "org.apache.pekko.actor.typed.ActorSystem")).as("...but not on the Lambda's").isFalse();

      UserAccountId id = new UserAccountId("01KBN7Q3V9ARTFACT00000000A");
      Class<?> eventType = lambda.loadClass("com.amazonaws.services.lambda.runtime.events.DynamodbEvent");
      Class<?> serializers = lambda.loadClass(
          "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers");
      Object serializer = serializers.getMethod("serializerFor", Class.class, ClassLoader.class)
          .invoke(null, eventType, lambda);
      Method fromJson = serializer.getClass().getMethod("fromJson", InputStream.class);
      fromJson.setAccessible(true);
      Object event = fromJson.invoke(serializer, new ByteArrayInputStream(streamEvent(id).getBytes(StandardCharsets.UTF_8)));

      Object handler = lambda.loadClass(HANDLER).getConstructor().newInstance();
      Object response = handler.getClass().getMethod("handleRequest", eventType,
          lambda.loadClass("com.amazonaws.services.lambda.runtime.Context")).invoke(handler, event, null);
      assertThat((List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response)).isEmpty();
    } finally {
      System.clearProperty("pcqrses.database.url");
      System.clearProperty("pcqrses.database.user");
      System.clearProperty("pcqrses.database.password");
    }
    try (Connection c = SharedPostgres.get().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT first_name FROM user_accounts WHERE id = ?")) {
      s.setString(1, "01KBN7Q3V9ARTFACT00000000A");
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Artifact");
      }
    }
  }

  private static boolean canLoad(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** One DynamoDB Streams INSERT of a journal item, in AWS's JSON. */
  private static String streamEvent(UserAccountId id) {
    UserAccountCreated created = new UserAccountCreated(new EventId("01KBN7R0000000000000000099"), id,
        new FirstName("Artifact"), new LastName("Test"), new EmailAddress("artifact@example.com"),
        Instant.parse("2026-12-03T10:00:00Z"), EventMetadata.NONE);
    String pid = id.persistenceId();
    String image = "{\"par\":{\"S\":\"journal-P-" + pid + "-0\"},\"num\":{\"N\":\"1\"},\"seq\":{\"N\":\"1\"},"
        + "\"persistence_id\":{\"S\":\"" + pid + "\"},\"writer_uuid\":{\"S\":\"w\"},"
        + "\"event\":{\"B\":\"" + Base64.getEncoder().encodeToString(UserAccountEventCodec.encode(created)) + "\"},"
        + "\"ev_ser_id\":{\"N\":\"9001\"},\"ev_ser_manifest\":{\"S\":\"UserAccountCreated.v1\"}}";
    return "{\"Records\":[{\"eventID\":\"1\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
        + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"ap-northeast-1\",\"dynamodb\":{"
        + "\"ApproximateCreationDateTime\":1796292000,\"Keys\":{\"par\":{\"S\":\"journal-P-" + pid + "-0\"},"
        + "\"num\":{\"N\":\"1\"}},\"NewImage\":" + image + ",\"SequenceNumber\":\"100\",\"SizeBytes\":500,"
        + "\"StreamViewType\":\"NEW_IMAGE\"},\"eventSourceARN\":\"arn:aws:dynamodb:ap-northeast-1:1:table/t/stream/s\"}]}";
  }
}
