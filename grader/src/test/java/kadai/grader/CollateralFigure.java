package kadai.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The catalogue's collateral-failure figure: over every mutant graded, how many tests it failed
 * outside the families its header names ({@code * Loses:}), counted apart for the structural
 * tests (dtype kept, inputs unchanged, invalid configurations rejected, parameter keys: the tests
 * tagged {@link #STRUCTURAL_TAGS}), where a bug elsewhere should never cost points.
 */
final class CollateralFigure {

    /** A graded test is structural when it carries one of these tags. */
    static final Set<String> STRUCTURAL_TAGS = Set.of("dtype", "immutability", "validation", "params");

    private final List<String> lines = new ArrayList<>();
    private int structuralRun;
    private int structuralCollateral;
    private int testsRun;
    private int collateral;

    synchronized void add(
            String assignment,
            String entry,
            int tests,
            int structural,
            List<String> collateralTests,
            int structuralCollateralTests) {
        testsRun += tests;
        structuralRun += structural;
        collateral += collateralTests.size();
        structuralCollateral += structuralCollateralTests;
        if (!collateralTests.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  %s %s: %s", assignment, entry, collateralTests));
        }
    }

    synchronized String summary() {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "collateral failures / structural tests run: %d / %d%ncollateral failures / tests run: %d / %d%n",
                structuralCollateral,
                structuralRun,
                collateral,
                testsRun));
        lines.forEach(l -> s.append(l).append('\n'));
        return s.toString();
    }

    synchronized void write(Path file) throws IOException {
        if (testsRun > 0) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary());
        }
    }
}
