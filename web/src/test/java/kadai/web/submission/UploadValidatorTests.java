package kadai.web.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadValidatorTests {

    static final String PACKAGE = "kadai.assignments.gan";
    final UploadValidator validator = new UploadValidator(UploadLimits.defaults());

    static Upload java(String name, String source) {
        return new Upload(name, source.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPackageDeclarationAfterCommentsIsFound() {
        var sources = validator.validate(
                List.of(
                        java(
                                "GanLoss.java",
                                "/* package wrong.one; */\n// package wrong.two;\npackage kadai.assignments.gan;\nclass GanLoss {}")),
                PACKAGE);
        assertThat(sources).containsOnlyKeys("kadai/assignments/gan/GanLoss.java");
    }

    @Test
    void browsersMayGiveAPathAndOnlyTheNameIsKept() {
        var sources = validator.validate(
                List.of(java("C:\\Users\\aiko\\GanLoss.java", "package kadai.assignments.gan; class GanLoss {}")),
                PACKAGE);
        assertThat(sources).containsOnlyKeys("kadai/assignments/gan/GanLoss.java");
    }

    @Test
    void theSameFileTwiceIsRefused() {
        Upload a = java("GanLoss.java", "package kadai.assignments.gan; class GanLoss {}");
        assertThatThrownBy(() -> validator.validate(List.of(a, a), PACKAGE))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining("uploaded twice");
    }

    @Test
    void tooManyFilesAreRefused() {
        List<Upload> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(java("C" + i + ".java", "package kadai.assignments.gan; class C" + i + " {}"));
        }
        assertThatThrownBy(() -> validator.validate(many, PACKAGE))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining("21 .java files")
                .extracting(e -> ((UploadRejectedException) e).code())
                .isEqualTo("too-many-files");
    }

    @Test
    void aFileNameThatIsNotAClassNameIsRefused() {
        assertThatThrownBy(() ->
                        validator.validate(List.of(java("my file.java", "package kadai.assignments.gan;")), PACKAGE))
                .hasMessageContaining("not a Java class file name");
    }

    @Test
    void aMissingPackageIsRefusedWithTheOneExpected() {
        assertThatThrownBy(() -> validator.validate(List.of(java("GanLoss.java", "class GanLoss {}")), PACKAGE))
                .hasMessageContaining("declares no package")
                .hasMessageContaining("package kadai.assignments.gan;");
    }

    @Test
    void aZipTogetherWithOtherFilesIsRefused() {
        assertThatThrownBy(() -> validator.validate(
                        List.of(
                                new Upload("a.zip", new byte[] {1}),
                                java("GanLoss.java", "package kadai.assignments.gan;")),
                        PACKAGE))
                .hasMessageContaining("either one zip or .java files");
    }

    @Test
    void somethingThatIsNotAZipIsRefused() {
        assertThatThrownBy(() -> validator.validate(
                        List.of(new Upload("a.zip", "not a zip".getBytes(StandardCharsets.UTF_8))), PACKAGE))
                .isInstanceOf(UploadRejectedException.class)
                .extracting(e -> ((UploadRejectedException) e).code())
                .isEqualTo("bad-zip");
    }

    @Test
    void aClassOfAnEarlierAssignmentItBuildsOnIsAcceptedAndNoOtherFromThatPackage() throws Exception {
        java.util.Set<String> conv = java.util.Set.of("kadai/assignments/conv/ConvOps.java");
        var sources = validator.validate(
                List.of(
                        java("MaxPooling.java", "package kadai.assignments.pool;"),
                        java("ConvOps.java", "package kadai.assignments.conv;")),
                "kadai.assignments.pool",
                conv);
        assertThat(sources)
                .containsOnlyKeys("kadai/assignments/pool/MaxPooling.java", "kadai/assignments/conv/ConvOps.java");
        assertThatThrownBy(() -> validator.validate(
                        List.of(java("Convolution.java", "package kadai.assignments.conv;")),
                        "kadai.assignments.pool",
                        conv))
                .hasMessageContaining("declares package kadai.assignments.conv")
                .hasMessageContaining("besides kadai/assignments/conv/ConvOps.java");
        // From a zipped kit: MaxPooling and ConvOps are taken, the conv package's Convolution and the
        // kit's package documentation (package-info.java) are left out.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (String[] e : new String[][] {
                {"kit/src/main/java/kadai/assignments/pool/MaxPooling.java", "package kadai.assignments.pool;"},
                {"kit/src/main/java/kadai/assignments/conv/ConvOps.java", "package kadai.assignments.conv;"},
                {
                    "kit/src/main/java/kadai/assignments/conv/Convolution.java",
                    "package kadai.assignments.conv; class Convolution { broken"
                },
                {"kit/src/main/java/kadai/assignments/pool/package-info.java", "package kadai.assignments.pool;"}
            }) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e[0]));
                zip.write(e[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertThat(validator.validate(
                        List.of(new Upload("kit.zip", bytes.toByteArray())), "kadai.assignments.pool", conv))
                .containsOnlyKeys("kadai/assignments/pool/MaxPooling.java", "kadai/assignments/conv/ConvOps.java");
    }
}
