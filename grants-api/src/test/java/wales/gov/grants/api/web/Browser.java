package wales.gov.grants.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.users.User;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven by Selenium with the
 * driver's path given, so Selenium Manager never downloads a browser or a driver. Without Chromium the tests are
 * skipped with a message, except in CI ({@code CI=true}), where they must run and a missing browser fails.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AXE = readAxe();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final WebDriver driver;
    private final Path userDataDirectory;
    private final String base;

    private Browser(WebDriver driver, Path userDataDirectory, String base) {
        this.driver = driver;
        this.userDataDirectory = userDataDirectory;
        this.base = base;
    }

    /** Starts Chromium, or skips the test outside CI when the machine has none. */
    static Browser start(int port) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "Chromium is not installed (" + CHROMIUM + " and " + CHROMEDRIVER + "): "
                    + "apt-get install chromium chromium-driver to run the browser tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI must run the browser tests, but " + message);
            }
            Assumptions.abort(message);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path userData = Files.createTempDirectory("grants-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + userData);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new Browser(driver, userData, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    void screenshot(String name) {
        try {
            Path directory = Path.of("target", "screenshots");
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's WCAG 2.2 AA violations of the page as it is now: each rule's id, impact, help and the nodes' targets. */
    List<Map<String, Object>> accessibilityViolations() {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript(AXE);
        String tags = String.join("','", WCAG_22_AA);
        Object result = script.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['" + tags + "']}})"
                + ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                + " nodes: v.nodes.map(n => n.target.join(' '))})))))"
                + ".catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e)}])));");
        try {
            return JSON.readValue(String.valueOf(result), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Clicks what {@code target} finds and waits for the page it leads to: the old page gone and the new one loaded.
     * Chromium returns from a click as soon as the navigation starts, so without this the next look at the page can
     * find the old page, or nothing, on a busy machine.
     */
    void click(By target) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(target).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(gone -> replaced(page));
        wait.until(loaded -> "complete".equals(((JavascriptExecutor) loaded).executeScript(
                "return document.readyState")));
    }

    /**
     * Whether {@code element} has left the document. Chromium's driver says so in two ways: a stale element, or,
     * when asked in the middle of the navigation, "Node with given id does not belong to the document".
     */
    private static boolean replaced(WebElement element) {
        try {
            element.getTagName();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Signs {@code user} in from a fresh sign-in page in {@code language}, ending on their home page. */
    void signIn(User user, String language) {
        driver.manage().deleteAllCookies();
        open("/?lang=" + language);
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        click(By.cssSelector("form[action='/sign-in'] button"));
        if (!driver.getPageSource().contains("govuk-service-navigation__list")) {
            throw new AssertionError(user.username() + " did not get past the sign-in page: " + driver.getTitle());
        }
    }

    /**
     * A screenshot of the page as it is ({@code target/screenshots/NAME.png}) and axe-core's verdict on it, each
     * violation added to {@code violations} under {@code name}.
     */
    void audit(String name, List<String> violations) {
        screenshot(name);
        for (Map<String, Object> violation : accessibilityViolations()) {
            violations.add(name + ": " + violation);
        }
    }

    /** {@link #audit} of this page as {@code NAME-LANGUAGE}, noting a violation if it is not in {@code language}. */
    void auditIn(String language, String name, List<String> violations) {
        String shown = driver.findElement(By.tagName("html")).getAttribute("lang");
        if (!language.equals(shown)) {
            violations.add(name + "-" + language + ": the page is in '" + shown + "', not '" + language + "'");
        }
        audit(name + "-" + language, violations);
    }

    /** {@link #audit} of this page in English and then of the same address in Welsh, leaving it in English. */
    void auditInBothLanguages(String name, List<String> violations) {
        String address = driver.getCurrentUrl().replaceAll("[?&]lang=(en|cy)$", "");
        String joiner = address.contains("?") ? "&" : "?";
        driver.get(address + joiner + "lang=en");
        audit(name + "-en", violations);
        driver.get(address + joiner + "lang=cy");
        String language = driver.findElement(By.tagName("html")).getAttribute("lang");
        if (!"cy".equals(language)) {
            violations.add(name + "-cy: the page is in '" + language + "', not Welsh");
        }
        audit(name + "-cy", violations);
        driver.get(address + joiner + "lang=en");
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(userDataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static String readAxe() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
