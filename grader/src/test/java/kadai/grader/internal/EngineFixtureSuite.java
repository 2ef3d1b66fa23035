package kadai.grader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import kadai.grader.api.StudentCode;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/** A graded suite for the engine's own tests (run by SuiteRunnerTests, not by surefire). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class EngineFixtureSuite {

    @Order(1)
    @Graded(
            points = 2,
            tags = {"a"})
    @DisplayName("passes")
    void passes(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        assertThat(student.description()).isEqualTo("fake student");
        assertThat(reference.description()).isEqualTo("fake reference");
    }

    @Order(2)
    @Graded(points = 1, visibility = Visibility.HIDDEN)
    void failsWithAMessage() {
        throw new AssertionError("expected 4 but got 5");
    }

    @Order(3)
    @Graded(points = 1, timeLimitSeconds = 1)
    void runsForever() throws InterruptedException {
        while (true) {
            Thread.sleep(50);
        }
    }

    @Order(4)
    @Graded(points = 4, visibility = Visibility.AFTER_DUE_DATE)
    void earnsPartialCredit(GradingContext context) {
        context.part(1, "first", () -> {});
        context.part(1, "second", () -> {});
        context.part(1, "third", () -> {});
        context.part(1, "fourth", () -> {
            throw new AssertionError("the fourth part is wrong");
        });
    }

    @Order(5)
    @Graded(points = 1)
    void seesItsSeedAndLanguage(GradingContext context) {
        assertThat(context.runSeed()).isEqualTo(99);
        assertThat(context.seed()).isNotEqualTo(99);
        assertThat(context.text("en", "ja")).isEqualTo("ja");
    }
}
