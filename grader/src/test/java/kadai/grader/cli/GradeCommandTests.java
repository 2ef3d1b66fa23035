package kadai.grader.cli;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.SubmissionGrader;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GradeCommandTests {

    static final Path REFERENCE_CONV_OPS = Path.of("../reference/src/main/java/kadai/assignments/conv/ConvOps.java");
    static final Path STUB_CONV_OPS = Path.of("../assignments/src/main/java/kadai/assignments/conv/ConvOps.java");
    private static final SubmissionGrader GRADER = new DefaultSubmissionGrader();

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int kadai(String... args) {
        return new GraderMain(() -> GRADER, new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void theReferenceGetsFullMarks() {
        int code = kadai("grade", "--assignment", "conv-op", "--submission", REFERENCE_CONV_OPS.toString(), "--seed", "7");
        System.out.println(out);
        System.out.println(err);
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Score: 17 / 17");
    }

    @Test
    void theStubsScoreZeroWithTheirTodoMessages() {
        int code = kadai("grade", "--assignment", "conv-op", "--submission", STUB_CONV_OPS.toString(), "--seed", "7",
                "--min-score", "1");
        System.out.println(out);
        assertThat(code).isEqualTo(ExitCodes.BELOW_MIN_SCORE);
        assertThat(out.toString()).contains("Score: 0 / 17").contains("TODO: ConvOps.im2col");
    }
}
