package kadai.web.submission;

/**
 * Bound what one submission may carry.
 *
 * <p>{@code maxRequestBytes} is the one cap on a request's size: the request filter refuses a
 * larger declared {@code Content-Length} before reading, and Jetty's multipart reader and
 * Javalin's body reader are configured with the same number, so a chunked body stops there too
 * (both answered 413 by {@code ErrorMapper}). The other limits are about what the files hold.
 *
 * @param maxRequestBytes the whole HTTP request body (multipart framing included)
 * @param maxFiles Java files after unzipping
 * @param maxFileBytes one Java file
 * @param maxZipEntries entries in a zip, directories included
 * @param maxUnzippedBytes everything a zip expands to
 */
public record UploadLimits(
        long maxRequestBytes, int maxFiles, int maxFileBytes, int maxZipEntries, long maxUnzippedBytes) {

    public static UploadLimits defaults() {
        return new UploadLimits(2 * 1024 * 1024, 20, 256 * 1024, 500, 4 * 1024 * 1024);
    }
}
