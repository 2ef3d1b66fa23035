package kadai.grader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import kadai.grader.Assignments;
import kadai.grader.GradeRequest;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.internal.InvalidSubmissionException;
import kadai.grader.internal.SubmissionFiles;
import kadai.grader.internal.SubmissionLimits;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradescopeResults;
import kadai.grader.result.JUnitXmlReport;
import kadai.grader.result.TerminalTable;
import kadai.grader.sandbox.SandboxUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kadai grade}: grade one submission, print a table, write results files, exit by score. */
@Command(
        name = "grade",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Grade a submission against an assignment's graded suite.",
        footer = {
            "",
            "Exit codes:",
            "  0   graded, score >= --min-score",
            "  1   graded, score below --min-score",
            "  2   bad command line",
            "  3   not graded: compile error, refused submission, unknown assignment",
            "  4   --sandbox required, but no full sandbox on this machine",
            "  70  internal error"
        })
final class GradeCommand implements Callable<Integer> {

    enum SandboxMode {
        auto,
        required,
        off
    }

    @Option(
            names = "--assignment",
            required = true,
            paramLabel = "ID",
            completionCandidates = AssignmentIds.class,
            description = "Assignment id: ${COMPLETION-CANDIDATES}.")
    String assignment;

    /** The built-in assignments' ids, for the help text (the list grows with the course). */
    static final class AssignmentIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Assignments.all().stream().map(kadai.grader.Assignment::id).iterator();
        }
    }

    @Option(
            names = "--submission",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description = "A directory, a .zip, or .java files (any subset of the student classes).")
    List<Path> submission;

    @Option(names = "--json", paramLabel = "FILE", description = "Write Gradescope's results.json here.")
    Path json;

    @Option(names = "--junit-xml", paramLabel = "DIR", description = "Write JUnit XML (TEST-kadai-<id>.xml) into DIR.")
    Path junitXml;

    @Option(
            names = "--min-score",
            paramLabel = "X",
            defaultValue = "0",
            description =
                    "Exit with 1 below this score: points (12) or a percentage (70%%). Default: ${DEFAULT-VALUE}.")
    String minScore;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of every random case (default: a new one, printed).")
    Long seed;

    @Option(names = "--lang", paramLabel = "en|ja", defaultValue = "en", description = "Language of the feedback.")
    String language;

    @Option(
            names = "--sandbox",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "auto (sandboxed runner at the best level this host offers), required (refuse below"
                    + " the full sandbox) or off (in-process, no isolation). See docs/sandbox.md.")
    SandboxMode sandbox;

    @Option(
            names = "--verbose",
            description = "Also print where the time went: compile, runner, each test"
                    + " (student code, reference, the grader's own work, shrinking).")
    boolean verbose;

    private final Supplier<SubmissionGrader> grader;
    private final GraderMain.SandboxedGraders sandboxed;
    private final PrintWriter out;
    private final PrintWriter err;

    GradeCommand(
            Supplier<SubmissionGrader> grader,
            GraderMain.SandboxedGraders sandboxed,
            PrintWriter out,
            PrintWriter err) {
        this.grader = grader;
        this.sandboxed = sandboxed;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!Language.isTag(language)) {
            err.println("kadai grade: --lang must be en or ja, not '" + language + "'");
            return ExitCodes.USAGE;
        }
        Language lang = Language.of(language);
        double min;
        boolean percent = minScore.endsWith("%");
        try {
            min = Double.parseDouble(percent ? minScore.substring(0, minScore.length() - 1) : minScore);
        } catch (NumberFormatException e) {
            err.println("kadai grade: --min-score must be a number of points (12) or a percentage (70%), not '"
                    + minScore + "'");
            return ExitCodes.USAGE;
        }
        SubmissionGrader chosen = null;
        if (sandbox != SandboxMode.off) {
            try {
                chosen = sandboxed.open(sandbox == SandboxMode.required);
            } catch (SandboxUnavailableException e) {
                if (sandbox == SandboxMode.required) {
                    err.println("kadai grade: " + e.getMessage()
                            + " (--sandbox auto or off grades without full isolation)");
                    return ExitCodes.SANDBOX_UNAVAILABLE;
                }
                err.println("kadai grade: no sandboxed runner (" + e.getMessage() + "); grading in-process");
            }
            if (chosen == null && sandbox == SandboxMode.required) {
                err.println("kadai grade: --sandbox required, but this grader has no sandboxed runner; it can only run"
                        + " student code in-process (no isolation). Use --sandbox auto or off to grade in-process.");
                return ExitCodes.SANDBOX_UNAVAILABLE;
            }
        }
        if (chosen == null) {
            chosen = grader.get();
        }
        if (Assignments.find(assignment).isEmpty()) {
            err.println("kadai grade: unknown assignment '" + assignment + "'; known: " + Assignments.ids());
            return ExitCodes.NOT_GRADED;
        }
        long runSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        GradeReport report;
        try {
            Map<String, String> sources = SubmissionFiles.read(submission, SubmissionLimits.DEFAULT);
            report = chosen.grade(new GradeRequest(assignment, sources, runSeed, lang));
        } catch (InvalidSubmissionException e) {
            report = new GradeReport(
                    assignment,
                    GradeReport.Outcome.INVALID_SUBMISSION,
                    0,
                    0,
                    0,
                    lang.pick("The submission could not be read: ", "提出物を読めませんでした: ") + e.getMessage(),
                    runSeed,
                    "in-process",
                    List.of());
        }
        out.print(TerminalTable.render(report, lang.tag()));
        if (verbose) {
            out.print(TerminalTable.timings(report, lang.tag()));
        }
        out.flush();
        try {
            if (json != null) {
                GradescopeResults.write(report, json);
                out.println(lang.pick("Results JSON: ", "結果 JSON: ") + json);
            }
            if (junitXml != null) {
                Path file = JUnitXmlReport.write(report, junitXml);
                out.println("JUnit XML: " + file);
            }
        } catch (IOException e) {
            err.println("kadai grade: cannot write the results: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        if (report.outcome() != GradeReport.Outcome.GRADED) {
            return ExitCodes.NOT_GRADED;
        }
        double threshold = percent ? min / 100.0 * report.maxScore() : min;
        if (report.score() + 1e-9 < threshold) {
            err.printf("kadai grade: score %s is below --min-score %s%n", report.score(), minScore);
            return ExitCodes.BELOW_MIN_SCORE;
        }
        return ExitCodes.OK;
    }
}
