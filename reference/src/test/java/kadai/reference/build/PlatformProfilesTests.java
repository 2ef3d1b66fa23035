package kadai.reference.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The starter kit picks PyTorch's native library by the student's OS and CPU (profiles in
 * assignments/pom.xml). For each supported platform Maven itself is asked, as it would be on that
 * machine (os.name and os.arch set as that JVM reports them), which pytorch-native-cpu it
 * resolves; the jar is fetched first under the real OS, so the classifier is proven to exist for
 * the pinned version. An unsupported machine stops at once with the README's advice.
 */
class PlatformProfilesTests {

    /** The answer of one Maven run: exit code and output. */
    record Run(int exit, String output) {}

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Linux, amd64, linux-x86_64",
        "Linux, aarch64, linux-aarch64",
        "Mac OS X, aarch64, osx-aarch64",
        "Windows 11, amd64, win-x86_64"
    })
    void eachSupportedPlatformResolvesItsNativeLibrary(
            String osName, String osArch, String classifier, @TempDir Path dir) throws Exception {
        // 1. The classifier exists for the pinned version (fetched under this machine's real OS;
        //    Maven cannot download while it believes it runs on Windows).
        Path fetched = dir.resolve("fetched.txt");
        Run fetch = maven(
                dir,
                "-Dkadai.pytorch.platform=" + classifier,
                "dependency:list",
                "-DincludeArtifactIds=pytorch-native-cpu",
                "-DoutputFile=" + fetched);
        assertThat(fetch.exit()).as(fetch.output()).isZero();
        assertThat(Files.readString(fetched)).contains("pytorch-native-cpu:jar:" + classifier + ":");

        // 2. On that platform the kit's profiles choose it (offline: only what step 1 fetched).
        Path chosen = dir.resolve("chosen.txt");
        Run choose = maven(
                dir,
                "-o",
                "-Dos.name=" + osName,
                "-Dos.arch=" + osArch,
                "dependency:list",
                "-DincludeArtifactIds=pytorch-native-cpu",
                "-DoutputFile=" + chosen);
        assertThat(choose.exit()).as(choose.output()).isZero();
        assertThat(Files.readString(chosen)).contains("pytorch-native-cpu:jar:" + classifier + ":");
    }

    @Test
    void anIntelMacStopsAtOnceWithWhatToDoInstead(@TempDir Path dir) throws Exception {
        Run run = maven(dir, "-Dos.name=Mac OS X", "-Dos.arch=x86_64", "validate");
        assertThat(run.exit()).isNotZero();
        assertThat(run.output())
                .contains("has no build for this machine (Mac OS X, x86_64)")
                .contains("java Submit.java");
    }

    /**
     * Run the repository's Maven wrapper on a copy of the starter kit's POM outside the repository,
     * as in a student's unzipped kit (inside, a profile for the repository's own build is active).
     */
    static Run maven(Path dir, String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        Path kit = Files.createDirectories(dir.resolve("kadai-starter-kit"));
        Files.copy(
                root.resolve("assignments/pom.xml"),
                kit.resolve("pom.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(
                root.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-f",
                kit.resolve("pom.xml").toString()));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(List.of(args));
        Path log = dir.resolve("maven-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Maven did not finish in 10 minutes: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
