package kadai.grader.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Write a {@link GradeReport} as Gradescope's {@code results.json}: {@code score},
 * {@code max_score}, {@code execution_time}, {@code output}, and {@code tests[]} with
 * {@code name}, {@code score}, {@code max_score}, {@code status} ({@code passed}/{@code failed}),
 * {@code output}, {@code visibility} and {@code tags}. Kadai's own fields go in {@code extra_data}.
 * The one writer of that shape: {@code kadai grade --json} writes {@link #toJson}, the web's
 * results API the {@link #withheld} view of a stored submission.
 */
public final class GradescopeResults {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {}

    /** Return the report as a JSON tree, every test shown. */
    public static ObjectNode toJson(GradeReport report) {
        return toJson(report, null);
    }

    /**
     * Return the report as a reader sees it who may not see some tests yet (a student before the
     * instructor releases hidden tests): a withheld test keeps its number and its visibility and
     * is named "Hidden test", without score, status, output, tags or comparisons
     * ({@code extra_data.withheld: true}); {@code extra_data.withheld_tests} counts them. The
     * report's score and max_score are written as they are: a platform that shows withheld
     * points differently sets those two itself.
     */
    public static ObjectNode withheld(GradeReport report, Predicate<TestResult> withheld) {
        return toJson(report, withheld);
    }

    private static ObjectNode toJson(GradeReport report, Predicate<TestResult> withheld) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("score", report.score());
        root.put("max_score", report.maxScore());
        root.put("execution_time", report.executionSeconds());
        root.put("output", report.output());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ObjectNode extra = root.putObject("extra_data");
        extra.put("assignment", report.assignment());
        extra.put(
                "outcome",
                report.outcome() == null ? null : report.outcome().name().toLowerCase(Locale.ROOT));
        extra.put("seed", report.seed());
        extra.put("sandbox_level", report.sandboxLevel());
        if (report.memoryMeasured()) {
            extra.put("peak_memory_bytes", report.peakMemoryBytes());
        } else {
            extra.putNull("peak_memory_bytes");
        }
        ArrayNode tests = root.putArray("tests");
        int number = 1;
        int hidden = 0;
        for (TestResult t : report.tests()) {
            ObjectNode test = tests.addObject();
            if (withheld != null && withheld.test(t)) {
                hidden++;
                test.put("name", "Hidden test");
                test.put("number", String.valueOf(number++));
                test.put("visibility", t.visibility().gradescopeName());
                test.putObject("extra_data").put("withheld", true);
                continue;
            }
            test.put("name", t.name());
            test.put("number", String.valueOf(number++));
            test.put("score", t.score());
            test.put("max_score", t.maxScore());
            test.put("status", t.status() == TestStatus.PASSED ? "passed" : "failed");
            test.put("output", t.output());
            test.put("visibility", t.visibility().gradescopeName());
            ArrayNode tags = test.putArray("tags");
            t.tags().forEach(tags::add);
            ObjectNode testExtra = test.putObject("extra_data");
            testExtra.put("id", t.id());
            testExtra.put("kadai_status", t.status().name().toLowerCase(Locale.ROOT));
            testExtra.put("seconds", t.seconds());
            if (!t.tensors().isEmpty()) {
                testExtra.set("tensors", MAPPER.valueToTree(t.tensors()));
            }
        }
        if (withheld != null) {
            extra.put("withheld_tests", hidden);
        }
        return root;
    }

    /** Return the report as indented JSON text. */
    public static String toJsonText(GradeReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write results as JSON", e);
        }
    }

    /** Write the report to {@code file}, creating its directory. */
    public static void write(GradeReport report, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, toJsonText(report));
    }
}
