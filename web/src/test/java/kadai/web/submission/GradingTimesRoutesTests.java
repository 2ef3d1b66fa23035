package kadai.web.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import kadai.grader.result.GradingTimes;
import kadai.web.testing.Client;
import kadai.web.testing.Fixtures;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every grading's timing breakdown is stored with its result and shown to the staff only. */
class GradingTimesRoutesTests {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithRealGrader();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theStaffSeeWhereTheTimeWentAndTheStudentDoesNot() throws Exception {
        Client student = server.client().withToken(server.demoToken());
        String created = student.submitApi(
                        "conv-op",
                        Client.Part.text(
                                "ConvOps.java",
                                Files.readString(Fixtures.submission("conv-op", "right", "ConvOps.java"))))
                .body();
        long id = new ObjectMapper().readTree(created).get("id").asLong();
        student.awaitGraded(id, Duration.ofMinutes(3));

        GradingTimes times =
                new GradingTimesDao(server.server().database().jdbi()).find(id).orElseThrow();
        assertThat(times.phases())
                .extracting(GradingTimes.Phase::name)
                .containsExactly(
                        GradingTimes.QUEUE_WAIT,
                        GradingTimes.COMPILE,
                        GradingTimes.RUNNER_ACQUIRE,
                        GradingTimes.REFERENCE_LOAD,
                        GradingTimes.TESTS,
                        GradingTimes.RUNNER_CLOSE,
                        GradingTimes.RESULT_STORE);
        assertThat(times.phase(GradingTimes.COMPILE)).isPositive();
        assertThat(times.tests()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(times.tests().values())
                .allSatisfy(t -> assertThat(t.seconds()).isPositive());

        String staffPage = server.client()
                .loggedIn("sensei", "kadai-instructor")
                .get("/submissions/" + id)
                .body();
        assertThat(staffPage)
                .contains("id=\"timings\"")
                .contains("Where the time went")
                .contains("result store")
                .contains("queue wait")
                .contains("im2col");
        String studentPage = server.client()
                .loggedIn("aiko", "kadai-student")
                .get("/submissions/" + id)
                .body();
        assertThat(studentPage)
                .contains("id=\"score\"")
                .doesNotContain("id=\"timings\"")
                .doesNotContain("Where the time went");
    }
}
