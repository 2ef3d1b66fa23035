package kadai.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kadai.grader.suite.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Words students read follow the glossary ({@code assignments/handouts/glossary.md}): the lecture
 * notes are "lecture notes §1.3" / 「講義ノート 1.3 節」 (never "seed 1.3": in feedback "seed" means
 * only the property seed), 参照実装 (not 模範解答), フィルタ, 窓, and nothing tells students to run the
 * grader they do not have. Checked in the handouts, the kit's README, Javadoc and visible tests,
 * {@code Submit.java}, and the names and string literals of every registered graded suite.
 */
class StudentWordsTests {

    /** A word students must not read, and what to write instead. */
    record Rule(Pattern pattern, String instead) {
        static Rule of(String regex, String instead) {
            return new Rule(Pattern.compile(regex), instead);
        }
    }

    static final List<Rule> RULES = List.of(
            Rule.of("(?i)\\bseed\\s+\\d+\\.\\d", "lecture notes §N.M"),
            Rule.of("(?i)\\bseed's\\b|\\bthe seed\\b(?! of)", "the lecture notes (\"seed\" is only the property seed)"),
            Rule.of("SEED_|\\bseed(?=[A-Z])", "a name after the lecture notes (NOTES_X, lectureNotesExample...)"),
            Rule.of("(?i)\\bcourse notes\\b", "lecture notes"),
            Rule.of("模範解答", "参照実装"),
            Rule.of("フィルター", "フィルタ"),
            Rule.of("教材", "講義ノート N 節"),
            Rule.of("(?<!講義)ノート", "講義ノート"),
            Rule.of("枠", "窓"),
            Rule.of(
                    "kadai (grade|submit)\\b",
                    "mvn test with the kit's visible tests; java Submit.java --assignment ID"));

    @Test
    void theKitSpeaksTheGlossarysWords() throws IOException {
        Path kit = repositoryRoot().resolve("assignments");
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(kit)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = kit.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("target/") || !(name.endsWith(".md") || name.endsWith(".java"))) {
                    continue;
                }
                String text = Files.readString(file);
                if (name.equals("handouts/glossary.md")) {
                    text = text.substring(0, text.indexOf("## Not used")); // the list of words not to use
                }
                check(name, text, problems);
            }
        }
        assertThat(problems)
                .as("student-facing words (see assignments/handouts/glossary.md)")
                .isEmpty();
    }

    @Test
    void gradedTestNamesAndFeedbackSpeakTheGlossarysWords() throws IOException {
        List<String> problems = new ArrayList<>();
        Path sources = repositoryRoot().resolve("grader/src/main/java");
        for (Assignment assignment : Assignments.all()) {
            Class<?> suite = assignment.suite();
            for (Method method : suite.getDeclaredMethods()) {
                Graded graded = method.getAnnotation(Graded.class);
                if (graded == null) {
                    continue;
                }
                check(suite.getSimpleName() + "#" + method.getName() + " nameJa", graded.nameJa(), problems);
                DisplayName name = method.getAnnotation(DisplayName.class);
                if (name != null) {
                    check(suite.getSimpleName() + "#" + method.getName() + " @DisplayName", name.value(), problems);
                }
            }
            // Feedback is built from the string literals of the suite's package.
            Path folder = sources.resolve(suite.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    check(sources.relativize(file) + " (strings)", literals(Files.readString(file)), problems);
                }
            }
        }
        for (String shared : List.of("kadai/grader/property", "kadai/grader/DefaultSubmissionGrader.java")) {
            Path path = sources.resolve(shared);
            try (Stream<Path> files = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    check(sources.relativize(file) + " (strings)", literals(Files.readString(file)), problems);
                }
            }
        }
        assertThat(problems)
                .as("words of graded tests and feedback (see assignments/handouts/glossary.md)")
                .isEmpty();
    }

    @Test
    void theRulesCatchTheOldWordsAndLeaveTheRightOnes() {
        List<String> problems = new ArrayList<>();
        check("old", "forward reproduces the course's examples (seed 1.1, 1.2)", problems);
        check("old", "教材 1.3 の例、模範解答との一致、フィルター、最大値の枠", problems);
        check("old", "reproduce with kadai grade --assignment conv", problems);
        assertThat(problems).hasSize(6);
        List<String> none = new ArrayList<>();
        check(
                "new",
                "lecture notes §1.3; 講義ノート 1.3 節; property seed 42; the seed of every random choice;"
                        + " 参照実装, フィルタ, 窓; new Random(seed)",
                none);
        assertThat(none).isEmpty();
    }

    private static void check(String where, String text, List<String> problems) {
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int lineStart = text.lastIndexOf('\n', m.start()) + 1;
                int lineEnd = text.indexOf('\n', m.end());
                String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd)
                        .strip();
                long lineNumber = text.substring(0, m.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1;
                problems.add(where + ":" + lineNumber + ": \"" + m.group() + "\" -> " + rule.instead() + "   | "
                        + (line.length() > 120 ? line.substring(0, 120) + "..." : line));
            }
        }
    }

    /** Return the string literals of a Java source (where feedback texts live), one per line. */
    static String literals(String source) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL)
                .matcher(source);
        while (m.find()) {
            out.append(m.group(1) != null ? m.group(1) : m.group(2)).append('\n');
        }
        return out.toString();
    }

    static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return module.getParent();
    }
}
