package kadai.grader.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.ReferenceImplementation;
import kadai.grader.SubmissionGrader;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxUnavailableException;
import kadai.grader.sandbox.remote.SandboxedStudentCodeFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Run the grader's command line: {@code kadai grade ...}. The {@code ./kadai} launcher passes the
 * subcommand name as the first argument.
 */
@Command(
        name = "kadai",
        mixinStandardHelpOptions = true,
        version = "kadai grader 0.1.0",
        description = "Grade submissions of the Kadai CNN course.",
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        subcommands = {CommandLine.HelpCommand.class})
public final class GraderMain {

    /**
     * Make a grader whose student code runs in the sandbox; null when this build has none.
     * Throws {@link SandboxUnavailableException} when {@code required} and the host offers less than full.
     */
    public interface SandboxedGraders {
        SubmissionGrader open(boolean required);
    }

    private final Supplier<SubmissionGrader> grader;
    private final SandboxedGraders sandboxed;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * Build the command with its collaborators (tests inject writers).
     *
     * @param grader made on first use, so {@code --help} needs no grader
     */
    public GraderMain(Supplier<SubmissionGrader> grader, PrintWriter out, PrintWriter err) {
        this(grader, required -> null, out, err);
    }

    /**
     * Build the command with an in-process grader (for {@code --sandbox off}) and a way to make
     * sandboxed ones (for {@code auto} and {@code required}).
     */
    public GraderMain(Supplier<SubmissionGrader> grader, SandboxedGraders sandboxed, PrintWriter out, PrintWriter err) {
        this.grader = grader;
        this.sandboxed = sandboxed;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new GraderMain(DefaultSubmissionGrader::new, GraderMain::sandboxedGrader, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Make a grader that runs the submission in a sandboxed runner (one runner started ahead). */
    static SubmissionGrader sandboxedGrader(boolean required) {
        SandboxedStudentCodeFactory runners =
                SandboxedStudentCodeFactory.forOneSubmission(required ? SandboxMode.REQUIRED : SandboxMode.AUTO);
        return new DefaultSubmissionGrader(runners, ReferenceImplementation::classes);
    }

    /** Run the command line; return one of {@link ExitCodes}. */
    public int execute(String... args) {
        CommandLine cli = new CommandLine(this)
                .addSubcommand("grade", new GradeCommand(grader, sandboxed, out, err))
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
