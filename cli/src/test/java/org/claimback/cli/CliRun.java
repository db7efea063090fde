package org.claimback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code claimback ARGS} in-process and keeps what it printed; a failed assertion shows it all. */
record CliRun(List<String> args, int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun of(String... args) {
        CommandLine cmd = ClaimbackMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(List.of(args), code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON\n" + this, e);
        }
    }

    /** Everything about the run, for assertion messages. */
    @Override
    public String toString() {
        return "claimback " + String.join(" ", args) + "\nexit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
