package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import kadai.grader.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;

class TaskSandboxTests {

    @Test
    void aTrainingRunnerOutlastsEveryGradingLimitButStillHasOne() {
        SandboxConfig grading = SandboxConfig.builder().build();
        SandboxConfig task = TaskSandbox.config(2);

        assertThat(task.cpus()).isEqualTo(2);
        assertThat(task.cpuTimeLimit()).isEqualTo(Duration.ofHours(48)).isGreaterThan(grading.cpuTimeLimit());
        assertThat(task.callTimeout()).isGreaterThan(grading.callTimeout()).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(task.memoryBytes()).isGreaterThan(grading.memoryBytes());
        assertThat(task.keepCalls())
                .as("each call's arrays are freed later; grading keeps all")
                .isPositive();
        assertThat(grading.keepCalls()).isZero();
        assertThat(task.exchangeBytes())
                .as("training runs pass large tensors through the exchange file")
                .isEqualTo(64L << 20);
        assertThat(grading.exchangeBytes())
                .as("a grading runner's tensors go through its pipe")
                .isZero();
    }

    @Test
    void withoutThreadsTheRunnerGetsTheMachinesCoresUpToEight() {
        assertThat(TaskSandbox.config(0).cpus())
                .isEqualTo(Math.min(8, Runtime.getRuntime().availableProcessors()));
    }
}
