package dev.pcqrses.ports.out;

import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.ports.in.CommandOutcome;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: delivers a validated command to the aggregate that owns it and reports how it
 * ended. Implementations answer {@link CommandOutcome.Accepted}, {@link CommandOutcome.Rejected} or
 * {@link CommandOutcome.Unavailable} (timeouts, overload); they never answer {@code Invalid}.
 */
public interface CommandPort {
  CompletionStage<CommandOutcome> submit(UserAccountCommand command, EventMetadata metadata);
}
