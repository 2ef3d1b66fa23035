package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kadai.grader.sandbox.SandboxMode;
import kadai.tasks.Task;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;

class TaskCodeFactoryTests {

    /** A task that says it cannot run a submission in the sandbox, as resnet did. */
    private static final Task UNSANDBOXABLE = new Task() {
        @Override
        public String id() {
            return "blocks";
        }

        @Override
        public String description() {
            return "a task whose student code builds DJL blocks";
        }

        @Override
        public String sandboxRestriction() {
            return "DJL blocks cannot cross the process boundary";
        }

        @Override
        public TaskResult run(TaskContext context) {
            throw new AssertionError("never run in this test");
        }
    };

    private static final Task SANDBOXABLE = new Task() {
        @Override
        public String id() {
            return "layers";
        }

        @Override
        public String description() {
            return "a task whose student code runs behind StudentCode";
        }

        @Override
        public TaskResult run(TaskContext context) {
            throw new AssertionError("never run in this test");
        }
    };

    @Test
    void everyTaskOfThePlatformNamesTheAssignmentsItTrainsAndTheConditionalGansNeedBoth() {
        TaskCodeFactory codes = new TaskCodeFactory(SandboxMode.OFF, 0);
        for (Task task : kadai.tasks.Tasks.all().list()) {
            if (task.id().equals("transfer")) {
                // The instructor's demonstration: it trains no student code, so it needs no submission.
                assertThat(codes.requiredAssignments(task.id())).isEmpty();
            } else {
                assertThat(codes.requiredAssignments(task.id())).as(task.id()).isNotEmpty();
            }
        }
        assertThat(codes.requiredAssignments("cgan")).containsExactly("gan", "pix2pix");
        assertThat(codes.requiredAssignments("pix2pix")).containsExactly("pix2pix");
    }

    @Test
    void aTaskThatCannotBeSandboxedIsRefusedForStudentCodeUnlessTheServerTrustsItsCode() {
        for (SandboxMode mode : new SandboxMode[] {SandboxMode.AUTO, SandboxMode.REQUIRED}) {
            assertThat(new TaskCodeFactory(mode, 0).refusal(UNSANDBOXABLE))
                    .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("blocks")
                    .contains("DJL blocks cannot cross")
                    .contains("./kadai task run blocks");
        }
        assertThat(new TaskCodeFactory(SandboxMode.OFF, 0).refusal(UNSANDBOXABLE))
                .isEmpty();
        assertThat(new TaskCodeFactory(SandboxMode.AUTO, 0).refusal(SANDBOXABLE))
                .isEmpty();
    }

    @Test
    void aWorkerRefusesToOpenStudentCodeForSuchATaskEvenWhenTheLaunchingNodeAllowedIt() {
        assertThatThrownBy(() -> new TaskCodeFactory(SandboxMode.AUTO, 0)
                        .open(
                                UNSANDBOXABLE,
                                Map.of(
                                        "kadai/assignments/resnet/ResNetBlocks.java",
                                        "package kadai.assignments.resnet;\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only in the sandbox");
    }
}
