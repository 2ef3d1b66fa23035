package kadai.grader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceCompilerTests {

    @Test
    void compileErrorsNameTheFileLineAndColumnWithTheCompilersMessage() {
        String source = Sources.convOps("""
                    public static int outputSize(int in, int f, int s, int p) {
                        return in + undefinedThing;
                    }
                """);
        SourceCompiler.Result result =
                Sources.compile(Map.of("src/main/java/kadai/assignments/conv/ConvOps.java", source));
        assertThat(result).isInstanceOf(SourceCompiler.Failed.class);
        String message = ((SourceCompiler.Failed) result).message();
        assertThat(message)
                .contains("src/main/java/kadai/assignments/conv/ConvOps.java:8:")
                .contains("error: cannot find symbol")
                .contains("return in + undefinedThing;")
                .contains("1 error");
    }

    @Test
    void aFileInTheWrongPackageIsRefusedWithTheReason() {
        String source =
                Sources.convOps("").replace("package kadai.assignments.conv;", "package kadai.assignments.pool;");
        SourceCompiler.Result result = Sources.compile(Map.of("ConvOps.java", source));
        assertThat(result).isInstanceOf(SourceCompiler.Refused.class);
        assertThat(((SourceCompiler.Refused) result).message())
                .contains(
                        "ConvOps.java: ConvOps belongs in package kadai.assignments.conv, but the file declares package kadai.assignments.pool");
    }

    @Test
    void aFileWithAnUnknownClassNameOutsideTheStudentPackagesIsRefusedWithTheReason() {
        SourceCompiler.Result result =
                Sources.compile(Map.of("Helpers.java", "package com.example;\nclass Helpers {}\n"));
        assertThat(result).isInstanceOf(SourceCompiler.Refused.class);
        assertThat(((SourceCompiler.Refused) result).message())
                .contains("Helpers.java: Helpers is not a class of the student API (")
                .contains("ConvOps")
                .contains("com.example is not a student package");
    }

    @Test
    void aHelperClassInAStudentPackageIsCompiledAndNoted() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("ConvOps.java", Sources.convOps("static int twice(int x) { return Helpers.twice(x); }"));
        sources.put(
                "Helpers.java",
                "package kadai.assignments.conv;\nfinal class Helpers {\n static int twice(int x) { return 2 * x; }\n}\n");
        SourceCompiler.Result result = Sources.compile(sources);
        assertThat(result).isInstanceOf(SourceCompiler.Compiled.class);
        SourceCompiler.Compiled compiled = (SourceCompiler.Compiled) result;
        assertThat(compiled.classes()).containsKeys("kadai.assignments.conv.ConvOps", "kadai.assignments.conv.Helpers");
        assertThat(compiled.notes()).anyMatch(n -> n.contains("Helpers.java") && n.contains("helper class"));
    }

    @Test
    void providedFilesAndTestSourcesAreSkippedAndNoted() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "src/main/java/kadai/assignments/Layer.java",
                "package kadai.assignments;\npublic interface Layer {}\n");
        sources.put("src/test/java/kadai/assignments/conv/Im2colTests.java", "this is not even Java");
        sources.put(
                "src/main/java/kadai/assignments/layers/ReLU.java",
                "package kadai.assignments.layers;\npublic class ReLU { /* a student's edited copy */ }\n");
        sources.put("src/main/java/kadai/assignments/conv/ConvOps.java", Sources.convOps(""));
        sources.put(
                "src/main/java/kadai/assignments/conv/package-info.java",
                "/** The kit's package documentation. */\npackage kadai.assignments.conv;\n");
        SourceCompiler.Result result = Sources.compile(sources);
        assertThat(result).isInstanceOf(SourceCompiler.Compiled.class);
        SourceCompiler.Compiled compiled = (SourceCompiler.Compiled) result;
        assertThat(compiled.classes()).containsOnlyKeys("kadai.assignments.conv.ConvOps");
        assertThat(compiled.notes())
                .anyMatch(n -> n.contains("Layer.java") && n.contains("provided"))
                .anyMatch(n -> n.contains("package-info.java") && n.contains("package documentation"))
                .anyMatch(n -> n.contains("ReLU.java") && n.contains("provided"))
                .anyMatch(n -> n.contains("Im2colTests.java") && n.contains("test sources"));
    }

    @Test
    void aSourceLargerThanTheCapIsRefused() {
        SourceCompiler compiler = new SourceCompiler(
                Sources.API, new SubmissionLimits(4, 100, 1000, SubmissionLimits.DEFAULT.compileTime()));
        SourceCompiler.Result result =
                compiler.compile(Map.of("ConvOps.java", Sources.convOps("// " + "x".repeat(200))));
        assertThat(result).isInstanceOf(SourceCompiler.Refused.class);
        assertThat(((SourceCompiler.Refused) result).message()).contains("ConvOps.java: larger than");
    }
}
