package dev.pcqrses.apps.readmodelupdater;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SAM template wires the stream the way the handler's failure reporting needs. */
class SamTemplateTest {
  static final JsonNode TEMPLATE = read();

  static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(Path.of("aws/template.yaml").toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void the_function_runs_our_handler_from_the_built_artifact() throws Exception {
    JsonNode function = TEMPLATE.at("/Resources/ReadModelUpdaterFunction/Properties");
    String handler = function.path("Handler").asText();
    String handlerClass = handler.substring(0, handler.indexOf("::"));
    assertThat(Class.forName(handlerClass).getMethod(handler.substring(handler.indexOf("::") + 2),
        com.amazonaws.services.lambda.runtime.events.DynamodbEvent.class,
        com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
    assertThat(function.path("CodeUri").asText()).isEqualTo("../target/pcqrses-read-model-updater-lambda.jar");
    assertThat(function.path("Runtime").asText()).isEqualTo("java17");
    assertThat(function.at("/Environment/Variables").fieldNames()).toIterable()
        .contains("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "JAVA_TOOL_OPTIONS");
  }

  @Test
  void snap_start_is_a_choice_on_a_published_alias() {
    JsonNode function = TEMPLATE.at("/Resources/ReadModelUpdaterFunction/Properties");
    assertThat(function.at("/SnapStart/ApplyOn/Ref").asText()).isEqualTo("SnapStart");
    assertThat(TEMPLATE.at("/Parameters/SnapStart/AllowedValues")).extracting(JsonNode::asText)
        .containsExactly("None", "PublishedVersions");
    assertThat(function.path("AutoPublishAlias").asText()).as("SnapStart applies to published versions").isNotEmpty();
    assertThat(function.at("/Environment/Variables/LAMBDA_PRIME_ON_INIT/Fn::If/0").asText())
        .as("primed exactly when snapshotted").isEqualTo("SnapStartOn");
    assertThat(TEMPLATE.at("/Conditions/SnapStartOn/Fn::Equals/1").asText()).isEqualTo("PublishedVersions");
  }

  @Test
  void the_stream_reports_item_failures_bisects_retries_finitely_and_keeps_what_fails() {
    JsonNode stream = TEMPLATE.at("/Resources/ReadModelUpdaterFunction/Properties/Events/JournalStream");
    assertThat(stream.path("Type").asText()).isEqualTo("DynamoDB");
    JsonNode p = stream.path("Properties");
    assertThat(p.path("FunctionResponseTypes")).containsExactly(new ObjectMapper().valueToTree("ReportBatchItemFailures"));
    assertThat(p.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
    assertThat(p.at("/BatchSize/Ref").asText()).isEqualTo("BatchSize");
    assertThat(p.at("/MaximumBatchingWindowInSeconds/Ref").asText()).isEqualTo("MaximumBatchingWindowInSeconds");
    assertThat(p.at("/MaximumRetryAttempts/Ref").asText()).isEqualTo("MaximumRetryAttempts");
    assertThat(TEMPLATE.at("/Parameters/MaximumRetryAttempts/MaxValue").asInt()).as("finite retries").isBetween(0, 10000);
    assertThat(p.at("/DestinationConfig/OnFailure/Type").asText()).isEqualTo("SQS");
    assertThat(p.at("/DestinationConfig/OnFailure/Destination/Fn::GetAtt/0").asText()).isEqualTo("FailedRecordsQueue");
    assertThat(TEMPLATE.at("/Resources/FailedRecordsQueue/Type").asText()).isEqualTo("AWS::SQS::Queue");
  }

  @Test
  void batching_is_a_parameter_with_the_balanced_preset_as_default() {
    assertThat(TEMPLATE.at("/Parameters/BatchSize/Default").asInt()).isEqualTo(50);
    assertThat(TEMPLATE.at("/Parameters/MaximumBatchingWindowInSeconds/Default").asInt()).isEqualTo(5);
    assertThat(TEMPLATE.at("/Parameters/MaximumBatchingWindowInSeconds/MaxValue").asInt()).isEqualTo(300);
  }
}
