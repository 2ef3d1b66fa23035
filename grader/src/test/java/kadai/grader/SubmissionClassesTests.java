package kadai.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionClassesTests {

    @Test
    void aDirectoryOfSourcesIsCompiledWithTheGradersChecks(@TempDir Path dir) throws Exception {
        Path conv = Files.createDirectories(dir.resolve("kadai/assignments/conv"));
        Files.writeString(
                conv.resolve("Helper.java"),
                "package kadai.assignments.conv;\nclass Helper { int twice(int x) { return 2 * x; } }\n");
        Files.writeString(
                conv.resolve("package-info.java"), "/** The kit's note. */\npackage kadai.assignments.conv;\n");
        Map<String, byte[]> classes = SubmissionClasses.of(dir);
        assertThat(classes).containsOnlyKeys("kadai.assignments.conv.Helper");
        assertThat(classes.get("kadai.assignments.conv.Helper")).isNotEmpty();
    }

    @Test
    void aClassOutsideTheStudentPackagesIsRefusedWithTheGradersReason() {
        assertThatThrownBy(
                        () -> SubmissionClasses.compile(Map.of("Evil.java", "package evil;\npublic class Evil {}\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Evil is not a class of the student API");
    }

    @Test
    void aCompileErrorCarriesTheFileAndTheCompilersMessage(@TempDir Path dir) throws Exception {
        Path pool = Files.createDirectories(dir.resolve("kadai/assignments/pool"));
        Files.writeString(pool.resolve("Helper.java"), "package kadai.assignments.pool;\nclass Helper { int x = ; }\n");
        assertThatThrownBy(() -> SubmissionClasses.of(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not compile")
                .hasMessageContaining("Helper.java:2");
    }
}
