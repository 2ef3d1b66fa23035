package kadai.grader.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Write a {@link GradeReport} as Gradescope's {@code results.json}: {@code score},
 * {@code max_score}, {@code execution_time}, {@code output}, and {@code tests[]} with
 * {@code name}, {@code score}, {@code max_score}, {@code status} ({@code passed}/{@code failed}),
 * {@code output}, {@code visibility} and {@code tags}. Kadai's own fields go in {@code extra_data}.
 */
public final class GradescopeResults {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {
    }

    /** Return the report as a JSON tree. */
    public static ObjectNode toJson(GradeReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("score", report.score());
        root.put("max_score", report.maxScore());
        root.put("execution_time", report.executionSeconds());
        root.put("output", report.output());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        ObjectNode extra = root.putObject("extra_data");
        extra.put("assignment", report.assignment());
        extra.put("outcome", report.outcome().name().toLowerCase(java.util.Locale.ROOT));
        extra.put("seed", report.seed());
        extra.put("sandbox_level", report.sandboxLevel());
        if (report.memoryMeasured()) {
            extra.put("peak_memory_bytes", report.peakMemoryBytes());
        } else {
            extra.putNull("peak_memory_bytes");
        }
        ArrayNode tests = root.putArray("tests");
        int number = 1;
        for (TestResult t : report.tests()) {
            ObjectNode test = tests.addObject();
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
            testExtra.put("kadai_status", t.status().name().toLowerCase(java.util.Locale.ROOT));
            testExtra.put("seconds", t.seconds());
            if (!t.tensors().isEmpty()) {
                testExtra.set("tensors", MAPPER.valueToTree(t.tensors()));
            }
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
