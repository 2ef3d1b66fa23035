package kadai.grader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionFilesTests {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryIsSearchedForJavaFilesWithRelativePathsSkippingBuildOutput() throws Exception {
        write("src/main/java/kadai/assignments/conv/ConvOps.java", "class A {}");
        write("target/generated/kadai/assignments/conv/ConvOps.java", "stale");
        write(".git/x/Y.java", "hidden");
        write("pom.xml", "<project/>");
        Map<String, String> sources = SubmissionFiles.read(List.of(tmp), SubmissionLimits.DEFAULT);
        assertThat(sources).containsOnlyKeys("src/main/java/kadai/assignments/conv/ConvOps.java");
    }

    @Test
    void aZipIsReadByEntryName() throws Exception {
        Path zip = tmp.resolve("s.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("kadai/assignments/conv/ConvOps.java"));
            z.write("class A {}".getBytes());
            z.closeEntry();
        }
        assertThat(SubmissionFiles.read(List.of(zip), SubmissionLimits.DEFAULT))
                .containsOnlyKeys("kadai/assignments/conv/ConvOps.java");
    }

    @Test
    void tooManyFilesAreRefused() throws Exception {
        for (int i = 0; i < 3; i++) {
            write("F" + i + ".java", "class F" + i + " {}");
        }
        InvalidSubmissionException e = catchThrowableOfType(
                InvalidSubmissionException.class,
                () -> SubmissionFiles.read(List.of(tmp), new SubmissionLimits(2, 1000, 10_000, Duration.ofSeconds(5))));
        assertThat(e).hasMessageContaining("more than 2 .java files");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithTheWayOut() throws Exception {
        Path file = tmp.resolve("ConvOps.java");
        Files.write(file, new byte[] {'c', 'l', (byte) 0xff, (byte) 0xfe});
        InvalidSubmissionException e = catchThrowableOfType(
                InvalidSubmissionException.class, () -> SubmissionFiles.read(List.of(file), SubmissionLimits.DEFAULT));
        assertThat(e).hasMessageContaining("is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void somethingThatIsNeitherADirectoryAZipNorJavaIsRefused() throws Exception {
        Path file = write("notes.txt", "hello");
        InvalidSubmissionException e = catchThrowableOfType(
                InvalidSubmissionException.class, () -> SubmissionFiles.read(List.of(file), SubmissionLimits.DEFAULT));
        assertThat(e).hasMessageContaining("give a directory, a .zip or .java files");
    }

    private Path write(String relative, String text) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
