package kadai.grader.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kadai.grader.Assignments;
import kadai.grader.ReferenceImplementation;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.internal.InProcessStudentCode;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;
import kadai.grader.internal.SuiteRunner;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.remote.SandboxedStudentCode;

/** Experiment: the runner's CPU for the same suite run twice on one runner (cold, then warm). */
public final class RunnerWarmth {

    private RunnerWarmth() {}

    public static void main(String[] args) throws Exception {
        String assignment = args.length > 0 ? args[0] : "conv";
        Map<String, String> sources = SuiteProfile.sources(assignment, null);
        SourceCompiler.Compiled compiled = (SourceCompiler.Compiled)
                new SourceCompiler(StudentApi.fromClasspath(), SubmissionLimits.DEFAULT).compile(sources);
        try (Sandbox sandbox = Sandbox.create(
                SandboxConfig.builder()
                        .optWarmRunners(1)
                        .optRefill(SandboxConfig.Refill.ONCE)
                        .build(),
                SandboxMode.AUTO)) {
            Thread.sleep(5000);
            for (int round = 0; round < 3; round++) {
                try (StudentCode student = SandboxedStudentCode.open(sandbox, compiled.classes());
                        StudentCode ref = new InProcessStudentCode(
                                "reference",
                                ReferenceImplementation.classes(),
                                false,
                                InProcessStudentCode.DEFAULT_CALL_LIMIT)) {
                    for (int i = 0; i < 3; i++) {
                        long c0 = runnerTicks();
                        long g0 = ticks(ProcessHandle.current().pid());
                        long t0 = System.nanoTime();
                        new SuiteRunner()
                                .run(
                                        Assignments.find(assignment)
                                                .orElseThrow()
                                                .suite(),
                                        student,
                                        ref,
                                        7 + i,
                                        Language.EN,
                                        "");
                        System.out.printf(
                                "round %d run %d: wall %.2f s, runner CPU %.2f s, grader CPU %.2f s%n",
                                round,
                                i,
                                (System.nanoTime() - t0) / 1e9,
                                (runnerTicks() - c0) / 100.0,
                                (ticks(ProcessHandle.current().pid()) - g0) / 100.0);
                    }
                }
            }
        }
        System.exit(0);
    }

    static long runnerTicks() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("RunnerMain"))
                .mapToLong(p -> ticks(p.pid()))
                .sum();
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
