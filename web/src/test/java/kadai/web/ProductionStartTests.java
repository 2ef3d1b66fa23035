package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kadai.web.testing.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./kadai serve --no-demo} (issue 10, "fixed instructor login on every new deployment"):
 * on an empty data directory no fixed password gets in, the first instructor's password comes
 * from a file, the environment or a terminal (else the start is refused), and nothing secret is
 * printed; README's {@code ./kadai serve} keeps the demo and says so.
 */
class ProductionStartTests {

    static final String PASSWORD = "Kadai-course-2027!";

    /** A `kadai serve` process on port 0; its output is read until it says where it listens. */
    static final class Serve implements AutoCloseable {
        final Process process;
        final List<String> output = new ArrayList<>();
        final String url;

        Serve(Path data, Map<String, String> env, String... options) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    WebMain.class.getName(),
                    "serve",
                    "--port",
                    "0",
                    "--data",
                    data.toString(),
                    "--workers",
                    "0",
                    "--sandbox",
                    "off"));
            command.addAll(List.of(options));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().remove(FirstInstructorPassword.ENV);
            pb.environment().putAll(env);
            process = pb.start();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String found = null;
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            String line;
            while (found == null && System.nanoTime() < end && (line = reader.readLine()) != null) {
                output.add(line);
                if (line.startsWith("Kadai is running at ")) {
                    found = line.substring("Kadai is running at ".length())
                            .split(" ")[0]
                            .replaceAll("/$", "");
                }
            }
            url = found;
            Thread drain = new Thread(() -> reader.lines().forEach(l -> {
                synchronized (output) {
                    output.add(l);
                }
            }));
            drain.setDaemon(true);
            drain.start();
        }

        String text() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aProductionStartAdmitsNoFixedPasswordAndPrintsNoSecret(@TempDir Path data, @TempDir Path secrets)
            throws Exception {
        Path file = secrets.resolve("admin-password");
        Files.writeString(file, PASSWORD + "\n");
        try (Serve serve = new Serve(data, Map.of(), "--no-demo", "--admin-password-file", file.toString())) {
            assertThat(serve.url).as(serve.text()).isNotNull();
            Client anyone = Client.forUrl(serve.url);
            for (var demo : kadai.web.seed.DemoCourse.LOGINS) {
                assertThat(Client.forUrl(serve.url)
                                .login(demo.username(), demo.password())
                                .statusCode())
                        .as(demo.username())
                        .isEqualTo(401);
            }
            assertThat(anyone.login("admin", PASSWORD).statusCode()).isEqualTo(302);
            Client admin = Client.forUrl(serve.url).loggedIn("admin", PASSWORD);
            assertThat(admin.get("/staff/roster").body())
                    .contains("<code>admin</code>")
                    .doesNotContain("sensei")
                    .doesNotContain("id=\"demo-accounts\"");
            assertThat(admin.get("/api/assignments").statusCode()).isEqualTo(200);
            assertThat(serve.text())
                    .doesNotContain(PASSWORD)
                    .doesNotContain("kadai_")
                    .doesNotContain("kadai-instructor")
                    .doesNotContain("DEMO");
        }
        assertThat(data.resolve("demo-credentials.txt")).doesNotExist();
        // A restart needs no password: the database has its instructor.
        try (Serve again = new Serve(data, Map.of(), "--no-demo")) {
            assertThat(again.url).as(again.text()).isNotNull();
            assertThat(Client.forUrl(again.url).login("admin", PASSWORD).statusCode())
                    .isEqualTo(302);
        }
    }

    @Test
    void theEnvironmentVariableGivesThePasswordAndAnotherUserName(@TempDir Path data) throws Exception {
        try (Serve serve =
                new Serve(data, Map.of(FirstInstructorPassword.ENV, PASSWORD), "--no-demo", "--admin-user", "tanaka")) {
            assertThat(serve.url).as(serve.text()).isNotNull();
            assertThat(Client.forUrl(serve.url).login("tanaka", PASSWORD).statusCode())
                    .isEqualTo(302);
            assertThat(serve.text()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void theDemoStartSaysItIsADemo(@TempDir Path data) throws Exception {
        try (Serve serve = new Serve(data, Map.of())) {
            assertThat(serve.url).as(serve.text()).isNotNull();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!serve.text().contains("Try: ./kadai submit") && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(serve.text())
                    .contains("(DEMO course)")
                    .contains("This is a DEMO")
                    .contains("sensei kadai-instructor")
                    .contains("--no-demo");
        }
    }

    static WebMainTests.Run serveInProcess(Path data, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "serve", "--port", "0", "--data", data.toString(), "--workers", "0", "--sandbox", "off", "--no-demo"));
        args.addAll(List.of(options));
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> WebMainTests.run(args.toArray(String[]::new)));
    }

    @Test
    void withoutAPasswordSourceOrTerminalTheStartIsRefused(@TempDir Path data) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(FirstInstructorPassword.ENV) == null);
        WebMainTests.Run run = serveInProcess(data);
        assertThat(run.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("--admin-password-file").contains(FirstInstructorPassword.ENV);
    }

    @Test
    void aWeakOrMissingPasswordFileIsRefused(@TempDir Path data, @TempDir Path secrets) throws IOException {
        Path weak = secrets.resolve("weak");
        Files.writeString(weak, "kadai-instructor\n");
        WebMainTests.Run run = serveInProcess(data, "--admin-password-file", weak.toString());
        assertThat(run.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("not acceptable").contains("every attacker tries");
        WebMainTests.Run missing = serveInProcess(
                data, "--admin-password-file", secrets.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
        assertThat(missing.err()).contains("cannot read --admin-password-file");
    }
}
