package io.robustlab.cli;

import io.robustlab.cli.gate.GateCommand;
import io.robustlab.cli.jobs.StatusCommand;
import io.robustlab.cli.jobs.SubmitCommand;
import io.robustlab.cli.jobs.WaitCommand;
import io.robustlab.cli.results.CurvesCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code robustlab}: the entry point of the runnable jar. */
@Command(name = "robustlab", mixinStandardHelpOptions = true, versionProvider = RobustLabCli.Version.class,
        description = {"RobustLab from the command line and from CI pipelines: submit specs, follow jobs, export "
                + "robustness curves, and gate a model on its clean and robust accuracy."},
        subcommands = {SubmitCommand.class, StatusCommand.class, WaitCommand.class, CurvesCommand.class,
                GateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:", "  0 ok", "  1 gate failed: the model fell short of a threshold",
                "  2 bad usage: options, a spec that is not valid, an epsilon not on the grid",
                "  3 the API refused the request or could not be reached",
                "  4 the job FAILED or was CANCELLED", "  5 timeout: the job had not finished",
                "Environment:", "  ROBUSTLAB_API_URL  the API (default http://localhost:8080)",
                "  ROBUSTLAB_API_KEY  the API key"})
public final class RobustLabCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new RobustLabCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    if (e instanceof CliException failure) {
                        err.println("robustlab: " + failure.getMessage());
                        err.flush();
                        return failure.exit().code();
                    }
                    // A bug of the CLI, not of the user's input: say so with the exception, never as a gate result.
                    err.println("robustlab: unexpected error: " + e);
                    if (System.getenv("ROBUSTLAB_CLI_DEBUG") != null) {
                        e.printStackTrace(err);
                    }
                    err.flush();
                    return Exit.API_ERROR.code();
                });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a command: the usage, and exit code 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(command.commandLine(),
                "a command is required: submit, status, wait, curves or gate");
    }

    /** The version the jar's manifest carries. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RobustLabCli.class.getPackage().getImplementationVersion();
            return new String[] {"robustlab-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
