package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line the ./kadai launcher hands to {@link WebMain}. */
class WebMainTests {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WebMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertThat(help.exit()).isEqualTo(WebMain.EXIT_OK);
        assertThat(help.out()).contains("serve").contains("worker").contains("submit");
    }

    @Test
    void serveHelpNamesPortAndDataDirectory() {
        Run help = run("serve", "--help");
        assertThat(help.exit()).isEqualTo(WebMain.EXIT_OK);
        assertThat(help.out())
                .contains("--port")
                .contains("7070")
                .contains("--data")
                .contains("--db-url");
    }

    @Test
    void theProductionOptionsAreDocumentedInTheHelp() {
        Run serve = run("serve", "--help");
        assertThat(serve.out())
                .contains("--no-demo")
                .contains("--admin-password-file")
                .contains("--admin-user")
                .contains(FirstInstructorPassword.ENV)
                .contains("--trust-proxy");
        Run worker = run("worker", "--help");
        assertThat(worker.exit()).isEqualTo(WebMain.EXIT_OK);
        assertThat(worker.out()).contains("--no-demo").doesNotContain("--admin-password-file");
    }

    @Test
    void servingOnAPortInUseIsRefusedWithOneClearLine() throws java.io.IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Run serve = run(
                    "serve",
                    "--port",
                    String.valueOf(taken.getLocalPort()),
                    "--data",
                    java.nio.file.Files.createTempDirectory("kadai-port").toString());
            assertThat(serve.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
            assertThat(serve.err())
                    .contains("port " + taken.getLocalPort() + " is already in use")
                    .contains("--port");
        }
    }

    @Test
    void unknownCommandsAndMissingOptionsAreInvalidInput() {
        Run unknown = run("serv");
        assertThat(unknown.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
        assertThat(unknown.err()).contains("serv");
        Run submit = run("submit", "--server", "http://localhost:1/");
        assertThat(submit.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
        assertThat(submit.err()).contains("--assignment");
    }
}
