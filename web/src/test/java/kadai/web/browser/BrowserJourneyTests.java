package kadai.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kadai.web.testing.Fixtures;
import kadai.web.testing.HeadlessChromium;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The two journeys in a real browser (Debian chromium, headless), grading with the real engine:
 * a student fails, reads the counterexample, fixes the code and gets full marks; the instructor
 * finds the score in the gradebook and exports it as CSV. Screenshots go to
 * {@code target/screenshots} (or the directory in {@code -Dkadai.screenshots=...}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyTests {

    static TestServer server;
    static WebDriver browser;
    static Path downloads;

    @BeforeAll
    static void start() throws IOException {
        HeadlessChromium.requireInstalled();
        server = TestServer.startWithRealGrader();
        downloads = Files.createTempDirectory("kadai-downloads");
        browser = HeadlessChromium.start(downloads);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    static void open(String path) {
        browser.get(server.url() + path);
    }

    static void shot(String name) throws IOException {
        HeadlessChromium.shot(browser, name);
    }

    static void login(String user, String password) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/assignments"));
    }

    static void logout() {
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
    }

    /** Submit a file on the open assignment page and wait until the status page shows the result. */
    static void submitAndAwaitResult(Path file) {
        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        assertThat(browser.findElement(By.id("chosen")).getText())
                .contains(file.getFileName().toString());
        browser.findElement(By.id("submit-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches("/submissions/\\d+$"));
        // kadai.js follows the grading over SSE and reloads the page with the results.
        new WebDriverWait(browser, Duration.ofSeconds(180))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("score")));
    }

    @Test
    @Order(1)
    void aStudentFailsReadsTheCounterexampleFixesTheCodeAndGetsFullMarks() throws IOException {
        open("/login");
        shot("01-login");
        login("aiko", "kadai-student");
        assertThat(browser.findElements(By.cssSelector(".assignment-card")))
                .hasSize(new kadai.web.assignment.Catalog().entries().size());
        shot("02-assignments");

        browser.findElement(By.linkText("im2col, col2im and output sizes")).click();
        assertThat(browser.findElement(By.cssSelector(".handout")).getText()).contains("im2col");
        shot("03-assignment-and-handout");

        submitAndAwaitResult(Fixtures.submission("conv-op", "wrong", "ConvOps.java"));
        List<WebElement> failed = browser.findElements(By.cssSelector(".test.failed"));
        assertThat(failed).isNotEmpty();
        String feedback =
                failed.get(0).findElement(By.cssSelector("pre.feedback")).getText();
        assertThat(feedback).as("the counterexample is shown").isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#phases li.done"))).hasSize(5);
        shot("04-wrong-submission-feedback");

        open("/assignments/conv-op");
        submitAndAwaitResult(Fixtures.submission("conv-op", "right", "ConvOps.java"));
        assertThat(browser.findElements(By.cssSelector(".test.failed"))).isEmpty();
        String score = browser.findElement(By.id("score")).getText();
        String[] parts = score.split("/");
        assertThat(parts[0].trim()).isEqualTo(parts[1].trim());
        shot("05-full-marks");

        open("/assignments/conv-op?lang=ja");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("im2col");
        assertThat(browser.findElement(By.id("submit-heading")).getText()).isEqualTo("提出");
        shot("06-assignment-japanese");
        open("/assignments?lang=en");

        browser.manage().window().setSize(new Dimension(390, 844));
        open("/assignments/conv-op");
        shot("07-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
        logout();
    }

    @Test
    @Order(2)
    void theInstructorSeesTheScoreInTheGradebookAndExportsCsv() throws Exception {
        // A second student's wrong submission, so the statistics have a failure to show.
        kadai.web.testing.Client kenji = server.client().loggedIn("kenji", "kadai-student");
        String location = kenji.upload(
                        "/assignments/conv-op/submissions",
                        List.of(new kadai.web.testing.Client.Part(
                                "ConvOps.java",
                                Files.readAllBytes(Fixtures.submission("conv-op", "wrong", "ConvOps.java")))),
                        Map.of("_csrf", kenji.csrf()))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        kenji.awaitGraded(Long.parseLong(location.replace("/submissions/", "")), Duration.ofSeconds(120));

        login("sensei", "kadai-instructor");
        open("/staff/gradebook");
        WebElement row = browser.findElement(By.xpath("//table[@id='gradebook']//tr[th[contains(., 'Aiko Tanaka')]]"));
        String cells = row.getText();
        assertThat(cells).containsPattern("\\d+");
        shot("08-gradebook");

        browser.findElement(By.id("export-csv")).click();
        Path csv = downloads.resolve("kadai-gradebook.csv");
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(csv) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(csv).exists();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0))
                .isEqualTo("username,name,"
                        + new kadai.web.assignment.Catalog()
                                .entries().stream()
                                        .map(kadai.web.assignment.Catalog.Entry::id)
                                        .collect(java.util.stream.Collectors.joining(","))
                        + ",total");
        String aiko =
                lines.stream().filter(l -> l.startsWith("aiko,")).findFirst().orElseThrow();
        String best = aiko.split(",")[2];
        assertThat(Double.parseDouble(best)).isPositive();

        open("/staff/assignments/conv-op");
        assertThat(browser.findElement(By.id("failure-chart")).isDisplayed()).isTrue();
        shot("09-statistics-and-settings");

        String submissionLink = browser.findElement(By.cssSelector("section table a[href^='/submissions/']"))
                .getAttribute("href");
        browser.get(submissionLink);
        assertThat(browser.findElement(By.cssSelector(".inspector")).getText()).contains("in-process");
        shot("10-submission-inspector");

        // Course settings: the cnn training task earns 5 points at test accuracy 0.88 (none at 0.80).
        open("/staff/settings");
        assertThat(browser.findElement(By.id("time-zone")).getText()).isEqualTo("Asia/Tokyo");
        assertThat(browser.findElement(By.id("deadline-conv-op")).getAttribute("value"))
                .endsWith("T23:59");
        browser.findElement(By.id("points-cnn")).clear();
        browser.findElement(By.id("points-cnn")).sendKeys("5");
        browser.findElement(By.id("full-cnn")).sendKeys("0.88");
        browser.findElement(By.id("zero-cnn")).sendKeys("0.80");
        browser.findElement(By.id("save-task-cnn")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("task-rule-cnn")));
        assertThat(browser.findElement(By.id("task-rule-cnn")).getText())
                .isEqualTo("5 points: all at accuracy ≥ 0.88, none at accuracy ≤ 0.8, linear in between.");
        HeadlessChromium.fullShot(browser, "18-course-settings", 1280);
    }

    @Test
    @Order(3)
    void theInstructorRegradesEverythingAndPublishesAfterThePreview() throws IOException {
        open("/staff/assignments/conv-op");
        browser.findElement(By.cssSelector("form[action$='/regrade'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlMatches("/staff/regrades/\\d+$"));
        new WebDriverWait(browser, Duration.ofSeconds(180))
                .pollingEvery(Duration.ofSeconds(1))
                .until(b -> {
                    b.navigate().refresh();
                    return !b.findElements(By.id("publish")).isEmpty();
                });
        assertThat(browser.findElement(By.id("regrade-summary")).getText()).contains("3 submissions, 0 still running");
        shot("11-regrade-preview");
        browser.findElement(By.id("publish")).click();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("published");
    }

    @Test
    @Order(4)
    void aWrongResultBoxesExactlyTheCellsThatDiffer() throws IOException {
        browser.manage().deleteAllCookies();
        login("mei", "kadai-student");
        open("/assignments/conv-op");
        submitAndAwaitResult(Fixtures.catalogue("conv-op", "mutant-col2im-overwrites", "ConvOps.java"));
        List<WebElement> diffs = browser.findElements(By.cssSelector(".tensor-diff"));
        assertThat(diffs).as("col2im that overwrites gets some cells wrong").isNotEmpty();
        WebElement first = diffs.get(0);
        List<WebElement> expected = first.findElements(By.cssSelector("table.tensor-expected td"));
        List<WebElement> actual = first.findElements(By.cssSelector("table.tensor-actual td"));
        assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
        int marked = 0;
        for (int i = 0; i < actual.size(); i++) {
            // the number, then (for a marked cell) its visually hidden "(differs)"
            double e = Double.parseDouble(expected.get(i).getText().trim().split("\\s+")[0]);
            double a = Double.parseDouble(actual.get(i).getText().trim().split("\\s+")[0]);
            boolean differs = Math.abs(a - e) > 1e-9 + 1e-7 * Math.abs(e); // Tolerance.FLOAT64
            assertThat(actual.get(i).getAttribute("class"))
                    .as("cell %d: expected %s, actual %s", i, e, a)
                    .isEqualTo(differs ? "differs" : "");
            marked += differs ? 1 : 0;
        }
        assertThat(marked)
                .as("the random case may shrink to a single wrong cell")
                .isPositive();
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", first);
        shot("17-failing-cells");
    }
}
