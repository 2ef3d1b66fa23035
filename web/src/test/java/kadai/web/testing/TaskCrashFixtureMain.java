package kadai.web.testing;

import java.nio.file.Path;
import kadai.web.KadaiServer;

/** Run a Kadai server with task-run workers, so a test can kill it mid-training. Prints {@code PORT <n>}. */
public final class TaskCrashFixtureMain {

    private TaskCrashFixtureMain() {}

    public static void main(String[] args) throws InterruptedException {
        KadaiServer server =
                KadaiServer.start(TestServer.config(Path.of(args[0]), new FakeGrader()), TestServer.fastTasks());
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
