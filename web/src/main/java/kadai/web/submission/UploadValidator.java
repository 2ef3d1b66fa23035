package kadai.web.submission;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Turn uploaded files into the sources of a submission, or refuse them with a reason.
 *
 * <p>Accepted: {@code .java} files, or one zip holding them (a copy of the starter kit is fine:
 * tests, build files and anything not {@code .java} in it are ignored). Every source must be
 * UTF-8 text declaring the assignment's package. Zips are read as a stream with hard caps, so a
 * zip bomb or an entry escaping its folder ({@code ../}) is refused before anything is stored.
 */
public final class UploadValidator {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    private final UploadLimits limits;

    public UploadValidator(UploadLimits limits) {
        this.limits = limits;
    }

    public UploadLimits limits() {
        return limits;
    }

    /**
     * Validate {@code uploads} for an assignment whose classes live in {@code javaPackage}.
     *
     * @return sources by path ({@code kadai/assignments/conv/ConvOps.java})
     * @throws UploadRejectedException naming what is wrong
     */
    public Map<String, String> validate(List<Upload> uploads, String javaPackage) {
        return validate(uploads, javaPackage, java.util.Set.of());
    }

    /**
     * Validate {@code uploads} for an assignment whose classes live in {@code javaPackage}; the
     * files named in {@code alsoAccepted} ({@code kadai/assignments/conv/ConvOps.java}) may come
     * from other packages: the classes of earlier assignments it builds on (a {@code MaxPooling}
     * that calls the student's own {@code ConvOps}).
     */
    public Map<String, String> validate(List<Upload> uploads, String javaPackage, java.util.Set<String> alsoAccepted) {
        if (uploads.isEmpty()) {
            throw new UploadRejectedException("no-files", "No files were uploaded. Choose your .java files or a zip.");
        }
        List<Upload> javaFiles = new ArrayList<>();
        for (Upload upload : uploads) {
            String name = baseName(upload.filename());
            if (name.endsWith(".zip")) {
                if (uploads.size() > 1) {
                    throw new UploadRejectedException(
                            "zip-with-others", "Upload either one zip or .java files, not both (" + name + ").");
                }
                javaFiles.addAll(unzip(name, upload.content(), javaPackage.replace('.', '/'), alsoAccepted));
            } else if (name.endsWith(".java")) {
                javaFiles.add(new Upload(name, upload.content()));
            } else {
                throw new UploadRejectedException(
                        "wrong-type", name + " is neither a .java file nor a .zip; upload only your source files.");
            }
        }
        if (javaFiles.isEmpty()) {
            throw new UploadRejectedException("no-files", "The zip holds no .java files under src/main/java.");
        }
        if (javaFiles.size() > limits.maxFiles()) {
            throw new UploadRejectedException(
                    "too-many-files",
                    javaFiles.size() + " .java files is more than the " + limits.maxFiles()
                            + " a submission may hold; upload only the classes of this assignment.");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        String packagePath = javaPackage.replace('.', '/');
        for (Upload file : javaFiles) {
            String name = file.filename();
            if (!JAVA_NAME.matcher(name).matches()) {
                throw new UploadRejectedException("bad-name", name + " is not a Java class file name.");
            }
            if (file.content().length > limits.maxFileBytes()) {
                throw new UploadRejectedException(
                        "file-too-large",
                        name + " has " + file.content().length + " bytes; one source file may have at most "
                                + limits.maxFileBytes() + ".");
            }
            String text = utf8Text(name, file.content());
            Matcher m = PACKAGE.matcher(stripComments(text));
            if (!m.find()) {
                throw new UploadRejectedException(
                        "wrong-package",
                        name + " declares no package; it must start with" + " 'package " + javaPackage + ";'.");
            }
            String path = m.group(1).replace('.', '/') + "/" + name;
            if (!m.group(1).equals(javaPackage) && !alsoAccepted.contains(path)) {
                throw new UploadRejectedException(
                        "wrong-package",
                        name + " declares package " + m.group(1)
                                + ", but this assignment's classes are in " + javaPackage
                                + (alsoAccepted.isEmpty() ? "" : " (besides " + String.join(", ", alsoAccepted) + ")")
                                + ".");
            }
            if (sources.put(m.group(1).equals(javaPackage) ? packagePath + "/" + name : path, text) != null) {
                throw new UploadRejectedException("duplicate", name + " was uploaded twice.");
            }
        }
        return sources;
    }

    private static String baseName(String filename) {
        String name = filename == null ? "" : filename;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    private List<Upload> unzip(String zipName, byte[] bytes, String packagePath, java.util.Set<String> alsoAccepted) {
        List<Upload> files = new ArrayList<>();
        long expanded = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxZipEntries()) {
                    throw new UploadRejectedException(
                            "zip-too-many-entries",
                            zipName + " has more than " + limits.maxZipEntries()
                                    + " entries; zip only your source folder.");
                }
                String path = entry.getName().replace('\\', '/');
                if (escapes(path)) {
                    throw new UploadRejectedException(
                            "zip-slip",
                            zipName + " contains the entry '" + entry.getName()
                                    + "', which points outside the zip's folder; such zips are refused.");
                }
                byte[] content = readCapped(zip, zipName, limits.maxUnzippedBytes() - expanded);
                expanded += content.length;
                if (entry.isDirectory()
                        || !path.endsWith(".java")
                        || path.endsWith("package-info.java")
                        || ignored(path, packagePath)
                                && alsoAccepted.stream().noneMatch(p -> path.endsWith("src/main/java/" + p))) {
                    continue;
                }
                files.add(new Upload(baseName(path), content));
            }
        } catch (ZipException e) {
            throw new UploadRejectedException("bad-zip", zipName + " is not a readable zip (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new UploadRejectedException("bad-zip", zipName + " could not be read (" + e.getMessage() + ").");
        }
        if (entries == 0) {
            throw new UploadRejectedException("bad-zip", zipName + " is empty or not a zip file.");
        }
        return files;
    }

    private static boolean escapes(String path) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Skip what a zipped copy of the starter kit holds besides the student's classes. */
    private static boolean ignored(String path, String packagePath) {
        if (path.contains("src/main/java/") && !path.contains("src/main/java/" + packagePath + "/")) {
            return true;
        }
        return path.contains("src/test/")
                || path.startsWith("target/")
                || path.contains("/target/")
                || path.contains("__MACOSX/");
    }

    private byte[] readCapped(ZipInputStream zip, String zipName, long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        long read = 0;
        while ((n = zip.read(buffer)) > 0) {
            read += n;
            if (read > budget) {
                throw new UploadRejectedException(
                        "zip-bomb",
                        zipName + " expands to more than " + limits.maxUnzippedBytes()
                                + " bytes; such zips are refused (zip only your sources).");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String utf8Text(String name, byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                throw new UploadRejectedException("binary", name + " is a binary file, not Java source text.");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UploadRejectedException(
                    "not-utf8",
                    name + " is not UTF-8 text; save it as UTF-8"
                            + " (most editors: File > Save with Encoding > UTF-8) and upload it again.");
        }
    }

    private static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
