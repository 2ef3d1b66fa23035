package kadai.web.submission;

/**
 * Bound what one submission may carry.
 *
 * @param maxRequestBytes the whole upload
 * @param maxFiles Java files after unzipping
 * @param maxFileBytes one Java file
 * @param maxZipEntries entries in a zip, directories included
 * @param maxUnzippedBytes everything a zip expands to
 */
public record UploadLimits(long maxRequestBytes, int maxFiles, int maxFileBytes, int maxZipEntries,
        long maxUnzippedBytes) {

    public static UploadLimits defaults() {
        return new UploadLimits(2 * 1024 * 1024, 20, 256 * 1024, 500, 4 * 1024 * 1024);
    }
}
