/**
 * What a grading produces and how it is written: {@code GradeReport}, {@code TestResult}, the
 * terminal table, Gradescope's results.json and JUnit XML. Plain data and writers: it imports
 * nothing else of Kadai, so the web platform and the CLI can read and render results without the
 * engine.
 */
package kadai.grader.result;
