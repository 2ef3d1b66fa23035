package kadai.grader.sandbox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.ReferenceImplementation;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import kadai.grader.sandbox.remote.SandboxedStudentCodeFactory;

/**
 * Measure the sandbox side by side with in-process grading, for docs/benchmarks.md. Not a test:
 * run it by hand (see docs/benchmarks.md for the command).
 */
public final class SandboxBenchmark {

    private static final Class<?>[] IM2COL = {NDArray.class, int.class, int.class, int.class, int.class};
    private static final Class<?>[] FOUR_INTS = {int.class, int.class, int.class, int.class};

    private SandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("kadai-bench");
        Path honest = Submissions.compile("honest", work);
        Path referenceSource =
                Path.of(args.length > 1 ? args[1] : "reference/src/main/java/kadai/assignments/conv/ConvOps.java");
        SandboxConfig config = SandboxConfig.builder().build();

        long t = System.nanoTime();
        SandboxCapabilities caps = RunnerLauncher.probe(config);
        double probeMs = ms(t);
        System.out.println(caps.describe());
        System.out.printf("level probe: %.0f ms%n", probeMs);

        try (Sandbox cold = Sandbox.create(config, SandboxMode.AUTO, caps)) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                t = System.nanoTime();
                try (SandboxedStudentCode code = SandboxedStudentCode.open(cold, honest)) {
                    code.invokeStatic(ConvOpsApi.CLASS, "outputSize", FOUR_INTS, 5, 3, 1, 0);
                    times.add(ms(t));
                }
            }
            report("cold start (start runner JVM + DJL, load classes, first call)", times);
        }
        try (Sandbox warm = Sandbox.create(config.withPool(1, SandboxConfig.Refill.TOP_UP), SandboxMode.AUTO, caps)) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                Thread.sleep(4000); // let the pool refill
                t = System.nanoTime();
                try (SandboxedStudentCode code = SandboxedStudentCode.open(warm, honest)) {
                    code.invokeStatic(ConvOpsApi.CLASS, "outputSize", FOUR_INTS, 5, 3, 1, 0);
                    times.add(ms(t));
                }
            }
            report("warm pool (take a started runner, load classes, first call)", times);

            try (SandboxedStudentCode code = SandboxedStudentCode.open(warm, honest);
                    NDManager manager = NDManager.newBaseManager()) {
                for (int i = 0; i < 200; i++) {
                    code.invokeStatic(ConvOpsApi.CLASS, "outputSize", FOUR_INTS, 5, 3, 1, 0);
                }
                List<Double> scalar = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    t = System.nanoTime();
                    code.invokeStatic(ConvOpsApi.CLASS, "outputSize", FOUR_INTS, 5, 3, 1, 0);
                    scalar.add(ms(t));
                }
                report("round trip, outputSize (4 ints -> int)", scalar);
                NDArray x = manager.randomUniform(-1, 1, new Shape(2, 3, 8, 8), DataType.FLOAT64);
                for (int i = 0; i < 50; i++) {
                    code.invokeStatic(ConvOpsApi.CLASS, "im2col", IM2COL, x, 3, 3, 1, 1);
                }
                List<Double> tensor = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    t = System.nanoTime();
                    code.invokeStatic(ConvOpsApi.CLASS, "im2col", IM2COL, x, 3, 3, 1, 1);
                    tensor.add(ms(t));
                }
                report("round trip, im2col of (2,3,8,8) float64 -> (128,27) (naive student loops)", tensor);
            }
        }

        Map<String, String> sources = Map.of("kadai/assignments/conv/ConvOps.java", Files.readString(referenceSource));
        SubmissionGrader inProcess = new DefaultSubmissionGrader();
        List<Double> inTimes = new ArrayList<>();
        List<Double> sbTimes = new ArrayList<>();
        try (SandboxedStudentCodeFactory runners = new SandboxedStudentCodeFactory(
                Sandbox.create(config.withPool(1, SandboxConfig.Refill.TOP_UP), SandboxMode.AUTO, caps))) {
            SubmissionGrader sandboxed = new DefaultSubmissionGrader(runners, ReferenceImplementation::classes);
            grade(inProcess, sources, 1); // warm up both paths once
            Thread.sleep(4000);
            grade(sandboxed, sources, 1);
            for (int i = 0; i < repeats; i++) {
                Thread.sleep(4000);
                t = System.nanoTime();
                GradeReport a = grade(inProcess, sources, 100 + i);
                inTimes.add(ms(t));
                Thread.sleep(4000);
                t = System.nanoTime();
                GradeReport b = grade(sandboxed, sources, 100 + i);
                sbTimes.add(ms(t));
                System.out.printf(
                        "  seed %d: in-process %s/%s (%s), sandboxed %s/%s (%s)%n",
                        100 + i, a.score(), a.maxScore(), a.sandboxLevel(), b.score(), b.maxScore(), b.sandboxLevel());
            }
        }
        report("conv-op suite on the reference, in-process (compile + suite)", inTimes);
        report("conv-op suite on the reference, sandboxed, warm pool (compile + suite)", sbTimes);
        System.exit(0);
    }

    private static GradeReport grade(SubmissionGrader grader, Map<String, String> sources, long seed) {
        return grader.grade(new GradeRequest("conv-op", sources, seed, Language.EN));
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String what, List<Double> times) {
        double[] sorted =
                times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double p90 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.9) - 1)];
        System.out.printf(
                "%-80s n=%4d  median %9.3f ms  p90 %9.3f ms  min %9.3f ms%n",
                what, sorted.length, median, p90, Arrays.stream(sorted).min().orElse(0));
    }
}
