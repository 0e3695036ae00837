package dev.pcqrses.adapters.http.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * Masks e-mail addresses ({@link EmailMasking}) in everything a logstash-logback-encoder JSON
 * encoder writes. For the JSON encoders of logback-base.xml and the Lambda's logback.xml:
 * {@code <jsonGeneratorDecorator class="dev.pcqrses.adapters.http.logging.EmailMaskingJsonGeneratorDecorator"/>}.
 *
 * <p>It is the encoder's {@link MaskingJsonGeneratorDecorator} with one value masker, which masks
 * string values (message, stack trace, MDC and argument values, logger and thread names...). That
 * generator lets some writes through unmasked: field names (MDC keys, structured-argument keys,
 * map keys), raw JSON ({@code writeRaw*}, {@code writeRawValue}: {@code Markers.appendRaw},
 * {@code StructuredArguments.raw}, {@code @JsonRawValue}), {@code writeRawUTF8String},
 * {@code writeString(Reader, int)}, {@code writeArray(String[], ...)} and
 * {@code writeNumber(char[], ...)}. They all reach the generator it wraps, {@link UnmaskedWrites},
 * which masks them.
 */
public class EmailMaskingJsonGeneratorDecorator extends MaskingJsonGeneratorDecorator {

  public EmailMaskingJsonGeneratorDecorator() {
    addValueMasker((context, value) -> {
      if (value instanceof CharSequence text) {
        String original = text.toString();
        String masked = EmailMasking.mask(original);
        return masked == original ? null : masked;
      }
      return null;
    });
  }

  @Override
  public JsonGenerator decorate(JsonGenerator generator) {
    if (!isStarted()) {
      start();
    }
    return super.decorate(new UnmaskedWrites(generator));
  }

  /** Masks the writes that the encoder's masking generator passes on as they are. */
  static final class UnmaskedWrites extends JsonGeneratorDelegate {
    UnmaskedWrites(JsonGenerator delegate) {
      super(delegate, false);
    }

    @Override
    public void writeFieldName(String name) throws IOException {
      super.writeFieldName(EmailMasking.mask(name));
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
      String masked = EmailMasking.mask(name.getValue());
      if (masked == name.getValue()) {
        super.writeFieldName(name);
      } else {
        super.writeFieldName(masked);
      }
    }

    @Override
    public void writeString(Reader reader, int len) throws IOException {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[1024];
      while (len < 0 || text.length() < len) {
        int read = reader.read(buffer, 0, len < 0 ? buffer.length : Math.min(buffer.length, len - text.length()));
        if (read < 0) {
          break;
        }
        text.append(buffer, 0, read);
      }
      delegate.writeString(EmailMasking.mask(text.toString()));
    }

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
      delegate.writeStartArray(array, length);
      for (int i = offset; i < offset + length; i++) {
        delegate.writeString(EmailMasking.mask(array[i]));
      }
      delegate.writeEndArray();
    }

    @Override
    public void writeNumber(char[] encoded, int offset, int len) throws IOException {
      String text = new String(encoded, offset, len);
      String masked = EmailMasking.mask(text);
      if (masked == text) {
        delegate.writeNumber(encoded, offset, len);
      } else {
        delegate.writeString(masked);
      }
    }

    @Override
    public void writeRaw(String text) throws IOException {
      delegate.writeRaw(EmailMasking.maskJson(text));
    }

    @Override
    public void writeRaw(String text, int offset, int len) throws IOException {
      writeRaw(text.substring(offset, offset + len));
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) throws IOException {
      writeRaw(new String(text, offset, len));
    }

    @Override
    public void writeRaw(SerializableString raw) throws IOException {
      writeRaw(raw.getValue());
    }

    @Override
    public void writeRawValue(String text) throws IOException {
      delegate.writeRawValue(EmailMasking.maskJson(text));
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
      writeRawValue(text.substring(offset, offset + len));
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
      writeRawValue(new String(text, offset, len));
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
      String raw = new String(text, offset, length, StandardCharsets.UTF_8);
      String masked = EmailMasking.maskJson(raw);
      if (masked == raw) {
        delegate.writeRawUTF8String(text, offset, length);
      } else {
        byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
        delegate.writeRawUTF8String(bytes, 0, bytes.length);
      }
    }
  }
}
