package kadai.web;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Find the first instructor's password for a production start ({@code serve --no-demo} on an
 * empty database), asked only when that database is empty: the first line of
 * {@code --admin-password-file}, else the environment variable {@value #ENV}, else a prompt
 * (twice, not echoed) when a terminal is attached. Without any of them the start is refused; a
 * fixed or generated-and-printed password is never used.
 */
final class FirstInstructorPassword implements Supplier<String> {

    static final String ENV = "KADAI_ADMIN_PASSWORD";

    private final Path file;
    private final String environment;
    private final String username;

    FirstInstructorPassword(Path file, String environment, String username) {
        this.file = file;
        this.environment = environment;
        this.username = username;
    }

    @Override
    public String get() {
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String first = text.lines().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw new StartupRefusedException("--admin-password-file " + file + " is empty.");
                }
                return first;
            } catch (IOException e) {
                throw new StartupRefusedException("cannot read --admin-password-file " + file + " (" + e + ").");
            }
        }
        if (environment != null && !environment.isEmpty()) {
            return environment;
        }
        Console console = System.console();
        if (console == null) {
            throw new StartupRefusedException("The database is empty and this start seeds no demo, but no password"
                    + " was given for the first instructor '" + username + "': use --admin-password-file FILE or"
                    + " the environment variable " + ENV + " (no terminal to ask in).");
        }
        char[] first = console.readPassword("Password for the first instructor '%s': ", username);
        char[] again = console.readPassword("The same password again: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new StartupRefusedException("the two passwords typed differ; nothing was created.");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (again != null) {
                Arrays.fill(again, ' ');
            }
        }
    }
}
