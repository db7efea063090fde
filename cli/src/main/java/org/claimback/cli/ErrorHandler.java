package org.claimback.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.claimback.cli.json.ErrorJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one exception handler: every failure becomes {@code claimback: <one line>} on stderr and
 * its exit code from {@link Failures}; with {@code --json} the same error is also written to
 * stdout as {@code {"error": ...}}. Stack traces only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        ExitCode code = Failures.exitCode(e);
        String message = Failures.message(e);
        PrintWriter err = cmd.getErr();
        err.println("claimback: " + message);
        if (parsed.originalArgs().contains("--debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        if (parsed.originalArgs().contains("--json")) {
            JsonOutput.write(cmd.getOut(), new ErrorJson(new ErrorJson.Error(message, code.code())));
        }
        return code.code();
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println("claimback: " + e.getMessage().replace('\n', ' ') + " (see `" + name + " --help`)");
        cmd.getErr().flush();
        if (Arrays.asList(args).contains("--json")) {
            JsonOutput.write(cmd.getOut(), new ErrorJson(new ErrorJson.Error(e.getMessage(), ExitCode.USAGE.code())));
        }
        return ExitCode.USAGE.code();
    }
}
