package kadai.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hold every registered graded suite to the project's rules (issue 3, docs/grading.md). */
class SuiteConventionsTests {

    static Stream<Assignment> assignments() {
        return Assignments.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignments")
    void everySuiteHasAtLeastEightDescribedGradedTestsOfEveryVisibility(Assignment assignment) {
        List<Method> tests = DefaultSubmissionGrader.gradedMethods(assignment.suite());
        assertThat(tests).as("graded tests of %s", assignment.id()).hasSizeGreaterThanOrEqualTo(8);
        Set<Visibility> visibilities = EnumSet.noneOf(Visibility.class);
        for (Method m : tests) {
            Graded g = m.getAnnotation(Graded.class);
            visibilities.add(g.visibility());
            assertThat(g.points()).as("points of %s", m.getName()).isPositive();
            assertThat(g.tags()).as("tags of %s", m.getName()).isNotEmpty();
            assertThat(g.timeLimitSeconds()).as("time limit of %s", m.getName()).isBetween(1, 60);
            assertThat(g.nameJa()).as("Japanese name of %s", m.getName()).isNotBlank();
            assertThat(m.getAnnotation(DisplayName.class))
                    .as("@DisplayName of %s", m.getName())
                    .isNotNull();
            assertThat(m.getAnnotation(Order.class))
                    .as("@Order of %s", m.getName())
                    .isNotNull();
        }
        assertThat(visibilities)
                .as("visibilities of %s", assignment.id())
                .containsExactlyInAnyOrder(Visibility.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignments")
    void everySuiteHasACatalogueOfAtLeastEightMutantsAndTwoCorrectAlternatives(Assignment assignment)
            throws IOException {
        Path dir = CatalogueTests.CATALOGUE.resolve(assignment.id());
        assertThat(dir).as("catalogue of %s", assignment.id()).isDirectory();
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.startsWith("correct-"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(names.stream().filter(n -> !n.startsWith("correct-"))).hasSizeGreaterThanOrEqualTo(8);
        }
    }
}
