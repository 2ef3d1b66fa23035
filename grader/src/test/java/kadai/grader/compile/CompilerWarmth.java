package kadai.grader.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kadai.grader.bench.SuiteProfile;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;

/**
 * Measure the compiler process for docs/benchmarks.md: CPU and wall of each of N compilations of
 * a conv submission on one warm process, for JVM option sets given as arguments ("|"-separated
 * options, one set per argument). Not a test: run it by hand.
 */
public final class CompilerWarmth {

    private CompilerWarmth() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Map<String, String> sources = SuiteProfile.sources("conv", null);
        for (int a = 1; a < args.length; a++) {
            List<String> options = new ArrayList<>(CompilerPool.JAVA_OPTIONS);
            if (!args[a].isBlank()) {
                options.addAll(List.of(args[a].split("\\|")));
            }
            try (CompilerPool pool = new CompilerPool(1, options)) {
                SourceCompiler compiler =
                        new SourceCompiler(StudentApi.fromClasspath(), SubmissionLimits.DEFAULT, pool);
                long t0 = System.nanoTime();
                pool.prewarm(1);
                while (pool.pids().isEmpty()) {
                    Thread.sleep(50);
                }
                long pid = pool.pids().get(0);
                double startWall = (System.nanoTime() - t0) / 1e9;
                double startCpu = ticks(pid) / 100.0;
                List<double[]> each = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long c0 = ticks(pid);
                    long w0 = System.nanoTime();
                    if (!(compiler.compile(sources) instanceof SourceCompiler.Compiled)) {
                        throw new AssertionError("did not compile");
                    }
                    each.add(new double[] {(System.nanoTime() - w0) / 1e9, (ticks(pid) - c0) / 100.0});
                }
                StringBuilder line = new StringBuilder();
                double cpuAll = 0;
                for (int i = 0; i < n; i++) {
                    cpuAll += each.get(i)[1];
                }
                System.out.printf(
                        "options %s: start %.2f s wall, %.2f s CPU; %d compilations: CPU total %.2f s;"
                                + " first %.3f/%.2f, 10th %.3f/%.2f, last five median wall %.3f s, CPU %.3f s (wall/CPU)%n",
                        args[a],
                        startWall,
                        startCpu,
                        n,
                        cpuAll,
                        each.get(0)[0],
                        each.get(0)[1],
                        each.get(Math.min(9, n - 1))[0],
                        each.get(Math.min(9, n - 1))[1],
                        median(each.subList(n - 5, n), 0),
                        median(each.subList(n - 5, n), 1));
            }
        }
        System.exit(0);
    }

    private static double median(List<double[]> xs, int k) {
        double[] v = xs.stream().mapToDouble(x -> x[k]).sorted().toArray();
        return v[v.length / 2];
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }
}
