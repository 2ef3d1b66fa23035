package kadai.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.SubmissionGrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeCommandTests {

    static final Path REFERENCE_CONV_OPS = Path.of("../reference/src/main/java/kadai/assignments/conv/ConvOps.java");
    static final Path REFERENCE_TREE = Path.of("../reference/src/main/java");
    static final Path STUB_CONV_OPS = Path.of("../assignments/src/main/java/kadai/assignments/conv/ConvOps.java");
    static final Path NAIVE = Path.of("src/test/resources/catalogue/conv-op/correct-naive-loops/ConvOps.java");
    static final Path OVERWRITES =
            Path.of("src/test/resources/catalogue/conv-op/mutant-col2im-overwrites/ConvOps.java");
    private static final SubmissionGrader GRADER = new DefaultSubmissionGrader();

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int kadai(String... args) {
        return new GraderMain(() -> GRADER, new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void theReferenceGetsFullMarks() {
        int code =
                kadai("grade", "--assignment", "conv-op", "--submission", REFERENCE_CONV_OPS.toString(), "--seed", "7");
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Kadai grade: conv-op (seed 7, in-process)")
                .contains("Score: 17 / 17")
                .doesNotContain("Feedback on tests that did not pass");
    }

    @Test
    void verboseAddsWhereTheTimeWent() {
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                REFERENCE_CONV_OPS.toString(),
                "--seed",
                "7",
                "--verbose");
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Score: 17 / 17")
                .contains("Where the time went")
                .contains("compile")
                .contains("runner acquire")
                .containsPattern("student +ref +other +shrink");
    }

    @Test
    void aWholeSourceTreeIsGradedWithItsHelperClasses() {
        int code = kadai("grade", "--assignment", "conv-op", "--submission", REFERENCE_TREE.toString(), "--seed", "8");
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Score: 17 / 17");
    }

    @Test
    void theStubsScoreZeroWithTheirTodoMessages() {
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                STUB_CONV_OPS.toString(),
                "--seed",
                "7",
                "--min-score",
                "1");
        assertThat(code).isEqualTo(ExitCodes.BELOW_MIN_SCORE);
        assertThat(out.toString())
                .contains("Score: 0 / 17")
                .contains("TODO: ConvOps.im2col")
                .contains("TODO: ConvOps.col2im")
                .contains("TODO: ConvOps.outputSize");
        assertThat(err.toString()).contains("below --min-score 1");
    }

    @Test
    void aZipIsGradedAndAPercentageThresholdApplies(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("submission.zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(file)) {
            z.putNextEntry(new ZipEntry("work/src/main/java/kadai/assignments/conv/ConvOps.java"));
            z.write(Files.readAllBytes(NAIVE));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("work/pom.xml"));
            z.write("<project/>".getBytes());
            z.closeEntry();
        }
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                zip.toString(),
                "--seed",
                "9",
                "--min-score",
                "100%");
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aWrongSubmissionLosesPointsAndTheFeedbackShowsTheSmallestCase() {
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                OVERWRITES.toString(),
                "--seed",
                "3",
                "--min-score",
                "80%");
        assertThat(code).isEqualTo(ExitCodes.BELOW_MIN_SCORE);
        assertThat(out.toString())
                .contains("col2im adds up overlapping windows")
                .contains("Smallest failing case")
                .contains("N=1, C=1, H=1,")
                .contains("does not agree with the reference")
                .contains("expected")
                .contains("actual")
                // The run's seed heads the table (staff rerun with --seed 3); students are sent to the kit.
                .contains("(seed 3,")
                .contains("in a visible test of your starter kit")
                .doesNotContain("reproduce the whole run with kadai grade");
    }

    @Test
    void aCompileErrorIsNotGradedAndNamesTheFileAndLine(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("ConvOps.java");
        Files.writeString(
                source,
                Files.readString(NAIVE)
                        .replace(
                                "return (in + 2 * pad - filter) / stride + 1;",
                                "return (in + 2 * pad - filter) / stride + 1"));
        Path json = tmp.resolve("results.json");
        int code =
                kadai("grade", "--assignment", "conv-op", "--submission", source.toString(), "--json", json.toString());
        assertThat(code).isEqualTo(ExitCodes.NOT_GRADED);
        assertThat(out.toString())
                .contains("The submission does not compile")
                .containsPattern("ConvOps\\.java:\\d+:\\d+: error: ';' expected")
                .contains("(not graded)");
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("max_score").asDouble()).isEqualTo(17);
        assertThat(results.get("extra_data").get("outcome").asText()).isEqualTo("compile_error");
        assertThat(results.get("output").asText()).contains("';' expected");
    }

    @Test
    void resultsFilesCarryGradescopesFieldsAndJUnitXml(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("out/results.json");
        Path xml = tmp.resolve("reports");
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                OVERWRITES.toString(),
                "--seed",
                "5",
                "--json",
                json.toString(),
                "--junit-xml",
                xml.toString());
        assertThat(code).isEqualTo(ExitCodes.OK);
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.has("score")
                        && results.has("max_score")
                        && results.has("execution_time")
                        && results.has("output"))
                .isTrue();
        assertThat(results.get("extra_data").get("seed").asLong()).isEqualTo(5);
        JsonNode tests = results.get("tests");
        assertThat(tests).hasSize(11);
        for (JsonNode test : tests) {
            assertThat(test.fieldNames())
                    .toIterable()
                    .contains("name", "score", "max_score", "status", "output", "visibility", "tags");
            assertThat(test.get("status").asText()).isIn("passed", "failed");
            assertThat(test.get("visibility").asText()).isIn("visible", "hidden", "after_due_date");
        }
        String junit = Files.readString(xml.resolve("TEST-kadai-conv-op.xml"));
        assertThat(junit)
                .contains("<testsuite name=\"kadai.conv-op\" tests=\"11\"")
                .contains("<failure")
                .contains("<property name=\"seed\" value=\"5\"/>");
    }

    @Test
    void feedbackCanBeInJapanese() {
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                OVERWRITES.toString(),
                "--seed",
                "3",
                "--lang",
                "ja");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Kadai 採点結果")
                .contains("合計:")
                .contains("col2im が重なる窓の値を足し合わせる")
                .contains("失敗する最小のケース")
                .contains("参照実装と一致しません");
    }

    @Test
    void aMissingOptionIsAUsageError() {
        int code = kadai("grade", "--submission", NAIVE.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--assignment=ID'");
    }

    @Test
    void anUnknownAssignmentIsNotGraded() {
        int code = kadai("grade", "--assignment", "conv-opp", "--submission", NAIVE.toString());
        assertThat(code).isEqualTo(ExitCodes.NOT_GRADED);
        assertThat(err.toString()).contains("unknown assignment 'conv-opp'; known: conv-op");
    }

    @Test
    void aRequiredSandboxIsRefusedUntilOneExists() {
        int code = kadai("grade", "--assignment", "conv-op", "--submission", NAIVE.toString(), "--sandbox", "required");
        assertThat(code).isEqualTo(ExitCodes.SANDBOX_UNAVAILABLE);
        assertThat(err.toString()).contains("--sandbox required").contains("--sandbox auto or off");
    }

    @Test
    void aSubmissionWithoutJavaFilesIsNotGraded(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        int code = kadai("grade", "--assignment", "conv-op", "--submission", tmp.toString());
        assertThat(code).isEqualTo(ExitCodes.NOT_GRADED);
        assertThat(out.toString()).contains("contains no .java file");
    }

    @Test
    void whatTheStudentPrintsGoesIntoTheFeedbackOfTheTestThatPrintedIt(@TempDir Path tmp) throws IOException {
        Path source = tmp.resolve("ConvOps.java");
        Files.writeString(
                source,
                Files.readString(NAIVE)
                        .replace(
                                "    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {\n",
                                "    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {\n"
                                        + "        System.out.println(\"debug: col2im \" + xShape);\n"));
        Path json = tmp.resolve("results.json");
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                source.toString(),
                "--seed",
                "4",
                "--json",
                json.toString());
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).doesNotContain("debug: col2im");
        JsonNode tests = new ObjectMapper().readTree(json.toFile()).get("tests");
        JsonNode im2col = tests.get(3);
        JsonNode col2im = tests.get(5);
        assertThat(im2col.get("name").asText()).startsWith("im2col agrees");
        assertThat(im2col.get("output").asText()).isEmpty();
        assertThat(col2im.get("name").asText()).startsWith("col2im agrees");
        assertThat(col2im.get("output").asText())
                .startsWith("Your code printed (System.out / System.err):\ndebug: col2im (");
    }

    @Test
    void aGradientUnderAnotherKeyCostsOnlyTheKeyTestAndIsNotedInThePassedTestsFeedback(@TempDir Path tmp)
            throws IOException {
        Path json = tmp.resolve("results.json");
        kadai(
                "grade",
                "--assignment",
                "conv",
                "--submission",
                "src/test/resources/catalogue/conv/mutant-grads-keyed-dw-db",
                "--seed",
                "5",
                "--json",
                json.toString());
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.get("score").asDouble())
                .as(out.toString())
                .isEqualTo(results.get("max_score").asDouble() - 1);
        for (JsonNode test : results.get("tests")) {
            String id = test.get("extra_data").get("id").asText();
            if (id.endsWith("paramsAreTheConstructorArrays")) {
                assertThat(test.get("status").asText()).isEqualTo("failed");
                assertThat(test.get("output").asText()).contains("returned keys [dW, db]");
            } else if (id.endsWith("parameterGradientsAgreeWithTheReference")) {
                assertThat(test.get("status").asText()).isEqualTo("passed");
                assertThat(test.get("output").asText())
                        .contains("grads() has no key \"W\", so the tests used grads().get(\"dW\")")
                        .contains("grads() has no key \"b\", so the tests used grads().get(\"db\")");
            }
        }
    }
}
