package org.ntrklab.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium driven through its chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver}, never a driver downloaded at test time. Skipped where they are not installed,
 * unless NTRK_REQUIRE_BROWSER=true (as in CI, which installs them).
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(60);

    public final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** Fails where the browser is required and missing; otherwise skips the calling test without it. */
    public static void assumeInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("NTRK_REQUIRE_BROWSER"))) {
            throw new AssertionError("a browser is required (NTRK_REQUIRE_BROWSER=true) but not installed; "
                    + "on Debian: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed; the browser tests are skipped");
    }

    public static Browser open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--disable-gpu", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public void go(String url) {
        driver.get(url);
    }

    /** Signs in at the identity provider's login form, where the desk sent the browser. */
    public void signIn(String user, String password) {
        WebElement name = until(d -> d.findElements(By.name("username")).stream().findFirst().orElse(null));
        name.sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    public <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            // What the browser showed instead, so that a failure says where the flow went.
            String page = driver.getPageSource();
            throw new AssertionError("timed out at " + driver.getCurrentUrl() + " showing: "
                    + (page.length() > 3000 ? page.substring(0, 3000) : page), e);
        }
    }

    public WebElement find(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    public boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /**
     * The text of the first element matching, read again if the page replaced the element meanwhile (parts of a
     * page that refresh themselves swap their elements every few seconds).
     */
    public String text(String css) {
        return until(d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0).getText();
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        });
    }

    /** Clicks the first element matching, found again if the page replaced it just before the click. */
    public void click(String css) {
        until(d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                if (found.isEmpty()) {
                    return null;
                }
                found.get(0).click();
                return true;
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        });
    }

    /**
     * A request made by the page itself, with the person's session cookie and the page's CSRF token: as a
     * person could forge it with the browser's developer tools.
     *
     * @return status, content type and the body as base64
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fetch(String method, String path, String formBody) {
        String script = """
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name=_csrf]');
                const header = document.querySelector('meta[name=_csrf_header]');
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                if (token && header) { headers[header.content] = token.content; }
                fetch(arguments[1], {method: arguments[0], headers: headers, redirect: 'manual',
                        body: arguments[0] === 'GET' ? undefined : arguments[2]})
                    .then(r => r.arrayBuffer().then(b => {
                        let s = ''; const bytes = new Uint8Array(b);
                        for (let i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
                        done({status: r.status, type: r.headers.get('content-type') || '', body: btoa(s)});
                    }))
                    .catch(e => done({status: -1, type: '', body: btoa(String(e))}));
                """;
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(script, method, path,
                formBody == null ? "" : formBody);
    }

    public static byte[] body(Map<String, Object> response) {
        return Base64.getDecoder().decode((String) response.get("body"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
