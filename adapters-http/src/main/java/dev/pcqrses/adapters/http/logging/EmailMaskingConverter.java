package dev.pcqrses.adapters.http.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %maskEmail(...)}: the text its pattern produces with e-mail addresses masked
 * ({@link EmailMasking}). logback-base.xml wraps the whole text line in it, the exception
 * ({@code %ex}) included. Registered with
 * {@code <conversionRule conversionWord="maskEmail" class="dev.pcqrses.adapters.http.logging.EmailMaskingConverter"/>}.
 */
public class EmailMaskingConverter extends CompositeConverter<ILoggingEvent> {
  @Override
  protected String transform(ILoggingEvent event, String in) {
    return EmailMasking.mask(in);
  }
}
