package kadai.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import kadai.web.account.AccountController;
import kadai.web.account.AccountDao;
import kadai.web.account.AccountService;
import kadai.web.account.LoginFailureDao;
import kadai.web.account.LoginThrottle;
import kadai.web.account.PasswordController;
import kadai.web.account.PasswordHasher;
import kadai.web.account.PasswordService;
import kadai.web.account.Tokens;
import kadai.web.assignment.AssignmentController;
import kadai.web.assignment.AssignmentDao;
import kadai.web.assignment.AssignmentService;
import kadai.web.assignment.Catalog;
import kadai.web.assignment.CourseMaterial;
import kadai.web.assignment.RegisteredAssignments;
import kadai.web.db.Database;
import kadai.web.gradebook.GradebookController;
import kadai.web.gradebook.GradebookDao;
import kadai.web.gradebook.GradebookService;
import kadai.web.gradebook.RegradeDao;
import kadai.web.gradebook.RegradeService;
import kadai.web.http.ClientOrigin;
import kadai.web.http.CourseTime;
import kadai.web.http.ErrorMapper;
import kadai.web.http.Messages;
import kadai.web.http.RequestFilters;
import kadai.web.http.Views;
import kadai.web.job.GradingWorker;
import kadai.web.job.JobEngine;
import kadai.web.seed.DemoCourse;
import kadai.web.settings.SettingsController;
import kadai.web.submission.GradingTimesDao;
import kadai.web.submission.StatusFeed;
import kadai.web.submission.SubmissionController;
import kadai.web.submission.SubmissionDao;
import kadai.web.submission.SubmissionService;
import kadai.web.submission.UploadValidator;
import kadai.web.task.TaskCodeFactory;
import kadai.web.task.TaskController;
import kadai.web.task.TaskGradingDao;
import kadai.web.task.TaskPoints;
import kadai.web.task.TaskQueue;
import kadai.web.task.TaskRun;
import kadai.web.task.TaskRunDao;
import kadai.web.task.TaskRunService;
import kadai.web.task.TaskRunner;
import kadai.web.task.TaskWorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Build one Kadai process from its settings: database, services, job engine, web server. This
 * is the only place objects are wired together.
 */
