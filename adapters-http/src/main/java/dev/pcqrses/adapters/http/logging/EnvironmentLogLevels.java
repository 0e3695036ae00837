package dev.pcqrses.adapters.http.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import java.util.Locale;

/**
 * Sets logger levels from a list of {@code logger=LEVEL} entries, separated by commas or white
 * space, applied in order (a later entry for the same logger wins). logback-base.xml builds the
 * list from the environment ({@code LOG_LEVEL}, {@code PEKKO_LOG_LEVEL}, {@code LOG_LEVEL_*}, then
 * {@code LOG_LEVELS}):
 *
 * <pre>{@code
 * <contextListener class="dev.pcqrses.adapters.http.logging.EnvironmentLogLevels">
 *   <levels>ROOT=${LOG_LEVEL:-INFO}, ${LOG_LEVELS:-}</levels>
 * </contextListener>
 * }</pre>
 *
 * <p>Levels: TRACE, DEBUG, INFO, WARN (or Pekko's WARNING), ERROR, OFF, and INHERITED (take the
 * parent's level), in any case. An entry that is not {@code logger=LEVEL} is skipped with a warning
 * in logback's status messages, which logback prints at start-up; it never stops the app.
 * ({@code <root level="...">} would read an unknown level as DEBUG without a word.)
 */
public class EnvironmentLogLevels extends ContextAwareBase implements LoggerContextListener, LifeCycle {
  static final String LEVELS = "TRACE, DEBUG, INFO, WARN (or WARNING), ERROR, OFF or INHERITED";

  private String levels = "";
  private boolean started;

  public void setLevels(String levels) {
    this.levels = levels == null ? "" : levels;
  }

  @Override
  public void start() {
    for (String entry : levels.strip().split("[,\\s]+")) {
      if (!entry.isEmpty()) {
        apply(entry);
      }
    }
    started = true;
  }

  private void apply(String entry) {
    int eq = entry.indexOf('=');
    if (eq <= 0) {
      addWarn("Log levels: ignored '" + entry + "': expected logger=LEVEL, e.g. dev.pcqrses=DEBUG");
      return;
    }
    String name = entry.substring(0, eq);
    String levelName = entry.substring(eq + 1).toUpperCase(Locale.ROOT);
    boolean root = name.equalsIgnoreCase(Logger.ROOT_LOGGER_NAME);
    boolean inherited = levelName.equals("INHERITED");
    Level level = levelName.equals("WARNING") ? Level.WARN : Level.toLevel(levelName, null);
    if ((level == null && !inherited) || (inherited && root)) {
      addWarn("Log levels: ignored '" + entry + "': the level must be one of " + LEVELS
          + (inherited ? " (not INHERITED for ROOT)" : ""));
      return;
    }
    Logger logger = ((LoggerContext) getContext()).getLogger(root ? Logger.ROOT_LOGGER_NAME : name);
    logger.setLevel(level);
    addInfo("Log levels: " + logger.getName() + " = " + (level == null ? "INHERITED" : level));
  }

  @Override
  public void stop() {
    started = false;
  }

  @Override
  public boolean isStarted() {
    return started;
  }

  @Override
  public boolean isResetResistant() {
    return false;
  }

  @Override
  public void onStart(LoggerContext context) {}

  @Override
  public void onReset(LoggerContext context) {}

  @Override
  public void onStop(LoggerContext context) {}

  @Override
  public void onLevelChange(Logger logger, Level level) {}
}
