package kadai.web.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kadai.web.testing.Client;
import kadai.web.testing.TestServer;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's way in: download the starter kit while logged in, unzip it, write a class, and
 * submit with {@code java Submit.java --assignment conv-op}, run by the JDK alone in the unzipped
 * kit against a real server with the real grading engine.
 */
class StarterKitSubmitTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithRealGrader();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A run of the client: exit code and everything it printed. */
    record Run(int exit, String output) {}

    @Test
    void aKitDownloadedWhileLoggedInSubmitsWithNothingButTheAssignmentId(@TempDir Path dir) throws Exception {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        HttpResponse<byte[]> download = aiko.getBytes("/starter-kit.zip");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Cache-Control")).contains("no-store");
        Path kit = unzip(download.body(), dir).resolve("kadai-starter-kit");

        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(kit.resolve("kadai.properties"))) {
            properties.load(in);
        }
        assertThat(properties.getProperty("server")).isEqualTo(server.url() + "/");
        String token = properties.getProperty("token");
        assertThat(token).startsWith("kadai_");
        assertThat(aiko.get("/account").body())
                .as("the kit's token is listed, so it can be revoked")
                .contains("starter kit");
        assertThat(Files.getPosixFilePermissions(kit.resolve("mvnw"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(kit.resolve("mvnw.cmd")).exists();
        assertThat(kit.resolve("Submit.java")).exists();

        Path convOps = kit.resolve("src/main/java/kadai/assignments/conv/ConvOps.java");
        Files.copy(
                resource("submissions/conv-op/wrong/ConvOps.java"),
                convOps,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run wrong = submit(kit, "--assignment", "conv-op");
        assertThat(wrong.exit()).as(wrong.output()).isEqualTo(1);
        assertThat(wrong.output())
                .contains("Submitting conv-op (src/main/java/kadai/assignments/conv/ConvOps.java)")
                .contains("[FAIL]")
                .contains("Smallest failing case")
                .contains("  graded")
                .doesNotContain("kadai grade");

        Files.copy(
                resource("submissions/conv-op/right/ConvOps.java"),
                convOps,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run right = submit(kit, "--assignment", "conv-op", "--json", "results.json");
        assertThat(right.exit()).as(right.output()).isZero();
        assertThat(right.output()).doesNotContain("[FAIL]").contains("Details: " + server.url() + "/submissions/");
        JsonNode results = JSON.readTree(kit.resolve("results.json").toFile());
        assertThat(results.get("score").asDouble())
                .isPositive()
                .isEqualTo(results.get("max_score").asDouble());
        assertThat(results.get("extra_data").get("assignment").asText()).isEqualTo("conv-op");

        // A MaxPooling that calls the student's own ConvOps (as the pool handout suggests) takes it along.
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        Files.copy(
                root.resolve("reference/src/main/java/kadai/assignments/pool/MaxPooling.java"),
                kit.resolve("src/main/java/kadai/assignments/pool/MaxPooling.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run pool = submit(kit, "--assignment", "pool");
        assertThat(pool.exit()).as(pool.output()).isZero();
        assertThat(pool.output())
                .contains("Submitting pool (src/main/java/kadai/assignments/pool/MaxPooling.java,"
                        + " src/main/java/kadai/assignments/conv/ConvOps.java)");
    }

    @Test
    void theClientSendsTheFilesOfTheAssignmentAndTheEarlierOnesOfItsPackage() throws IOException {
        JsonNode conv = JSON.readTree(server.client()
                .withToken(server.demoToken())
                .get("/api/assignments/conv")
                .body());
        assertThat(conv.get("files").toString())
                .isEqualTo("[\"kadai/assignments/conv/ConvOps.java\",\"kadai/assignments/conv/Convolution.java\"]");
        JsonNode convOp = JSON.readTree(server.client()
                .withToken(server.demoToken())
                .get("/api/assignments/conv-op")
                .body());
        assertThat(convOp.get("files").toString()).isEqualTo("[\"kadai/assignments/conv/ConvOps.java\"]");
        JsonNode pool = JSON.readTree(server.client()
                .withToken(server.demoToken())
                .get("/api/assignments/pool")
                .body());
        assertThat(pool.get("files").toString()).isEqualTo("[\"kadai/assignments/pool/MaxPooling.java\"]");
        assertThat(pool.get("usedFiles").toString()).isEqualTo("[\"kadai/assignments/conv/ConvOps.java\"]");
    }

    @Test
    void aKitFetchedWithATokenCarriesThatTokenAndMistakesEndWithTheirOwnExitCodes(@TempDir Path dir) throws Exception {
        String token = server.demoToken();
        HttpResponse<byte[]> download = server.client().withToken(token).getBytes("/api/starter-kit.zip");
        Path kit = unzip(download.body(), dir).resolve("kadai-starter-kit");
        assertThat(Files.readString(kit.resolve("kadai.properties"))).contains("token=" + token);

        Run unknown = submit(kit, "--assignment", "no-such-assignment");
        assertThat(unknown.exit()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.output()).contains("no assignment 'no-such-assignment'");

        Run badToken = submit(kit, "--assignment", "conv-op", "--token", "kadai_not-a-token");
        assertThat(badToken.exit()).as(badToken.output()).isEqualTo(4);
        assertThat(badToken.output()).contains("does not accept this API token");

        Run noServer = submit(kit, "--assignment", "conv-op", "--server", "http://127.0.0.1:9/");
        assertThat(noServer.exit()).as(noServer.output()).isEqualTo(4);
        assertThat(noServer.output()).contains("Cannot reach http://127.0.0.1:9/");

        Run badOption = submit(kit, "--assignmnet", "conv-op");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.output()).contains("Unknown option --assignmnet").contains("usage: java Submit.java");

        Run stub = submit(kit, "--assignment", "conv-op", "--lang", "ja");
        assertThat(stub.exit()).as(stub.output()).isEqualTo(1);
        assertThat(stub.output()).contains("まだ TODO のスタブがあります").contains("採点完了");
    }

    /** Run {@code java Submit.java ARGS} in the kit with the JDK running these tests, as a student would. */
    static Run submit(Path kit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("Submit.java");
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(kit.toFile()).redirectErrorStream(true);
        builder.environment().remove("KADAI_TOKEN");
        builder.environment().remove("KADAI_SERVER");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Submit.java did not finish: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Unzip as unzip(1) does, Unix modes included (they live in the zip's central directory). */
    static Path unzip(byte[] zip, Path dir) throws IOException {
        try (ZipFile in = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                .get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(in.getEntries())) {
                Path target = dir.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(dir)).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream content = in.getInputStream(entry)) {
                    Files.copy(content, target);
                }
                if ((entry.getUnixMode() & 0100) != 0) {
                    target.toFile().setExecutable(true, true);
                }
            }
        }
        return dir;
    }

    private static Path resource(String name) {
        try {
            return Path.of(StarterKitSubmitTests.class
                    .getClassLoader()
                    .getResource(name)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
