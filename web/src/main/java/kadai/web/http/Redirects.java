package kadai.web.http;

/** Decide where a request may send the browser next (only to this site: no open redirect). */
public final class Redirects {

    /** Where a login goes when it was given nowhere (acceptable) to go. */
    public static final String HOME = "/assignments";

    private static final int MAX_LENGTH = 2000;

    private Redirects() {}

    /**
     * Return {@code next} when it is a same-origin relative path, else {@link #HOME}.
     *
     * <p>Accepted: {@code /} followed by anything but {@code /} or {@code \}, with no backslash,
     * whitespace or control character anywhere. Browsers read {@code //host}, {@code /\host}
     * and {@code /<tab>/host} (they drop tabs and newlines, and treat {@code \} as {@code /}) as
     * another host, so none of those is followed.
     */
    public static String safeNext(String next) {
        if (next == null || next.length() < 1 || next.length() > MAX_LENGTH || next.charAt(0) != '/') {
            return HOME;
        }
        if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) {
            return HOME;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= 0x20
                    || c == 0x7F
                    || c == '\\'
                    || Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                return HOME;
            }
        }
        return next;
    }
}
