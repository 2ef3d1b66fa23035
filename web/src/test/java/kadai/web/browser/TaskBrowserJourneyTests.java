package kadai.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import kadai.web.testing.FakeGrader;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Training runs in a real browser (Debian chromium, headless): the instructor launches a quick
 * cnn run of the reference, the run page follows it over SSE and shows accuracy, device, curves
 * and measurements; then a small dcgan run shows its image grids. Screenshots go to
 * {@code target/screenshots} (or {@code -Dkadai.screenshots=...}), named {@code 12-...}, {@code 13-...}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskBrowserJourneyTests {

    static TestServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        HeadlessChromium.requireInstalled();
        server = TestServer.start(new FakeGrader(), TestServer.fastTasks());
        browser = HeadlessChromium.start(null);
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

    static void fullShot(String name, int width) throws IOException {
        HeadlessChromium.fullShot(browser, name, width);
    }

    @Test
    @Order(1)
    void theInstructorLaunchesAQuickCnnRunAndReadsAccuracyDeviceAndCurves() throws IOException {
        open("/login");
        browser.findElement(By.id("username")).sendKeys("sensei");
        browser.findElement(By.id("password")).sendKeys("kadai-instructor");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/assignments"));

        browser.findElement(By.linkText("Training")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/tasks"));
        browser.findElement(By.id("task-cnn")).click();
        browser.findElement(By.id("preset-quick")).click();
        browser.findElement(By.id("launch-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/tasks/runs/\\d+$"));
        // kadai.js follows the run over SSE and reloads the page with the results when it ends.
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        String accuracy = browser.findElement(By.id("accuracy")).getText();
        assertThat(Double.parseDouble(accuracy.replace("%", "").trim())).isGreaterThan(50);
        assertThat(browser.findElement(By.id("device")).getText()).isEqualTo("cpu");
        assertThat(browser.findElements(By.cssSelector("svg.line-chart polyline")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("metrics")).getText())
                .contains("train_images")
                .contains("2,000")
                .contains("Training images used.");
        assertThat(browser.findElement(By.id("curve-train_loss"))
                        .findElement(By.xpath(".."))
                        .getText())
                .contains("Cross-entropy loss of each training batch");
        assertThat(browser.findElements(By.id("cancel-form"))).isEmpty();
        fullShot("12-training-run-cnn", 1280);
        browser.manage().window().setSize(new Dimension(390, 844));
        fullShot("14-training-run-phone", 390);
    }

    @Test
    @Order(2)
    void aSmallDcganRunShowsItsImageGrids() throws IOException {
        open("/tasks");
        browser.findElement(By.id("task-dcgan")).click();
        browser.findElement(By.id("preset-custom")).click();
        browser.findElement(By.id("trainSize")).sendKeys("256");
        browser.findElement(By.id("testSize")).sendKeys("200");
        browser.findElement(By.id("epochs")).sendKeys("1");
        browser.findElement(By.id("launch-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/tasks/runs/\\d+$"));
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        var images = browser.findElements(By.cssSelector(".image-grid img"));
        assertThat(images).isNotEmpty();
        // The images load after the page; on a busy machine that takes a while, so wait for it.
        Boolean loaded = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript("return Array.prototype.every.call(document.querySelectorAll('.image-grid img'),"
                                + " function (i) { return i.complete && i.naturalWidth > 0; }) || null;"));
        assertThat(loaded).as("every image of the grids loaded").isTrue();
        fullShot("13-training-run-dcgan", 1280);
        open("/tasks");
        assertThat(browser.findElement(By.id("runs")).getText()).contains("cnn").contains("dcgan");
    }

    @Test
    @Order(3)
    void theRunPageFollowsTrainingLiveAndTheCancelButtonStopsIt() throws IOException {
        open("/tasks");
        browser.findElement(By.id("task-cnn")).click();
        browser.findElement(By.id("preset-custom")).click();
        browser.findElement(By.id("trainSize")).sendKeys("40000");
        browser.findElement(By.id("testSize")).sendKeys("500");
        browser.findElement(By.id("epochs")).sendKeys("1");
        browser.findElement(By.id("launch-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/tasks/runs/\\d+$"));
        // The step count is filled in by the SSE feed, without reloading the page.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            String step = d.findElement(By.id("p-step")).getText();
            return step.matches("[1-9]\\d* / \\d+");
        });
        assertThat(browser.findElement(By.id("p-loss")).getText()).matches("\\d+\\.\\d{4}");
        assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("Training");
        shot("15-training-run-live");
        browser.findElement(By.id("cancel-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBe(By.id("run-status"), "Cancelled"));
        assertThat(browser.findElements(By.id("results"))).isEmpty();
        open("/tasks");
        assertThat(browser.findElement(By.id("runs")).getText())
                .contains("Cancelled")
                .contains("Finished");
        fullShot("16-training-runs", 1280);
    }
}
