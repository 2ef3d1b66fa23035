package kadai.grader.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Read a submission from disk: a directory (searched for {@code .java} files), a zip, or single
 * {@code .java} files. Paths are kept relative (to the directory, inside the zip) so that
 * compiler messages can name them the way the student sees them.
 */
public final class SubmissionFiles {

    private SubmissionFiles() {}

    /** Return the Java sources by relative path, within {@code limits}. */
    public static Map<String, String> read(List<Path> paths, SubmissionLimits limits)
            throws InvalidSubmissionException {
        Map<String, String> sources = new LinkedHashMap<>();
        Budget budget = new Budget(limits);
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                readDirectory(path, sources, budget);
            } else if (!Files.isRegularFile(path)) {
                throw new InvalidSubmissionException("cannot read " + path + ": no such file or directory");
            } else if (path.getFileName().toString().endsWith(".zip")) {
                readZip(path, sources, budget);
            } else if (path.getFileName().toString().endsWith(".java")) {
                put(sources, path.getFileName().toString(), readFile(path, budget), budget);
            } else {
                throw new InvalidSubmissionException(
                        "cannot grade " + path + ": give a directory, a .zip or .java files");
            }
        }
        if (sources.isEmpty()) {
            throw new InvalidSubmissionException("the submission " + paths + " contains no .java file");
        }
        return sources;
    }

    private static void readDirectory(Path dir, Map<String, String> sources, Budget budget)
            throws InvalidSubmissionException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                    .filter(p -> !skipped(dir.relativize(p)))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new InvalidSubmissionException("cannot read " + dir + ": " + e.getMessage());
        }
        for (Path file : files) {
            put(sources, dir.relativize(file).toString().replace('\\', '/'), readFile(file, budget), budget);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("build") || (name.startsWith(".") && name.length() > 1)) {
                return true;
            }
        }
        return false;
    }

    private static void readZip(Path zip, Map<String, String> sources, Budget budget)
            throws InvalidSubmissionException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > budget.limits.maxFiles() * 20) {
                    throw new InvalidSubmissionException(zip.getFileName() + " has too many entries");
                }
                String name = entry.getName().replace('\\', '/');
                if (entry.isDirectory() || !name.endsWith(".java") || skipped(Path.of(name))) {
                    continue;
                }
                byte[] bytes = readCapped(in, budget, name);
                put(sources, name, decode(bytes, name), budget);
            }
        } catch (IOException e) {
            throw new InvalidSubmissionException("cannot read " + zip.getFileName() + " as a zip: " + e.getMessage());
        }
    }

    private static String readFile(Path file, Budget budget) throws InvalidSubmissionException {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(readCapped(in, budget, file.getFileName().toString()), file.toString());
        } catch (IOException e) {
            throw new InvalidSubmissionException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] readCapped(InputStream in, Budget budget, String name)
            throws IOException, InvalidSubmissionException {
        byte[] bytes = in.readNBytes((int) budget.limits.maxFileBytes() + 1);
        if (bytes.length > budget.limits.maxFileBytes()) {
            throw new InvalidSubmissionException(name + " is larger than " + budget.limits.maxFileBytes() / 1024
                    + " KB; a source file of an assignment is a few KB");
        }
        return bytes;
    }

    private static String decode(byte[] bytes, String name) throws InvalidSubmissionException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSubmissionException(name + " is not UTF-8 text; save it as UTF-8");
        }
    }

    private static void put(Map<String, String> sources, String name, String text, Budget budget)
            throws InvalidSubmissionException {
        budget.add(name, text.length());
        if (sources.putIfAbsent(name, text) != null) {
            throw new InvalidSubmissionException("the submission has two files named " + name);
        }
    }

    private static final class Budget {
        final SubmissionLimits limits;
        int files;
        long bytes;

        Budget(SubmissionLimits limits) {
            this.limits = limits;
        }

        void add(String name, long size) throws InvalidSubmissionException {
            files++;
            bytes += size;
            if (files > limits.maxFiles()) {
                throw new InvalidSubmissionException(
                        "the submission has more than " + limits.maxFiles() + " .java files");
            }
            if (bytes > limits.maxTotalBytes()) {
                throw new InvalidSubmissionException("the submission's sources exceed " + limits.maxTotalBytes() / 1024
                        + " KB in total (at " + name + ")");
            }
        }
    }
}
