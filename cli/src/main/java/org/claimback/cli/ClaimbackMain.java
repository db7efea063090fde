package org.claimback.cli;

import java.util.Arrays;
import org.claimback.agent.Logging;
import picocli.CommandLine;

/** Entry point of {@code claimback}. */
public final class ClaimbackMain {
    private ClaimbackMain() {}

    public static void main(String[] args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        Logging.configure("System.err", debug ? "debug" : "error");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new ClaimbackCommand());
        ErrorHandler handler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        return cmd;
    }
}
