package kadai.grader.cli;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.SubmissionGrader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Run the grader's command line: {@code kadai grade ...}. The {@code ./kadai} launcher passes the
 * subcommand name as the first argument.
 */
@Command(name = "kadai", mixinStandardHelpOptions = true, version = "kadai grader 0.1.0",
        description = "Grade submissions of the Kadai CNN course.",
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        subcommands = {CommandLine.HelpCommand.class})
public final class GraderMain {

    private final Supplier<SubmissionGrader> grader;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * Build the command with its collaborators (tests inject writers).
     *
     * @param grader made on first use, so {@code --help} needs no grader
     */
    public GraderMain(Supplier<SubmissionGrader> grader, PrintWriter out, PrintWriter err) {
        this.grader = grader;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new GraderMain(DefaultSubmissionGrader::new, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Run the command line; return one of {@link ExitCodes}. */
    public int execute(String... args) {
        CommandLine cli = new CommandLine(this)
                .addSubcommand("grade", new GradeCommand(grader, out, err))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    err.println("kadai: the grader failed: " + e);
                    e.printStackTrace(err);
                    return ExitCodes.INTERNAL_ERROR;
                });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
