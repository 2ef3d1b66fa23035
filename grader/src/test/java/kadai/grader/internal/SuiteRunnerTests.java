package kadai.grader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import kadai.assignments.Layer;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.result.Visibility;
import org.junit.jupiter.api.Test;

class SuiteRunnerTests {

    @Test
    void eachTestIsScoredOnItsOwnAndATimeoutZeroesOnlyItself() {
        long start = System.nanoTime();
        List<TestResult> results = new SuiteRunner()
                .run(
                        EngineFixtureSuite.class,
                        new Fake("fake student"),
                        new Fake("fake reference"),
                        99,
                        Language.JA,
                        "kadai grade --seed 99");
        assertThat(results)
                .extracting(TestResult::id, TestResult::status, TestResult::score, TestResult::maxScore)
                .containsExactly(
                        tuple("EngineFixtureSuite.passes", TestStatus.PASSED, 2.0, 2.0),
                        tuple("EngineFixtureSuite.failsWithAMessage", TestStatus.FAILED, 0.0, 1.0),
                        tuple("EngineFixtureSuite.runsForever", TestStatus.TIMED_OUT, 0.0, 1.0),
                        tuple("EngineFixtureSuite.earnsPartialCredit", TestStatus.FAILED, 3.0, 4.0),
                        tuple("EngineFixtureSuite.seesItsSeedAndLanguage", TestStatus.PASSED, 1.0, 1.0));
        assertThat(results.get(0).name()).isEqualTo("passes");
        assertThat(results.get(0).tags()).containsExactly("a");
        assertThat(results.get(1).name()).isEqualTo("fails with a message");
        assertThat(results.get(1).output()).isEqualTo("expected 4 but got 5");
        assertThat(results.get(1).visibility()).isEqualTo(Visibility.HIDDEN);
        assertThat(results.get(2).output()).contains("制限時間 1 秒");
        assertThat(results.get(3).output())
                .contains("部分点 3 / 4")
                .contains("✗ fourth")
                .contains("the fourth part is wrong");
        assertThat(results.get(3).visibility()).isEqualTo(Visibility.AFTER_DUE_DATE);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(8);
    }

    @Test
    void eachVisibilityGroupAfterTheFirstStartsFromAReload() {
        Fake student = new Fake("fake student");
        new SuiteRunner().run(EngineFixtureSuite.class, student, new Fake("fake reference"), 99, Language.JA, "x");
        assertThat(student.reloads.get())
                .as("visible, then after-due-date, then hidden")
                .isEqualTo(2);
    }

    private record Fake(String description, java.util.concurrent.atomic.AtomicInteger reloads) implements StudentCode {

        Fake(String description) {
            this(description, new java.util.concurrent.atomic.AtomicInteger());
        }

        @Override
        public void reload() {
            reloads.incrementAndGet();
        }

        @Override
        public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
