package kadai.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Package rules that the module structure does not enforce, checked on the sources of every module
 * (a scan from the repository root, so that one test sees them all). The module graph already
 * keeps the runner free of the grader and the kit free of everything but DJL; these rules keep the
 * packages inside and across the modules in shape. {@code docs/architecture.md} lists them.
 */
class ArchitectureTests {

    private static final Path ROOT = repositoryRoot();

    @Test
    void everyMainPackageHasAPackageInfoSayingWhatItIsFor() {
        List<String> missing = new ArrayList<>();
        for (Path dir : mainPackageDirs()) {
            if (!Files.exists(dir.resolve("package-info.java"))) {
                missing.add(ROOT.relativize(dir).toString().replace('\\', '/'));
            }
        }
        assertThat(missing)
                .as("packages under */src/main/java without package-info.java (say what the package"
                        + " is for and what it may import)")
                .isEmpty();
    }

    @Test
    void onlyTheGraderModuleRefersToGraderInternal() {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path file : javaFiles("src/main/java", "src/test/java")) {
            if (!moduleOf(file).equals("grader")) {
                offenders.putAll(references(file, Pattern.compile("\\bkadai\\.grader\\.internal\\b")));
            }
        }
        assertThat(offenders)
                .as("code outside grader/ that uses kadai.grader.internal (use kadai.grader,"
                        + " e.g. SubmissionClasses, or kadai.grader.api)")
                .isEmpty();
    }

    @Test
    void theSeamRefersToNoOtherGraderPackage() {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path file : graderPackage("kadai.grader.api")) {
            offenders.putAll(references(file, Pattern.compile("\\bkadai\\.grader\\.(?!api\\b)\\w+")));
        }
        assertThat(offenders)
                .as("kadai.grader.api is what suites and tasks see: it may use kadai.assignments"
                        + " and DJL, never the engine or the sandbox")
                .isEmpty();
    }

    @Test
    void resultsReferToNothingElseOfKadai() {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path file : graderPackage("kadai.grader.result")) {
            offenders.putAll(references(file, Pattern.compile("\\bkadai\\.(?!grader\\.result\\b)\\w+(\\.\\w+)*")));
        }
        assertThat(offenders)
                .as("kadai.grader.result is plain data and writers that the web platform and the"
                        + " CLI render without the engine")
                .isEmpty();
    }

    @Test
    void theSandboxIsolationKnowsNothingOfTheCallsOverItNorOfTheEngine() {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path file : graderPackage("kadai.grader.sandbox")) {
            offenders.putAll(
                    references(file, Pattern.compile("\\bkadai\\.grader\\.(?!sandbox\\b(?!\\.remote\\b))\\w+")));
        }
        assertThat(offenders)
                .as("kadai.grader.sandbox (isolation: levels, image, launcher, runner pool) hands a"
                        + " started runner to kadai.grader.sandbox.remote and never refers to it or to the engine")
                .isEmpty();
    }

    @Test
    void suitesAndThePropertyHarnessNeverReachTheEngineOrTheSandbox() {
        Pattern engine = Pattern.compile("\\bkadai\\.grader\\.(internal|sandbox|cli)\\b");
        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path file : javaFiles("src/main/java")) {
            String pkg = packageOf(file);
            if (pkg.equals("kadai.grader.suites")
                    || pkg.startsWith("kadai.grader.suites.")
                    || pkg.equals("kadai.grader.property")) {
                offenders.putAll(references(file, engine));
            }
        }
        assertThat(offenders)
                .as("graded suites and the property harness see student code only through"
                        + " kadai.grader.api and kadai.grader.suite")
                .isEmpty();
    }

    @Test
    void theReferenceHasOnlyPackagesOfTheStarterKit() {
        Set<String> kit = packagesOf("assignments");
        Set<String> reference = packagesOf("reference");
        assertThat(reference)
                .as("the reference implements the kit's stubs under the same package and class names")
                .isNotEmpty()
                .isSubsetOf(kit);
    }

    // --- the scan

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !(Files.isDirectory(dir.resolve("grader"))
                        && Files.isDirectory(dir.resolve("assignments"))
                        && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the repository: no folder above "
                    + Path.of("").toAbsolutePath() + " holds grader/ and assignments/");
        }
        return dir;
    }

    /** The source roots {@code <module>/<root>} of every module. */
    private static List<Path> sourceRoots(String... roots) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module :
                    (Iterable<Path>) modules.filter(Files::isDirectory).sorted()::iterator) {
                for (String root : roots) {
                    if (Files.isDirectory(module.resolve(root))) {
                        found.add(module.resolve(root));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).as("source roots found from " + ROOT).isNotEmpty();
        return found;
    }

    private static List<Path> javaFiles(String... roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : sourceRoots(roots)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static Set<Path> mainPackageDirs() {
        Set<Path> dirs = new TreeSet<>();
        for (Path file : javaFiles("src/main/java")) {
            dirs.add(file.getParent());
        }
        return dirs;
    }

    private static List<Path> graderPackage(String pkg) {
        List<Path> files = javaFiles("src/main/java").stream()
                .filter(f -> moduleOf(f).equals("grader") && packageOf(f).equals(pkg))
                .toList();
        assertThat(files).as("sources of " + pkg).isNotEmpty();
        return files;
    }

    private static Set<String> packagesOf(String module) {
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles("src/main/java")) {
            if (moduleOf(file).equals(module)) {
                packages.add(packageOf(file));
            }
        }
        return packages;
    }

    private static String moduleOf(Path file) {
        return ROOT.relativize(file).getName(0).toString();
    }

    /** The package, from the folder under {@code src/main/java} or {@code src/test/java}. */
    private static String packageOf(Path file) {
        Path relative = ROOT.relativize(file.getParent());
        return relative.subpath(4, relative.getNameCount())
                .toString()
                .replace('\\', '.')
                .replace('/', '.');
    }

    /** The code (comments left out) of {@code file} that matches {@code pattern}, by file. */
    private static Map<String, List<String>> references(Path file, Pattern pattern) {
        String code;
        try {
            code = withoutComments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            found.add(m.group());
        }
        return found.isEmpty()
                ? Map.of()
                : Map.of(ROOT.relativize(file).toString().replace('\\', '/'), found);
    }

    /** Drop comments, keep string and character literals (a reflective name is a reference too). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int start = i;
                i++;
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                out.append(source, start, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void commentsAreLeftOutAndStringsKept() {
        assertThat(withoutComments("a // kadai.x\nb /* kadai.y */ c \"// kadai.z\" '\\'' d"))
                .isEqualTo("a \nb   c \"// kadai.z\" '\\'' d");
    }
}
