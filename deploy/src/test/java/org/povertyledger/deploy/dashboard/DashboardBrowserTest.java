package org.povertyledger.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.deploy.demo.DemoDistrictLoader;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard as an officer and an auditor use it: the real page in headless Chromium (Debian's chromium and
 * chromedriver) against the real service on the embedded store with a small demo district. Signs in, reads the
 * district's rates, moves the as-of date back and sees a figure change, opens a household's timeline, runs a dry-run
 * import and reads its report, switches to Vietnamese and verifies the ledger. Screenshots go to
 * {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int HOUSEHOLDS = 300;

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static String base;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver are needed (the build installs them when it may: "
                        + "deploy/src/test/browser/ensure-chromium.sh)")
                .isTrue();
        app = new SpringApplicationBuilder(PovertyLedgerApplication.class).run("--server.port=0",
                "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                "--povertyledger.demo.enabled=true", "--povertyledger.demo.households=" + HOUSEHOLDS);
        assertThat(app.getBean(DemoDistrictLoader.class).await(Duration.ofMinutes(10)))
                .isEqualTo(DemoDistrictLoader.Status.LOADED);
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anOfficerAndAnAuditorWorkThroughTheDashboard() throws IOException {
        browser.get(base + "/");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        // keyboard first: the first Tab stop is the skip link, and the sign-in form is walked in reading order
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on arrival").isEqualTo("username");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("skip");
        user.click();
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("login-submit");
        screenshot("01-sign-in");

        user.sendKeys("nobody");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not accepted"));

        user.clear();
        user.sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "admin"));

        // the district's figures, once the projections have caught up with the demo district
        By rate2024 = cell("653", "POVERTY_RATE", 2024);
        String before = awaitFigure(rate2024);
        String rate2022 = text(cell("653", "POVERTY_RATE", 2022));
        assertThat(before).as("the 2024 poverty rate of district 653").matches("[0-9]+([.,][0-9]+)?");
        String shownAt = browser.findElement(By.id("position")).getAttribute("data-position");
        assertThat(Long.parseLong(shownAt)).as("the page names the log position it shows").isPositive();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#targets tbody tr")));
        assertThat(browser.findElements(By.cssSelector("#targets tbody tr td[class^=status-]")))
                .as("targets of the district with their progress").isNotEmpty();
        screenshot("02-overview");

        // as of mid-2023 the 2024 review has not happened yet: the figure disappears, 2022 stays
        setValue(By.id("asOf"), "2023-06-30");
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("position"), "2023-06-30"));
        wait.until(d -> text(rate2024).equals("–"));
        assertThat(text(cell("653", "POVERTY_RATE", 2022))).isEqualTo(rate2022);
        screenshot("03-overview-as-of-2023-06-30");

        // as known at an early position (before the catalogue and the reviews were recorded): no figure either
        browser.findElement(By.id("reset")).click();
        wait.until(d -> text(rate2024).equals(before));
        setValue(By.id("asKnownAt"), "50");
        browser.findElement(By.id("apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("position"), "as known at 50"));
        wait.until(d -> text(rate2024).isEmpty() || text(rate2024).equals("–"));
        browser.findElement(By.id("reset")).click();
        wait.until(d -> text(rate2024).equals(before));

        // approved reviews only: the demo district's periods are not signed off, so no figure counts and the page
        // names the commune-years left out; back to the figures as recorded
        new Select(browser.findElement(By.id("basis"))).selectByValue("approved");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("left-out"), "Left out"));
        wait.until(d -> text(rate2024).equals("–"));
        assertThat(text(By.id("left-out"))).contains("2024 (open)");
        new Select(browser.findElement(By.id("basis"))).selectByValue("recorded");
        wait.until(d -> text(rate2024).equals(before));

        // households that escaped poverty in the 2024 review, through the search form
        browser.findElement(By.cssSelector("nav a[data-page=households]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("hh-transition")));
        new Select(browser.findElement(By.id("hh-transition"))).selectByValue("ESCAPED_POVERTY");
        new Select(browser.findElement(By.id("hh-transition-year"))).selectByValue("2024");
        browser.findElement(By.id("hh-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hh-count")));
        List<WebElement> escaped = browser.findElements(By.cssSelector("#hh-results tbody tr"));
        assertThat(escaped).as("the demo district has households that escaped poverty in 2024").isNotEmpty();
        assertThat(browser.getCurrentUrl()).contains("transition=ESCAPED_POVERTY").contains("transitionYear=2024");
        assertThat(new Select(browser.findElement(By.id("hh-transition"))).getFirstSelectedOption().getText())
                .isEqualTo("Escaped poverty");

        // a household's timeline: find it by id through the search form
        String householdId = firstHousehold();
        browser.findElement(By.cssSelector("nav a[data-page=households]")).click();
        WebElement idField = wait.until(ExpectedConditions.elementToBeClickable(By.id("hh-id")));
        idField.sendKeys(householdId);
        browser.findElement(By.id("hh-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li")));
        List<WebElement> entries = browser.findElements(By.cssSelector("#timeline li"));
        assertThat(entries.get(0).getAttribute("data-event-type")).isEqualTo("HouseholdRegisteredEvent");
        assertThat(entries).extracting(e -> e.getAttribute("data-event-type")).contains("AssessmentRecordedEvent");
        assertThat(entries.get(0).getText()).contains("demo-district").contains("Registered");
        screenshot("04-household-timeline");

        // a dry-run import: two good rows and one with a bad cell, which the report highlights
        long head = app.getBean(MongoLedgerStorageEngine.class).head().position();
        Path csv = Files.createTempFile(dataDir, "review-", ".csv");
        Files.writeString(csv, String.join("\n",
                "household_id,commune_code,village,area,head_name,ethnicity,ethnic_minority,members,review_kind,"
                        + "survey_date,income_per_capita_monthly,livelihood,deprivations,decision_ref,effective_date",
                "UI-1,24612,Buon Krang,RURAL,Y Thi A,M'nong,yes,5,PERIODIC,2025-10-15,1200000,"
                        + "FARMING_FORESTRY_FISHERY_SALT,HEALTH_INSURANCE;HOUSING_QUALITY;DOMESTIC_WATER,QD-1/2025,2025-12-14",
                "UI-2,24612,Buon Krang,RURAL,Y Thi B,M'nong,yes,many,PERIODIC,2025-10-15,1200000,"
                        + "FARMING_FORESTRY_FISHERY_SALT,,QD-1/2025,2025-12-14",
                "UI-3,24612,Buon Krang,RURAL,Y Thi C,M'nong,yes,4,PERIODIC,2025-10-15,3000000,OTHER,,QD-1/2025,2025-12-14",
                ""), StandardCharsets.UTF_8);
        browser.findElement(By.cssSelector("nav a[data-page=import]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-file"))).sendKeys(csv.toString());
        WebElement year = browser.findElement(By.id("import-year"));
        year.clear();
        year.sendKeys("2025");
        assertThat(browser.findElement(By.id("import-dry")).isSelected()).as("dry run is the default").isTrue();
        browser.findElement(By.id("import-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary")));
        assertThat(text(By.cssSelector("#import-summary dd[data-count='" + label("rejected") + "']"))).isEqualTo("1");
        WebElement bad = browser.findElement(By.cssSelector("#import-report td.bad"));
        assertThat(bad.getText()).contains("H3");
        assertThat(browser.findElement(By.cssSelector("#import-report tr[data-row='3']")).getText()).contains("UI-2");
        assertThat(app.getBean(MongoLedgerStorageEngine.class).head().position())
                .as("a dry run writes nothing").isEqualTo(head);
        screenshot("05-import-dry-run-report");

        // the auditor's page: the hash chain walked over the whole ledger
        browser.findElement(By.cssSelector("nav a[data-page=audit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-status"), "intact"));
        wait.until(d -> !text(By.id("checkpoints")).equals(label("loading"))
                && !text(By.id("replays")).equals(label("loading")));
        assertThat(text(By.id("checkpoints"))).as("the ledger's signed checkpoints are listed")
                .isNotEqualTo(label("notAvailable"));
        assertThat(text(By.id("replays"))).as("decision replays are listed").isNotEqualTo(label("notAvailable"));
        screenshot("06-audit");

        // Vietnamese labels, and the same page on a phone-sized screen
        new Select(browser.findElement(By.id("lang"))).selectByValue("vi");
        browser.findElement(By.cssSelector("nav a[data-page=overview]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("nav a[data-page=overview]"), "Tổng quan"));
        wait.until(d -> !text(rate2024).isEmpty() && !text(rate2024).equals("–"));
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("07-overview-vi-phone");
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling of the page on a phone").isLessThanOrEqualTo(0);
    }

    private static By cell(String unit, String measure, int year) {
        return By.cssSelector("tr[data-unit='" + unit + "'] td[data-measure='" + measure + "'][data-year='" + year + "']");
    }

    private static String awaitFigure(By cell) {
        WebDriverWait slow = new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofSeconds(2));
        return slow.until(d -> {
            if (d.findElements(cell).isEmpty() || text(cell).equals("–")) {
                d.findElement(By.id("apply")).click(); // the projections are still catching up: read again
                return null;
            }
            return text(cell);
        });
    }

    /** The text of the first element found, read again when the page re-renders it meanwhile. */
    private static String text(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(by);
                return found.isEmpty() ? "" : found.get(0).getText().trim();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String label(String key) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return import('/app/i18n.js').then(m => m.t(arguments[0]));", key);
    }

    private static void setValue(By by, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(by), value);
    }

    private static String firstHousehold() {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/households?page=0&size=1', {headers: {Authorization: sessionStorage.getItem('povertyledger.auth')}})"
                        + ".then(r => r.json()).then(p => done(p.items[0].householdId));");
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
