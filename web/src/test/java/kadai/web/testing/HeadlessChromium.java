package kadai.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Start Debian's chromium headless for the browser journeys, and save their screenshots.
 *
 * <p>Outside CI a machine without chromium skips the journeys; in CI ({@code CI} set) their
 * absence fails, since {@code .ci/run} installs them. The flags keep chromium off the network
 * (this machine's closed network refuses its background connections).
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Dimension WINDOW = new Dimension(1280, 900);

    private HeadlessChromium() {}

    /** Skip (outside CI) or fail (in CI) when chromium and chromium-driver are not installed. */
    public static void requireInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(
                    present,
                    "chromium and chromium-driver are not installed"
                            + " (apt-get install -y chromium chromium-driver); .ci/run installs them");
        }
        assertThat(present)
                .as("CI must have chromium and chromium-driver (.ci/run installs them)")
                .isTrue();
    }

    /** Start a browser with a fresh profile; downloads land in {@code downloads} when it is not null. */
    public static WebDriver start(Path downloads) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight(),
                "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("kadai-chromium"));
        if (downloads != null) {
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("download.default_directory", downloads.toString());
            prefs.put("download.prompt_for_download", false);
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return browser;
    }

    /** Return where screenshots go: {@code -Dkadai.screenshots=DIR}, else {@code target/screenshots}. */
    public static Path screenshotDirectory() throws IOException {
        Path dir = Path.of(System.getProperty("kadai.screenshots", "target/screenshots"));
        return Files.createDirectories(dir);
    }

    /** Save what the window shows as {@code name.png}. */
    public static void shot(WebDriver browser, String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshotDirectory().resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Save the whole page height at {@code width} (headless chromium captures the window only). */
    public static void fullShot(WebDriver browser, String name, int width) throws IOException {
        long height =
                (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(4000, height + 140)));
        shot(browser, name);
        browser.manage().window().setSize(WINDOW);
    }
}
