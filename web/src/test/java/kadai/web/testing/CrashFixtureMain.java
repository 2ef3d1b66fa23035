package kadai.web.testing;

import java.nio.file.Path;
import kadai.grader.SubmissionGrader;
import kadai.web.KadaiServer;

/**
 * Run a Kadai server whose grader never finishes, so a test can kill the process mid-grading.
 * Prints {@code PORT <n>} once listening and {@code GRADING <id>} when a job starts.
 */
public final class CrashFixtureMain {

    private CrashFixtureMain() {}

    public static void main(String[] args) throws InterruptedException {
        SubmissionGrader hangs = request -> {
            System.out.println("GRADING " + request.seed());
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        };
        KadaiServer server = KadaiServer.start(TestServer.config(Path.of(args[0]), hangs));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
