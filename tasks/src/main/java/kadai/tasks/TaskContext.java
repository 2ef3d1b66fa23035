package kadai.tasks;

import kadai.grader.api.StudentCode;
import kadai.tasks.data.FashionMnist;

/**
 * Give a task what it runs against.
 *
 * @param config the run's settings
 * @param submission the code under test (a student's classes or the reference)
 * @param reference the reference implementation, for tasks that compare with it ({@code dcgan})
 * @param data where Fashion-MNIST is read from
 * @param listener progress sink
 * @param cancellation checked between steps
 */
public record TaskContext(
        TaskConfig config,
        StudentCode submission,
        StudentCode reference,
        FashionMnist data,
        TaskListener listener,
        CancellationToken cancellation) {}
