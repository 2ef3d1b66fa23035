package kadai.web.assignment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Personalise the starter kit for the student who downloads it: a {@code kadai.properties} next to
 * the kit's {@code pom.xml} names the server and carries an API token, so that
 * {@code java Submit.java --assignment conv} needs no other option.
 */
public final class StarterKit {

    /** The folder every entry of the kit's zip lives in. */
    public static final String FOLDER = "kadai-starter-kit/";

    private StarterKit() {}

    /**
     * Return the kit with {@code kadai.properties} added (entries copied raw, so {@code mvnw} stays
     * executable).
     *
     * @param serverUrl the address students reach the server at, ending in a slash
     * @param token an API token of the student (secret: the kit is theirs alone)
     */
    public static byte[] personalised(byte[] kit, String serverUrl, String token, String username) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(kit.length + 1024);
        try (ZipFile in = ZipFile.builder()
                        .setSeekableByteChannel(new SeekableInMemoryByteChannel(kit))
                        .get();
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            Enumeration<ZipArchiveEntry> entries = in.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (!entry.getName().equals(FOLDER + "kadai.properties")) {
                    out.addRawArchiveEntry(entry, in.getRawInputStream(entry));
                }
            }
            ZipArchiveEntry properties = new ZipArchiveEntry(FOLDER + "kadai.properties");
            properties.setUnixMode(0100600);
            out.putArchiveEntry(properties);
            out.write(properties(serverUrl, token, username).getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot personalise the starter kit", e);
        }
        return bytes.toByteArray();
    }

    /** Return the text of {@code kadai.properties} (read by {@code Submit.java}). */
    static String properties(String serverUrl, String token, String username) {
        return "# Written by the Kadai server for " + username + " when the starter kit was downloaded.\n"
                + "# Submit.java reads it: java Submit.java --assignment conv\n"
                + "# The token is yours alone: do not share this file or commit it (revoke it on the Account page).\n"
                + "server=" + escape(serverUrl) + "\n"
                + "token=" + escape(token) + "\n";
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == ':' || c == '=' || c == '#' || c == '!') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