public final class KadaiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KadaiServer.class);

    private final Database database;
    private final JobEngine jobs;
    private final StatusFeed feed;
    private final Javalin app;
    private final AccountService accounts;
    private final TaskQueue taskQueue;
    private final TaskRunDao taskRuns;
    private TaskController taskController;

    private KadaiServer(ServerConfig config, TaskWorkerConfig taskConfig, Database database) {
        this.database = database;
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Tokens tokens = new Tokens();
        Catalog catalog = new Catalog();
        AccountDao accountDao = new AccountDao(database.jdbi());
        AssignmentDao assignmentDao = new AssignmentDao(database.jdbi());
        SubmissionDao submissionDao = new SubmissionDao(database.jdbi());
        this.accounts = new AccountService(
                accountDao,
                new PasswordHasher(config.bcryptCost()),
                new LoginThrottle(5, 100, Duration.ofMinutes(5), config.clock(), new LoginFailureDao(database.jdbi())),
                tokens,
                config.clock());

        GradingTimesDao gradingTimes = new GradingTimesDao(database.jdbi());
        GradingWorker worker =
                new GradingWorker(submissionDao, assignmentDao, config.grader(), gradingTimes, config.clock());
        RegradeService regrades = new RegradeService(
                new RegradeDao(database.jdbi()), submissionDao, assignmentDao, config.grader(), json, config.clock());
        this.jobs = new JobEngine(database.dataSource(), config.jobs(), worker::grade, regrades::regrade);
        regrades.scheduleWith(jobs::enqueueRegrade);

        CourseTime time = new CourseTime(config.timeZone());
        SubmissionService submissions = new SubmissionService(
                submissionDao,
                assignmentDao,
                catalog,
                new UploadValidator(config.uploads()),
                jobs,
                config.clock(),
                time);
        CourseMaterial material = new CourseMaterial();
        AssignmentService assignments =
                new AssignmentService(assignmentDao, catalog, material, submissions, time, config.clock());
        kadai.tasks.Tasks taskList = kadai.tasks.Tasks.all();
        TaskPoints taskPoints = new TaskPoints(new TaskGradingDao(database.jdbi()), taskList, json, config.clock());
        GradebookService gradebook = new GradebookService(
                new GradebookDao(database.jdbi()), accountDao, assignmentDao, submissionDao, taskPoints);

        PasswordService passwords = new PasswordService(accountDao, new PasswordHasher(config.bcryptCost()), tokens);
        if (config.seedDemo()) {
            new DemoCourse(accounts, assignmentDao, catalog, config.clock())
                    .seedIfEmpty(config.dataDir(), kadai.grader.Assignments.all(), config.timeZone());
        } else if (config.port() >= 0 && !accounts.hasUsers()) {
            // A production start seeds no demo account: the first instructor of an empty database gets
            // the password the administrator chose (never a fixed one). Workers (no port) create nobody.
            firstInstructor(config.security(), accounts, passwords);
        }
        // Every graded suite is an assignment of the course; new ones wait unpublished for the staff.
        RegisteredAssignments.addMissing(
                assignmentDao,
                catalog,
                kadai.grader.Assignments.all(),
                time,
                config.clock().instant());
        // A submission stored just before a crash may have no job yet: give every unfinished one a job.
        submissionDao.unfinished().forEach(jobs::enqueue);
        jobs.start();

        // End-to-end training runs: their own queue and worker pool, apart from grading.
        this.taskRuns = new TaskRunDao(database.jdbi());
        TaskCodeFactory taskCode = new TaskCodeFactory(taskConfig.sandbox(), 0);
        TaskRunner taskRunner =
                new TaskRunner(taskRuns, submissionDao, taskCode, taskList, taskConfig, json, config.clock());
        this.taskQueue = new TaskQueue(database.dataSource(), taskConfig, taskRunner::run);
        TaskRunService taskService = new TaskRunService(
                taskRuns, taskCode, taskList, taskQueue, config.clock(), taskConfig.studentRunsPerDay(), time);
        for (TaskRun run : taskRuns.unfinished()) {
            taskQueue.enqueue(run.id(), "gpu".equals(run.deviceChoice()));
        }
        taskQueue.start();

        if (config.port() < 0) {
            this.feed = null;
            this.app = null;
            return;
        }
        Views views = new Views(new Messages(), time);
        this.feed = new StatusFeed(submissions, config.statusPollMillis());
        long requestCap = config.uploads().maxRequestBytes();
        RequestFilters filters = new RequestFilters(
                accounts::viewerForSession,
                accounts::viewerForApiToken,
                tokens,
                requestCap,
                new ClientOrigin(config.security().trustProxy()));
        AssignmentController assignmentController = new AssignmentController(
                assignments,
                material,
                (userId, label) -> accounts.issueToken(userId, label).secret(),
                config.publicUrl(),
                views);
        AccountController accountController = new AccountController(accounts, views, assignmentController::serverUrl);
        PasswordController passwordController = new PasswordController(passwords, accountController, views);
        SubmissionController submissionController =
                new SubmissionController(submissions, assignments, feed, gradingTimes, views);
        GradebookController gradebookController =
                new GradebookController(gradebook, regrades, assignments, submissionDao, views);
        this.taskController =
                new TaskController(taskService, views, json, config.statusPollMillis(), taskPoints, material);
        SettingsController settingsController =
                new SettingsController(assignments, taskPoints, taskList, config.publicUrl(), views);

        this.app = Javalin.create(c -> {
                    c.jsonMapper(new JavalinJackson(json, false));
                    // The one request cap (UploadLimits), also where bodies without a Content-Length are read.
                    c.http.maxRequestSize = requestCap;
                    c.jetty.multipartConfig.maxFileSize(requestCap, io.javalin.config.SizeUnit.BYTES);
                    c.jetty.multipartConfig.maxTotalRequestSize(requestCap, io.javalin.config.SizeUnit.BYTES);
                    c.staticFiles.add(s -> {
                        s.hostedPath = "/static";
                        s.directory = "/kadai/web/static";
                        s.location = Location.CLASSPATH;
                    });
                    c.startup.showJavalinBanner = false;
                    RoutesConfig routes = c.routes;
                    routes.before(filters::before);
                    accountController.routes(routes);
                    passwordController.routes(routes);
                    assignmentController.routes(routes);
                    submissionController.routes(routes);
                    gradebookController.routes(routes);
                    taskController.routes(routes);
                    settingsController.routes(routes);
                    new ErrorMapper(views).register(routes);
                })
                .start(config.port());
        LOG.info("Kadai listening on port {}", app.port());
    }

    /** Create the first instructor of an empty database, or refuse to start when nobody said who. */
    private static void firstInstructor(WebSecurity security, AccountService accounts, PasswordService passwords) {
        WebSecurity.FirstInstructor first = security.firstInstructor();
        if (first == null) {
            throw new StartupRefusedException("The database has no accounts and this start seeds no demo: give the"
                    + " first instructor's password with --admin-password-file FILE or the environment variable"
                    + " KADAI_ADMIN_PASSWORD (or start in a terminal to be asked).");
        }
        try {
            passwords.createFirstInstructor(
                    accounts, first.username(), "Instructor", first.password().get());
        } catch (kadai.web.http.RefusedException e) {
            throw new StartupRefusedException("The first instructor's password is not acceptable: " + e.getMessage());
        }
        LOG.info("Created the first instructor '{}'", first.username());
    }

    /** Start a Kadai process; with a port of -1 it only runs grading workers. */
    public static KadaiServer start(ServerConfig config) {
        return start(config, TaskWorkerConfig.defaults());
    }

    /** Start a Kadai process with the given task-run workers (threads, GPU runs taken or not). */
    public static KadaiServer start(ServerConfig config, TaskWorkerConfig tasks) {
        Database database = config.jdbcUrl() == null
                ? Database.openEmbedded(config.dataDir())
                : Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
        try {
            return new KadaiServer(config, tasks, database);
        } catch (StartupRefusedException e) {
            database.close();
            throw e;
        }
    }

    /** Return the port the web server listens on. */
    public int port() {
        return app.port();
    }

    public Database database() {
        return database;
    }

    public AccountService accounts() {
        return accounts;
    }

    public TaskRunDao taskRuns() {
        return taskRuns;
    }

    /** Tell whether this process's task workers take GPU runs. */
    public boolean takesGpuTaskRuns() {
        return taskQueue.takesGpu();
    }

    /** Stop the web server and the workers; a job still running is taken over by another process. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (feed != null) {
            feed.close();
        }
        if (taskController != null) {
            taskController.close();
        }
        taskQueue.close();
        jobs.close();
        database.close();
    }
}
