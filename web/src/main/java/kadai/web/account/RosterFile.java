package kadai.web.account;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Read an uploaded roster file: size-capped, UTF-8 with or without a byte order mark, text only. */
final class RosterFile {

    /** Largest roster file accepted (a course of thousands fits many times over). */
    static final int MAX_BYTES = 256 * 1024;

    private RosterFile() {}

    /** The file cannot be imported at all; the message says why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Read at most {@link #MAX_BYTES} (never more, whatever the client declared) and decode them. */
    static String decode(String filename, InputStream in) throws IOException, Refused {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new Refused(filename + " is larger than " + (MAX_BYTES / 1024)
                    + " KiB; a roster file may have at most " + MAX_BYTES + " bytes. Nothing was imported.");
        }
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new Refused(filename + " is not a text file (it contains a NUL byte at offset " + i
                        + "); save the roster as CSV (UTF-8). Nothing was imported.");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused(filename + " is not UTF-8 text (line " + lineOf(bytes, start) + "); save the roster"
                    + " as \"CSV UTF-8\". Nothing was imported.");
        }
    }

    /** Return the 1-based line of the first byte that is not valid UTF-8. */
    private static int lineOf(byte[] bytes, int start) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return line;
    }
}
