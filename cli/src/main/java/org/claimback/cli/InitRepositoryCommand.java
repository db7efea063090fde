package org.claimback.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.claimback.cli.json.InitJson;
import org.claimback.cli.json.JsonOutput;
import org.claimback.config.RepositoryConfig;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.repository.Reachability;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticCopy;
import org.claimback.restic.ResticSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code claimback init [--json]}: creates the repository and each copy named in the config when
 * they don't exist yet (a remote repository is never created implicitly: a typo must not make a
 * new, empty one somewhere); copies get the repository's chunker parameters. One that exists is
 * left alone: its password is proved by opening it.
 */
@Command(name = "init", description = "Create the repository (repository:) and each offsite copy (copies:) named in the config"
        + " if they don't exist yet; copies get the repository's chunker parameters. Existing ones are only opened.")
public final class InitRepositoryCommand implements Callable<Integer> {
    @ParentCommand
    ClaimbackCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (shape in the README).")
    boolean json;

    @Override
    public Integer call() {
        try (Engine engine = Session.open(root)) {
            List<InitJson.Repository> done = new ArrayList<>();
            ResticSettings primary = Engine.resticSettings(engine.config());
            done.add(ensure(RepositoryConfig.PRIMARY, engine.restic(), null));
            for (RepositoryConfig copy : engine.config().copies()) {
                done.add(ensure(copy.name(), engine.copyRestic(copy.name()), primary));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.write(out, new InitJson(done, ExitCode.OK.code()));
            } else {
                done.forEach(r -> out.println(r.name() + " (" + r.repository() + "): " + (r.created() ? "created" : "exists")));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** Creates the repository of {@code restic} when missing; with {@code chunkerFrom}, with that one's chunker parameters. */
    private static InitJson.Repository ensure(String name, Restic restic, ResticSettings chunkerFrom) {
        new Reachability().requireReachable(restic.settings());
        boolean created = false;
        if (!restic.repositoryExists()) {
            if (chunkerFrom == null) {
                restic.init();
            } else {
                new ResticCopy(restic, chunkerFrom).initWithSourceChunker();
            }
            created = true;
        }
        return new InitJson.Repository(name, restic.settings().redactedRepository(), created);
    }
}
