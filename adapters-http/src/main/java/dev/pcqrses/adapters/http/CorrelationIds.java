package dev.pcqrses.adapters.http;

import dev.pcqrses.ports.contract.LogFields;
import org.slf4j.MDC;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the client's {@code X-Correlation-ID} if it is a safe
 * token (letters, digits and {@code . _ : -}, at most 128), otherwise a new UUID, so that nothing a
 * client sends ends up unchecked in logs. The id is echoed in the response header.
 */
public final class CorrelationIds implements HttpHandler {
  public static final HttpString HEADER = new HttpString("X-Correlation-ID");
  public static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

  private final HttpHandler next;

  public CorrelationIds(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String offered = exchange.getRequestHeaders().getFirst(HEADER);
    String id = offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    exchange.putAttachment(KEY, id);
    exchange.getResponseHeaders().put(HEADER, id);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogFields.CORRELATION_ID, id)) {
      next.handleRequest(exchange);
    }
  }

  /** The correlation id of an exchange that went through this handler. */
  public static String of(HttpServerExchange exchange) {
    return exchange.getAttachment(KEY);
  }
}
