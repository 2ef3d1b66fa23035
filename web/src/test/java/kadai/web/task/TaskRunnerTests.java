package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import kadai.tasks.Tasks;
import kadai.web.submission.SubmissionDao;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task-run worker on its own: a run whose worker was killed runs again and is stored once,
 * gives up after {@link TaskWorkerConfig#MAX_ATTEMPTS}, honours a cancel flag set meanwhile, and
 * reports sources that do not compile.
 */
class TaskRunnerTests {

    static TestServer server;
    static TaskRunDao runs;
    static SubmissionDao submissions;
    static TaskRunner runner;
    static long sensei;

    @BeforeAll
    static void start() {
        // No task workers in the server: these runs are driven by hand.
        server = TestServer.start(new FakeGrader(), TestServer.fastTasks().withThreads(0));
        runs = server.server().taskRuns();
        submissions = new SubmissionDao(server.server().database().jdbi());
        runner = new TaskRunner(
                runs,
                submissions,
                new TaskCodeFactory(TestServer.fastTasks().sandbox(), 0),
                Tasks.all(),
                TestServer.fastTasks(),
                new ObjectMapper(),
                Clock.systemUTC());
        sensei = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM users WHERE username = 'sensei'")
                        .mapTo(Long.class)
                        .one());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long newRun(String task, String code, String submissionIds) {
        return runs.insert(
                new TaskRunDao.NewRun(sensei, task, code, submissionIds, 100, 100, 1, 7, "cpu"), Instant.now());
    }

    @Test
    void aRunWhoseWorkerWasKilledRunsAgainAndItsResultIsStoredOnce() {
        long id = newRun("cnn", "reference", null);
        assertThat(runs.markStarted(id, "killed-worker", Instant.now())).isTrue();

        runner.run(id);
        TaskRun done = runs.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskRun.Status.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.accuracy()).isBetween(0.0, 1.0);
        assertThat(done.curvesJson()).contains("train_loss");

        runner.run(id); // the job delivered once more (a revived execution): nothing changes
        TaskRun again = runs.find(id).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.finishedAt()).isEqualTo(done.finishedAt());
        assertThat(again.accuracy()).isEqualTo(done.accuracy());
    }

    @Test
    void aRunThatLostItsWorkerTooOftenIsFailedWithAMessage() {
        long id = newRun("cnn", "reference", null);
        for (int i = 0; i < TaskWorkerConfig.MAX_ATTEMPTS; i++) {
            runs.markStarted(id, "killed-worker", Instant.now());
        }
        runner.run(id);
        TaskRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRun.Status.FAILED);
        assertThat(run.error()).contains("did not complete after " + TaskWorkerConfig.MAX_ATTEMPTS + " attempts");
    }

    @Test
    void aRunCancelledWhileItsWorkerWasDeadEndsCancelledWhenPickedAgain() {
        long id = newRun("cnn", "reference", null);
        runs.markStarted(id, "killed-worker", Instant.now());
        assertThat(runs.requestCancel(id, Instant.now())).isTrue();
        assertThat(runs.find(id).orElseThrow().status()).isEqualTo(TaskRun.Status.RUNNING);
        runner.run(id);
        TaskRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRun.Status.CANCELLED);
        assertThat(run.attempts()).isEqualTo(1);
    }

    @Test
    void submittedSourcesThatDoNotCompileFailTheRunWithTheCompilersMessage() {
        long submission = submissions.insert(
                sensei,
                "gan",
                "en",
                1,
                0,
                Instant.now(),
                Map.of("kadai/assignments/gan/GanLoss.java", "package kadai.assignments.gan;\npublic class GanLoss {"));
        long id = newRun("dcgan", "submission", Long.toString(submission));
        runner.run(id);
        TaskRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRun.Status.FAILED);
        assertThat(run.error()).contains("does not compile").contains("GanLoss.java");
    }

    @Test
    void aDemonstrationTaskRunsForAStudentWithoutAnySubmission() {
        long id = newRun("transfer", "submission", "");
        runner.run(id);
        TaskRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).as(run.error()).isEqualTo(TaskRun.Status.SUCCEEDED);
        assertThat(run.accuracy()).isBetween(0.0, 1.0);
        assertThat(run.metricsJson()).contains("accuracy_scratch_k10").contains("instructor's demonstration");
    }

    @Test
    void aStudentsAugmentSubmissionTrainsWithTheirRandomAugmentation() throws java.io.IOException {
        java.nio.file.Path reference = java.nio.file.Path.of("../reference/src/main/java/kadai/assignments/augment");
        Map<String, String> sources = Map.of(
                "kadai/assignments/augment/Augment.java",
                java.nio.file.Files.readString(reference.resolve("Augment.java")),
                "kadai/assignments/augment/RandomAugmentation.java",
                java.nio.file.Files.readString(reference.resolve("RandomAugmentation.java")));
        long submission = submissions.insert(sensei, "augment", "en", 1, 0, Instant.now(), sources);
        long id = newRun("augment", "submission", Long.toString(submission));
        runner.run(id);
        TaskRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).as(run.error()).isEqualTo(TaskRun.Status.SUCCEEDED);
        assertThat(run.metricsJson())
                .contains("gap_without")
                .contains("gap_with")
                .contains("augment_seconds_per_epoch_with");
        assertThat(run.curvesJson()).contains("train_loss_vflip");
    }
}
