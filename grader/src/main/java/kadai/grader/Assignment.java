package kadai.grader;

/**
 * Name an assignment and the graded suite that grades it.
 *
 * @param id what students and the CLI call it ({@code conv-op})
 * @param title a short English title
 * @param suite the JUnit 5 class whose {@code @Graded} tests grade it
 */
public record Assignment(String id, String title, Class<?> suite) {}
