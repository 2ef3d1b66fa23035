package kadai.grader.internal;

import java.util.Map;

/** Compile small student sources for the engine's tests. */
final class Sources {

    static final StudentApi API = StudentApi.fromClasspath();

    private Sources() {}

    static SourceCompiler.Result compile(Map<String, String> sources) {
        return new SourceCompiler(API, SubmissionLimits.DEFAULT).compile(sources);
    }

    static Map<String, byte[]> classes(Map<String, String> sources) {
        SourceCompiler.Result result = compile(sources);
        if (result instanceof SourceCompiler.Compiled compiled) {
            return compiled.classes();
        }
        throw new AssertionError("fixture does not compile: " + result);
    }

    /** Return a ConvOps source whose class body is {@code body}. */
    static String convOps(String body) {
        return """
                package kadai.assignments.conv;

                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.types.Shape;

                public final class ConvOps {
                %s
                }
                """.formatted(body);
    }
}
