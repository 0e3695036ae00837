package dev.pcqrses.adapters.http.logging;

import static net.logstash.logback.argument.StructuredArguments.array;
import static net.logstash.logback.argument.StructuredArguments.entries;
import static net.logstash.logback.argument.StructuredArguments.fields;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static net.logstash.logback.argument.StructuredArguments.value;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * Log events with e-mail addresses in every place an event can carry one. Every address has
 * "sekret" in its local part and "leaky" in its domain, so that any piece of one left in the output
 * is found by looking for those two words (which appear nowhere else).
 */
final class MaskingCases {
  static final List<String> LEAK_MARKERS = List.of("sekret", "leaky");
  static final String PEKKO_ADDRESS = "pekko://pcqrses@127.0.0.1:25520/user/accounts#1";

  static final String PLAIN = "alice.sekret1@leaky1.example.com";
  static final String UPPER = "BOB.SEKRET2@LEAKY2.EXAMPLE.ORG";
  static final String PLUS = "john.doe+sekret3@mail.leaky3.co.jp";
  static final String SPECIALS = "a!#$%&'*+/=?^_`{|}~-sekret4@leaky4-x.example";

  private MaskingCases() {}

  /** Logs every case through {@code context}; returns the number of events logged. */
  static int logAll(LoggerContext context) throws Exception {
    Logger log = context.getLogger("dev.pcqrses.cases");
    int events = 0;

    log.info("message: registered " + PLAIN);
    log.info("argument: {} signed in from {}", UPPER, "user=" + PLUS + ";");
    log.info("specials: <" + SPECIALS + ">");
    log.info("escapes: \"q.sekret5@leaky5.example\" back\\b.sekret6@leaky6.example\\ nl\nn.sekret7@leaky7.example\n"
        + "tab\tt.sekret8@leaky8.example\té" + "u.sekret9@leaky9.example\u2028 json {\"e\":\"j.sekret10\\u0040leaky10.example\"}"
        + " escaped-newline \\nk.sekret11@leaky11.example");
    log.info("pekko: " + PEKKO_ADDRESS);
    events += 5;

    RuntimeException cause = new IllegalStateException("cause of c.sekret12@leaky12.example",
        new IllegalArgumentException("root cause r.sekret13@leaky13.example"));
    RuntimeException failure = new RuntimeException("failed for f.sekret14@leaky14.example", cause);
    failure.addSuppressed(new IllegalStateException("suppressed s.sekret15@leaky15.example"));
    log.error("exception", failure);
    events++;

    MDC.put("correlation_id", "c-1");
    MDC.put("user_email", "m.sekret16@leaky16.example");
    MDC.put("m.sekret17@leaky17.example", "an MDC key that is an address");
    try {
      log.info("mdc");
      events++;
    } finally {
      MDC.clear();
    }

    log.info("structured", kv("email", "k.sekret18@leaky18.example"), value("contact", "v.sekret19@leaky19.example"),
        entries(Map.of("e.sekret20@leaky20.example", "e.sekret21@leaky21.example")),
        array("emails", "a.sekret22@leaky22.example", "b.sekret23@leaky23.example"),
        raw("raw_json", "{\"r.sekret24@leaky24.example\":\"x\\u0040leaky25.example\\n\",\"n\":\"\\nr.sekret26@leaky26.example\"}"),
        fields(new Contact("p.sekret27@leaky27.example", List.of("q.sekret28@leaky28.example"))),
        value("raw_pojo", new RawHolder("{\"h\":\"h.sekret29@leaky29.example\"}")));
    events++;

    log.info(Markers.append("nested", Map.of("list", List.of("n.sekret30@leaky30.example")))
        .and(Markers.appendRaw("raw_marker", "[\"w.sekret31@leaky31.example\"]"))
        .and(MarkerFactory.getMarker("tag.sekret32@leaky32.example")), "markers");
    events++;

    log.atInfo().addKeyValue("kv_email", "f.sekret33@leaky33.example").addKeyValue("g.sekret34@leaky34.example", "key")
        .log("fluent key-value pairs");
    events++;

    context.getLogger("audit.l.sekret35@leaky35.example").info("logger name");
    events++;

    Thread thread = new Thread(() -> log.info("thread name"), "worker-t.sekret36@leaky36.example");
    thread.start();
    thread.join();
    events++;

    log.info(new GeneratorWrites(), "generator writes");
    events++;
    return events;
  }

  /** Whether {@code text} holds a piece of one of the addresses above. */
  static boolean leaks(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return LEAK_MARKERS.stream().anyMatch(lower::contains);
  }

  record Contact(String primary, List<String> others) {}

  record RawHolder(@JsonRawValue String json) {}

  /**
   * Writes through the generator methods that the encoder's masking generator lets through, as a
   * custom marker or provider could.
   */
  static final class GeneratorWrites extends LogstashMarker {
    GeneratorWrites() {
      super("generator-writes");
    }

    @Override
    public void writeTo(JsonGenerator generator) throws IOException {
      generator.writeFieldName(new SerializedString("sn.sekret40@leaky40.example"));
      generator.writeString("serialized field name");
      generator.writeFieldName("reader");
      String reader = "rd.sekret41@leaky41.example";
      generator.writeString(new StringReader(reader), reader.length());
      generator.writeFieldName("string_array");
      generator.writeArray(new String[] {"sa.sekret42@leaky42.example", "x"}, 0, 2);
      generator.writeFieldName("char_array");
      char[] chars = "ca.sekret43@leaky43.example".toCharArray();
      generator.writeString(chars, 0, chars.length);
      generator.writeFieldName("number_chars");
      char[] number = "nc.sekret44@leaky44.example".toCharArray();
      generator.writeNumber(number, 0, number.length);
      generator.writeFieldName("number_string");
      generator.writeNumber("ns.sekret45@leaky45.example");
      generator.writeFieldName("raw_value_chars");
      char[] rawValue = "\"rv.sekret46@leaky46.example\"".toCharArray();
      generator.writeRawValue(rawValue, 0, rawValue.length);
      generator.writeFieldName("utf8");
      byte[] utf8 = "u8.sekret47@leaky47.example".getBytes(StandardCharsets.UTF_8);
      generator.writeUTF8String(utf8, 0, utf8.length);
      generator.writeFieldName("raw_utf8");
      byte[] rawUtf8 = "ru.sekret48\\u0040leaky48.example".getBytes(StandardCharsets.UTF_8);
      generator.writeRawUTF8String(rawUtf8, 0, rawUtf8.length);
      generator.writeFieldName("serialized_value");
      generator.writeString(new SerializedString("sv.sekret49@leaky49.example"));
      // Raw fragments after a complete field; the generator does not see them, the JSON stays valid.
      generator.writeRaw(",\"raw_string\":\"rs.sekret50@leaky50.example\"");
      char[] rawChars = ",\"raw_chars\":\"rc.sekret51@leaky51.example\"".toCharArray();
      generator.writeRaw(rawChars, 0, rawChars.length);
      generator.writeRaw(new SerializedString(",\"raw_serialized\":\"rz.sekret52@leaky52.example\""));
      String slice = "xx,\"raw_slice\":\"sl.sekret53@leaky53.example\"xx";
      generator.writeRaw(slice, 2, slice.length() - 4);
    }
  }
}
