package org.claimback.agent;

/**
 * Sets up slf4j-simple before the first logger exists: one line per event, no timestamps when
 * journald adds them, and the level chosen by {@code --debug}.
 */
public final class Logging {
    private Logging() {}

    /**
     * @param stream "System.out" for the agent (journald), "System.err" for the CLI (stdout is for output)
     * @param level  "debug", "info", "warn" or "error"
     */
    public static void configure(String stream, String level) {
        System.setProperty("org.slf4j.simpleLogger.logFile", stream);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", String.valueOf(System.getenv("JOURNAL_STREAM") == null));
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
        System.setProperty("org.slf4j.simpleLogger.log.org.quartz", "debug".equals(level) ? "info" : "warn");
    }
}
