package kadai.grader.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.ReferenceImplementation;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TestResult;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.remote.SandboxedStudentCodeFactory;

/**
 * Profile the graded suites for docs/benchmarks.md: grade a submission several times in one warm
 * JVM and print, per phase and per test, the median wall time split into the student's code, the
 * reference, the grader's own work and shrinking, with the cases and calls behind them, and the
 * CPU the grading cost (this JVM and its runner). Not a test: run it by hand (see
 * docs/benchmarks.md, "Where the time of a grading goes").
 *
 * <pre>
 * SuiteProfile REPEATS sandbox|in-process SUBMISSION...
 *   SUBMISSION = assignment (its reference) or assignment:catalogue-entry (e.g. conv:mutant-flipped-kernel)
 * </pre>
 */
public final class SuiteProfile {

    private SuiteProfile() {}

    public static void main(String[] args) throws Exception {
        int repeats = Integer.parseInt(args[0]);
        boolean sandboxed = args[1].equals("sandbox");
        List<String> submissions = List.of(args).subList(2, args.length);
        SandboxedStudentCodeFactory runners = sandboxed
                ? new SandboxedStudentCodeFactory(
                        Sandbox.create(SandboxConfig.builder().optWarmRunners(1).build(), SandboxMode.AUTO))
                : null;
        SubmissionGrader grader = sandboxed
                ? new DefaultSubmissionGrader(runners, ReferenceImplementation::classes)
                : new DefaultSubmissionGrader();
        for (String submission : submissions) {
            String[] parts = submission.split(":", 2);
            Map<String, String> sources = sources(parts[0], parts.length > 1 ? parts[1] : null);
            grader.grade(new GradeRequest(parts[0], sources, 1, Language.EN)); // warm up
            List<GradeReport> reports = new ArrayList<>();
            List<double[]> cpu = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                if (sandboxed) {
                    Thread.sleep(3000); // let the pool start the next runner outside the measurement
                }
                CpuClock clock = CpuClock.start();
                reports.add(grader.grade(new GradeRequest(parts[0], sources, 100 + i, Language.EN)));
                cpu.add(clock.stop());
            }
            print(submission, sandboxed, reports, cpu);
        }
        if (runners != null) {
            runners.close();
        }
        if (Boolean.getBoolean("kadai.profile.threads")) {
            printThreadCpu();
        }
        System.exit(0);
    }

    /** Print this JVM's CPU by thread name (JIT compilers, GC, graded tests, ...), from /proc. */
    private static void printThreadCpu() throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(comm, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        }
        System.out.println("\nCPU by live thread name (s), this JVM:");
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(15)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-20s %.2f%n", e.getKey(), e.getValue() / 100.0));
    }

    /** The files of {@code assignment}'s reference (its package and conv's, which the others build on), or a catalogue entry. */
    public static Map<String, String> sources(String assignment, String catalogueEntry) throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (catalogueEntry != null) {
            dirs.add(Path.of("grader/src/test/resources/catalogue", assignment, catalogueEntry));
        } else {
            String pkg = switch (assignment) {
                case "conv-op", "conv" -> "conv";
                default -> assignment;
            };
            dirs.add(Path.of("reference/src/main/java/kadai/assignments", pkg));
            if (!pkg.equals("conv")) {
                dirs.add(Path.of("reference/src/main/java/kadai/assignments/conv"));
            }
        }
        Map<String, String> sources = new TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    sources.putIfAbsent(f.getFileName().toString(), Files.readString(f));
                }
            }
        }
        return sources;
    }

    private static void print(String submission, boolean sandboxed, List<GradeReport> reports, List<double[]> cpu) {
        GradeReport first = reports.get(0);
        System.out.printf(
                Locale.ROOT,
                "%n### %s (%s, %s), %d gradings, score %s / %s%n%n",
                submission,
                first.sandboxLevel(),
                sandboxed ? "sandboxed" : "in-process",
                reports.size(),
                first.score(),
                first.maxScore());
        System.out.printf(
                Locale.ROOT,
                "whole grading: median %.3f s wall; CPU: grader JVM %.2f s, compiler process"
                        + " %.2f s, runner %.2f s while grading (%.2f s to start, in the warm pool)%n%n",
                median(reports, r -> r.executionSeconds()),
                median(cpu.stream().map(c -> c[0]).toList()),
                median(cpu.stream().map(c -> c[1]).toList()),
                median(reports, r -> cpuOf(r, GradingTimes.RUNNER_CPU)),
                median(reports, r -> cpuOf(r, GradingTimes.RUNNER_START_CPU)));
        System.out.println("| phase | median s |");
        System.out.println("|---|---:|");
        for (GradingTimes.Phase p : first.times().phases()) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f |%n",
                    p.name(),
                    median(reports, r -> r.times().phase(p.name())));
        }
        System.out.printf(
                Locale.ROOT,
                "| (suite overhead: tests phase minus the tests) | %.3f |%n%n",
                median(
                        reports,
                        r -> r.times().phase(GradingTimes.TESTS)
                                - r.tests().stream()
                                        .mapToDouble(TestResult::seconds)
                                        .sum()));
        System.out.println("| test | wall | student | reference | grader | shrink | cases | calls (student/ref) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, String> names = new LinkedHashMap<>();
        first.tests().forEach(t -> names.put(t.id(), t.name()));
        double[] total = new double[5];
        for (Map.Entry<String, String> e : names.entrySet()) {
            String id = e.getKey();
            double wall = median(reports, r -> t(r, id).seconds());
            double student = median(reports, r -> t(r, id).studentSeconds());
            double ref = median(reports, r -> t(r, id).referenceSeconds());
            double other = median(reports, r -> t(r, id).otherSeconds());
            double shrink = median(reports, r -> t(r, id).shrinkSeconds());
            total[0] += wall;
            total[1] += student;
            total[2] += ref;
            total[3] += other;
            total[4] += shrink;
            String name = e.getValue().length() > 60 ? e.getValue().substring(0, 59) + "…" : e.getValue();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f / %.0f |%n",
                    name.replace("|", "\\|"),
                    wall,
                    student,
                    ref,
                    other,
                    shrink,
                    median(reports, r -> t(r, id).cases()),
                    median(reports, r -> t(r, id).studentCalls()),
                    median(reports, r -> t(r, id).referenceCalls()));
        }
        System.out.printf(
                Locale.ROOT,
                "| **sum of medians** | %.3f | %.3f | %.3f | %.3f | %.3f | | |%n",
                total[0],
                total[1],
                total[2],
                total[3],
                total[4]);
    }

    private static double cpuOf(GradeReport r, String name) {
        return r.times().cpu().stream()
                .filter(p -> p.name().equals(name))
                .mapToDouble(GradingTimes.Phase::seconds)
                .sum();
    }

    private static GradingTimes.TestTimes t(GradeReport r, String id) {
        GradingTimes.TestTimes t = r.times().tests().get(id);
        return t != null ? t : new GradingTimes.TestTimes(0, 0, 0, 0, 0, 0, 0);
    }

    private static double median(List<GradeReport> reports, ToDoubleFunction<GradeReport> f) {
        return median(reports.stream().map(f::applyAsDouble).toList());
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0
                ? 0
                : sorted.length % 2 == 1
                        ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** Read the CPU of this JVM and of its compiler processes before and after one grading (cheap: two reads). */
    static final class CpuClock {
        private final long ownStart = ticks(ProcessHandle.current().pid());
        private final long compilersStart = compilerTicks();

        static CpuClock start() {
            return new CpuClock();
        }

        /** Return {grader JVM seconds, compiler processes' seconds} since the start. */
        double[] stop() {
            return new double[] {
                (ticks(ProcessHandle.current().pid()) - ownStart) / 100.0, (compilerTicks() - compilersStart) / 100.0
            };
        }

        private static long compilerTicks() {
            return ProcessHandle.current()
                    .children()
                    .filter(p -> p.info().commandLine().orElse("").contains("CompilerMain"))
                    .mapToLong(p -> ticks(p.pid()))
                    .sum();
        }

        private static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
