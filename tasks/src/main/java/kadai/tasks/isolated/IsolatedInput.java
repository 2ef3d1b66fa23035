package kadai.tasks.isolated;

import java.nio.file.Path;
import java.util.Properties;

/**
 * What the isolated JVM receives: the read-only input directory written by the trusted side
 * ({@link RunFiles}) and the run's settings from its {@code run.properties}.
 */
public record IsolatedInput(Path dir, Properties settings) {

    /** Return a required setting. */
    public String get(String key) {
        String value = settings.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("run.properties has no " + key);
        }
        return value;
    }

    public int integer(String key) {
        return Integer.parseInt(get(key));
    }

    public long seed() {
        return Long.parseLong(get(IsolatedJob.SEED));
    }

    public int threads() {
        return integer(IsolatedJob.THREADS);
    }
}
