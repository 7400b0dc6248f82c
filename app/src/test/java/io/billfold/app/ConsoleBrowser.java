package io.billfold.app;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One headless Chromium (Debian's chromium and chromium-driver, see test.sh) for every browser test of the run: it is
 * started by the first test that needs it and quit when the JVM ends. Chromium runs with a fresh profile and without
 * its own network traffic (the machine has no internet). Waits are on DOM conditions with deadlines, never sleeps.
 */
final class ConsoleBrowser {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final int WIDE = 1440;
    static final int PHONE = 390;
    private static ConsoleBrowser shared;

    final ChromeDriver driver;
    final Path downloads;
    private final Path screenshots;

    private ConsoleBrowser() throws IOException {
        Path profile = Files.createTempDirectory("billfold-chromium-");
        downloads = Files.createTempDirectory("billfold-downloads-");
        screenshots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDE + ",1000",
                "--force-device-scale-factor=1", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(DEADLINE);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        // Runs before the page's own scripts and outside its Content-Security-Policy: records every violation.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.cspViolations = [];
                document.addEventListener('securitypolicyviolation',
                    (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
                """));
    }

    static synchronized ConsoleBrowser get() {
        if (shared == null) {
            try {
                shared = new ConsoleBrowser();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared.driver::quit, "chromium-quit"));
        }
        return shared;
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(DEADLINE, condition);
    }

    /**
     * Polls until the condition answers. An element a re-render replaced after it was found (the import page redraws
     * its progress every poll) only means the condition is asked again.
     */
    <T> T waitFor(Duration deadline, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, deadline, Duration.ofMillis(25))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement find(String css) {
        return waitFor(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Waits until the current screen has rendered (its heading is focused, nothing is loading). */
    void settled() {
        waitFor(d -> Boolean.TRUE.equals(js(
                "return !!document.querySelector('main h1') && !document.querySelector('main .loading');")));
    }

    /** The element whose visible text is exactly {@code text} among those matching {@code css}. */
    WebElement byText(String css, String text) {
        return waitFor(d -> shownWithText(css, text));
    }

    /**
     * Clicks the element whose visible text is {@code text}, finding it again if a re-render replaced it between
     * finding and clicking (a table that a refresh is still redrawing).
     */
    void click(String css, String text) {
        waitFor(d -> {
            WebElement element = shownWithText(css, text);
            if (element == null) {
                return null;
            }
            element.click();
            return true;
        });
    }

    private WebElement shownWithText(String css, String text) {
        return driver.findElements(By.cssSelector(css)).stream()
                .filter(element -> element.isDisplayed() && element.getText().strip().equals(text))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    List<String> cspViolations() {
        return (List<String>) js("return window.cspViolations || [];");
    }

    /**
     * Takes the screen at 1440 px and at 390 px wide, each whole (as tall as its content), into the screenshots folder.
     * The width is emulated by the browser itself (as a phone's would be), so media queries apply as on a phone.
     */
    void screenshots(String name) {
        // A passing message would cover what the picture is of.
        js("document.getElementById('toast')?.classList.remove('shown');");
        for (int width : List.of(WIDE, PHONE)) {
            metrics(width, 900);
            waitFor(d -> ((Number) js("return window.innerWidth;")).intValue() == width ? true : null);
            long height = ((Number) js("return Math.min(8000, document.documentElement.scrollHeight);")).longValue();
            metrics(width, (int) Math.max(600, height));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            try {
                Files.write(screenshots.resolve(name + "-" + width + ".png"),
                        Base64.getDecoder().decode((String) shot.get("data")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        waitFor(d -> ((Number) js("return window.innerWidth;")).intValue() == WIDE ? true : null);
    }

    private void metrics(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }
}
