package kadai.web;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kadai.grader.sandbox.SandboxMode;
import kadai.web.cli.SubmitCommand;
import kadai.web.job.JobConfig;
import kadai.web.seed.DemoCourse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Run Kadai's server side: {@code serve} (web + workers), {@code worker} (workers only), {@code submit} (client). */
@Command(
        name = "kadai",
        mixinStandardHelpOptions = true,
        version = "Kadai 0.1.0",
        description = "Kadai web platform.",
        subcommands = {WebMain.Serve.class, WebMain.Worker.class, SubmitCommand.class})
public final class WebMain implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_INVALID_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Run a command line with the given writers; return the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new WebMain());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return EXIT_INVALID_INPUT;
    }

    /** Return whether this host can listen on {@code port} now (0 always can). */
    static boolean portIsFree(int port) {
        if (port == 0) {
            return true;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Check {@code --public-url}: an absolute http(s) address, returned with a trailing slash (null stays null). */
    static String publicUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    "--public-url must be an address like https://kadai.example.ac.jp/," + " not '" + value + "'");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text : text + "/";
    }

    /** Parse {@code --sandbox} case-insensitively with SandboxMode's own message. */
    static final class SandboxModeConverter implements CommandLine.ITypeConverter<SandboxMode> {
        @Override
        public SandboxMode convert(String value) {
            return SandboxMode.parse(value);
        }
    }

    /** Parse {@code --gpu-tasks}: auto, yes or no (true/false accepted), case-insensitively. */
    static final class GpuTasksConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> "auto";
                case "yes", "true" -> "yes";
                case "no", "false" -> "no";
                default ->
                    throw new CommandLine.TypeConversionException(
                            "--gpu-tasks must be auto, yes or no, not '" + value + "'");
            };
        }
    }

    /** Options shared by serve and worker: where the data is, where student code runs. */
    static class DataOptions {
        @Option(
                names = "--data",
                defaultValue = "data",
                description = "Data directory (embedded database). Default: ${DEFAULT-VALUE}")
        Path data;

        @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database instead of the embedded one.")
        String dbUrl;

        @Option(names = "--db-user", defaultValue = "${env:KADAI_DB_USER}")
        String dbUser;

        @Option(names = "--db-password", defaultValue = "${env:KADAI_DB_PASSWORD}")
        String dbPassword;

        @Option(names = "--workers", description = "Grading workers in this process (default: one per core; 0 = none).")
        Integer workers;

        @Option(
                names = "--sandbox",
                defaultValue = "auto",
                converter = SandboxModeConverter.class,
                description = "Where student code runs: auto (best sandbox this host offers), required (refuse to "
                        + "start below full), off (in-process; trusted code only). Default: ${DEFAULT-VALUE}")
        SandboxMode sandbox;

        @Option(
                names = "--task-workers",
                description = "Training runs (kadai task) at once in this process, on a"
                        + " queue of their own (default: 1, or 0 when --workers is 0).")
        Integer taskWorkers;

        @Option(
                names = "--gpu-tasks",
                defaultValue = "auto",
                converter = GpuTasksConverter.class,
                description = "Take training runs that asked for a GPU: auto (when DJL sees a GPU), yes, no."
                        + " Default: ${DEFAULT-VALUE}")
        String gpuTasks;

        @Option(
                names = "--no-demo",
                description = "Production start: seed no demo accounts, token or credentials"
                        + " file (the course's assignments are still registered). Workers never seed anything.")
        boolean noDemo;

        @Option(
                names = "--student-runs-per-day",
                description = "Training runs a student may start in any 24 hours"
                        + " (staff: no limit). Default: ${DEFAULT-VALUE}",
                defaultValue = "" + kadai.web.task.TaskWorkerConfig.DEFAULT_STUDENT_RUNS_PER_DAY)
        int studentRunsPerDay;

        kadai.web.task.TaskWorkerConfig tasks() {
            int threads = taskWorkers != null ? taskWorkers : workers != null && workers == 0 ? 0 : 1;
            Boolean gpu = gpuTasks.equals("auto") ? null : gpuTasks.equals("yes");
            return kadai.web.task.TaskWorkerConfig.defaults()
                    .withThreads(threads)
                    .withGpu(gpu)
                    .withSandbox(sandbox)
                    .withStudentRunsPerDay(studentRunsPerDay);
        }

        ServerConfig config(int port) {
            int graders = workers != null ? workers : ServerConfig.defaultWorkers();
            // A web node without workers grades nothing, so it starts no runners.
            ServerConfig config = ServerConfig.defaults(
                    port, data, GraderLoader.load(graders == 0 ? SandboxMode.OFF : sandbox, graders));
            if (dbUrl != null) {
                config = config.withDatabase(dbUrl, dbUser, dbPassword);
            }
            if (workers != null) {
                config = config.withJobs(JobConfig.defaults(workers));
            }
            return config;
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description =
                    "Start the web platform with grading workers in this process (student code in sandboxed runners).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "7070", description = "HTTP port. Default: ${DEFAULT-VALUE}")
        int port;

        @Option(
                names = "--time-zone",
                defaultValue = "Asia/Tokyo",
                description = "The course's time zone: deadlines"
                        + " are shown and entered in it, daily limits start again at its midnight (stored in UTC)."
                        + " Default: ${DEFAULT-VALUE}")
        String timeZone;

        @Option(
                names = "--public-url",
                description = "The address students use, e.g. https://kadai.example.ac.jp/"
                        + " (written into downloaded starter kits; default: the address of each request)")
        String publicUrl;

        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Option(
                names = "--admin-user",
                defaultValue = "admin",
                paramLabel = "NAME",
                description = "With --no-demo on an empty database: the first instructor's user name."
                        + " Default: ${DEFAULT-VALUE}")
        String adminUser;

        @Option(
                names = "--admin-password-file",
                paramLabel = "FILE",
                description = "With --no-demo on an empty database: read the first instructor's password from the"
                        + " first line of FILE (else the environment variable " + FirstInstructorPassword.ENV
                        + ", else a prompt in a terminal).")
        Path adminPasswordFile;

        @Option(
                names = "--trust-proxy",
                description = "Behind a reverse proxy: believe its X-Forwarded-Proto"
                        + " (HTTPS: Secure cookies, HSTS) and X-Forwarded-For (the client address the login throttle counts)."
                        + " Never without a proxy in front.")
        boolean trustProxy;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            if (!portIsFree(port)) {
                // Checked before anything starts, so the answer is one clear line, not Jetty's stack trace.
                err.println("kadai: port " + port + " is already in use (another `kadai serve`?);"
                        + " stop it or choose another port with --port N");
                return EXIT_INVALID_INPUT;
            }
            ZoneId zone;
            try {
                zone = kadai.web.http.CourseTime.of(timeZone).zone();
                publicUrl = publicUrl(publicUrl);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("kadai: " + e.getMessage());
                return EXIT_INVALID_INPUT;
            }
            kadai.web.task.TaskWorkerConfig tasks = data.tasks();
            ServerConfig config = data.config(port).withTimeZone(zone).withPublicUrl(publicUrl);
            WebSecurity security = WebSecurity.defaults().withTrustProxy(trustProxy);
            if (data.noDemo) {
                config = config.withoutDemo();
                security = security.withFirstInstructor(new WebSecurity.FirstInstructor(
                        adminUser,
                        new FirstInstructorPassword(
                                adminPasswordFile, System.getenv(FirstInstructorPassword.ENV), adminUser)));
            }
            KadaiServer server;
            try {
                server = KadaiServer.start(config.withSecurity(security), tasks);
            } catch (StartupRefusedException e) {
                err.println("kadai: " + e.getMessage());
                return EXIT_INVALID_INPUT;
            }
            PrintWriter out = spec.commandLine().getOut();
            String url = publicUrl != null ? publicUrl : "http://localhost:" + server.port() + "/";
            out.println("Kadai is running at " + url + (data.noDemo ? "" : "  (DEMO course)"));
            out.println("Course time zone: " + zone.getId() + "; starter kits point at " + url);
            out.println("Training runs (" + url + "tasks): " + tasks.threads() + " at a time here, "
                    + (server.takesGpuTaskRuns() ? "GPU runs taken" : "GPU runs left to GPU workers (--gpu-tasks)"));
            printDemo(out, server, url);
            out.flush();
            awaitShutdown(server);
            return EXIT_OK;
        }

        /** Say loudly that demo accounts (published passwords) exist; print their logins only on a demo start. */
        private void printDemo(PrintWriter out, KadaiServer server, String url) {
            java.util.List<String> demo = server.accounts().demoUsers().stream()
                    .map(kadai.web.account.User::username)
                    .toList();
            if (demo.isEmpty()) {
                return;
            }
            if (data.noDemo) {
                out.println("WARNING: this database still has the demo accounts " + demo + ", whose passwords are"
                        + " published; an instructor removes them on " + url + "staff/roster");
                return;
            }
            out.println("This is a DEMO: its logins are published in README and below; do not use it for a course."
                    + " For a course, start with --no-demo on a new data directory (docs/security.md).");
            String credentials = DemoCourse.credentials(data.data);
            if (!credentials.isEmpty()) {
                out.println("Demo logins and API token (" + data.data.resolve("demo-credentials.txt") + "):");
                credentials.lines().filter(l -> !l.startsWith("#")).forEach(l -> out.println("  " + l));
                out.println("Try: download the starter kit at " + url + "starter-kit.zip, then in it:"
                        + " java Submit.java --assignment conv-op");
            }
        }
    }

    @Command(
            name = "worker",
            mixinStandardHelpOptions = true,
            description =
                    "Run grading workers only, on the database a `serve` uses (PostgreSQL or the shared H2 file).")
    static final class Worker implements Callable<Integer> {
        @CommandLine.Mixin
        DataOptions data = new DataOptions();

        @Override
        public Integer call() throws InterruptedException {
            ServerConfig config = data.config(-1);
            kadai.web.task.TaskWorkerConfig tasks = data.tasks();
            KadaiServer server = KadaiServer.start(
                    new ServerConfig(
                            -1,
                            config.dataDir(),
                            config.jdbcUrl(),
                            config.dbUser(),
                            config.dbPassword(),
                            config.grader(),
                            config.jobs(),
                            config.uploads(),
                            config.bcryptCost(),
                            false,
                            config.clock(),
                            config.statusPollMillis()),
                    tasks);
            System.out.println("Kadai worker running (" + config.jobs().workerThreads() + " grading threads, "
                    + tasks.threads() + " training threads" + (server.takesGpuTaskRuns() ? ", GPU runs" : "")
                    + ")");
            awaitShutdown(server);
            return EXIT_OK;
        }
    }

    private static void awaitShutdown(KadaiServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "kadai-shutdown"));
        stopped.await();
    }
}
