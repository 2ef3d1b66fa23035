/**
 * What a graded suite is written with: {@code @Graded}, the {@code @Student} / {@code @Reference}
 * parameters, {@code @StudentClass} facades and the {@code GradingContext}. Suites import this,
 * {@code api}, {@code property} and {@code result}; the engine in {@code internal} implements it.
 */
package kadai.grader.suite;
