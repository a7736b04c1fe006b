package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The web console (operations.md §8) in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs; skipped where they are not installed): sign in, the seeded
 * fleet, associating a device, its audit record, a read-only user refused, a phone-sized screen. Elements are found
 * by the accessible names the spec gives. Screenshots of the main views go to {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    @TempDir
    static Path profile;

    private static TestServer server;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static AccessKey viewer;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: Chromium is not installed (.ci/run installs it: apt-get install chromium chromium-driver)");
        server = TestServer.start();
        try (IotClient iot = server.iot(); GreengrassV2Client greengrass = server.greengrass();
             IamClient iam = server.iam()) {
            for (String thing : List.of("sensor-1", "sensor-2", "sensor-3", "core-1")) {
                iot.createThing(r -> r.thingName(thing).attributePayload(a -> a.attributes(Map.of("site", "plant-7"))));
            }
            var keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachThingPrincipal(r -> r.thingName("sensor-1").principal(keys.certificateArn()));
            greengrass.updateConnectivityInfo(r -> r.thingName("core-1").connectivityInfo(c -> c.id("lan")
                    .hostAddress("192.0.2.10").portNumber(8883).metadata("")));
            greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core-1")
                    .entries(e -> e.thingName("sensor-1")));
            iam.createUser(r -> r.userName("viewer"));
            iam.putUserPolicy(r -> r.userName("viewer").policyName("read-only").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Describe*\","
                            + "\"iot:List*\",\"greengrass:Get*\",\"greengrass:List*\",\"corelink:DiagnoseDiscovery\","
                            + "\"corelink:LookupAuditEvents\",\"corelink:GetCertificateAuthorities\"],"
                            + "\"Resource\":\"*\"}]}"));
            viewer = iam.createAccessKey(r -> r.userName("viewer")).accessKey();
            // core-2 has more client devices than one page shows.
            List<String> bulk = new java.util.ArrayList<>();
            for (int i = 0; i <= 100; i++) {
                String thing = String.format("bulk-%03d", i);
                iot.createThing(r -> r.thingName(thing));
                bulk.add(thing);
            }
            iot.createThing(r -> r.thingName("core-2"));
            for (List<String> batch : List.of(bulk.subList(0, 100), bulk.subList(100, 101))) {
                greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core-2")
                        .entries(batch.stream().map(t -> software.amazon.awssdk.services.greengrassv2.model
                                .AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(t).build()).toList()));
            }
            iot.createPolicy(r -> r.policyName("discover-self").policyDocument(
                    io.corelink.testing.DevicePolicies.CLIENT_DEVICE));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.resolve("chromium"), "--window-size=1280,800");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // views are redrawn after each call
        Files.createDirectories(SCREENSHOTS);
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

    @Test
    void anOperatorSignsIn_seesTheFleet_associatesADevice_andFindsItsAuditRecord() throws Exception {
        signIn(TestServer.ACCESS_KEY_ID, TestServer.SECRET);
        WebElement things = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dd[data-count='things']")));
        assertThat(things.getText()).isEqualTo("106");
        assertThat(browser.findElement(By.cssSelector("dd[data-count='core-devices']")).getText())
                .isEqualTo("2 (2 UNHEALTHY)");
        assertThat(browser.findElement(By.cssSelector("dd[data-count='associations']")).getText()).isEqualTo("102");
        assertThat(browser.findElement(By.cssSelector("dd[data-count='certificates']")).getText())
                .isEqualTo("1 (1 ACTIVE)");
        screenshot("fleet");

        link("Core devices").click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("core-1"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), "192.0.2.10"));
        assertThat(rowsOf("Client devices")).contains("sensor-1");
        assertThat(browser.findElement(By.xpath("//h2[normalize-space()='CA certificates']/following::p[1]"))
                .getText()).startsWith("None: the core has not called PutCertificateAuthorities");
        button("Associate client device").click();
        field("Thing name").sendKeys("sensor-2");
        button("Associate").click();
        wait.until(d -> rowsOf("Client devices").contains("sensor-2"));
        screenshot("core-device");
        try (GreengrassV2Client greengrass = server.greengrass()) {
            assertThat(ImportCommandTest.associated(greengrass, "core-1")).containsExactly("sensor-1", "sensor-2");
        }

        browser.findElement(By.xpath("//button[@aria-label='Disassociate sensor-2']")).click();
        wait.until(d -> !rowsOf("Client devices").contains("sensor-2"));
        try (GreengrassV2Client greengrass = server.greengrass()) {
            assertThat(ImportCommandTest.associated(greengrass, "core-1")).containsExactly("sensor-1");
        }

        button("Associate client device").click();
        field("Thing name").sendKeys("no-such-thing");
        button("Associate").click();
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(refused.getText()).startsWith("ResourceNotFoundException: no-such-thing: ");

        link("Core devices").click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("core-2"))).click();
        wait.until(d -> rowsOf("Client devices").contains("bulk-099"));
        assertThat(rowsOf("Client devices")).doesNotContain("bulk-100");
        browser.findElement(By.linkText("Next page")).click();
        wait.until(d -> rowsOf("Client devices").contains("bulk-100"));
        assertThat(rowsOf("Client devices")).doesNotContain("bulk-099");

        link("Audit log").click();
        field("Event name").sendKeys("BatchAssociateClientDeviceWithCoreDevice");
        field("Access key, certificate or ARN").sendKeys(TestServer.ACCESS_KEY_ID);
        filter();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"),
                "BatchAssociateClientDeviceWithCoreDevice"));
        assertThat(browser.findElement(By.tagName("tbody")).getText()).contains("arn:aws:iam::000000000000:root");
        screenshot("audit-log");

        field("From").sendKeys(java.time.Instant.now().plusSeconds(3600).toString());
        filter();
        wait.until(d -> browser.findElement(By.tagName("tbody")).getText().equals("None"));

        link("Things").click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("bulk-000")));
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(50);
        browser.findElement(By.linkText("Next page")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("bulk-050")));
        field("Attribute name").sendKeys("site");
        field("Attribute value").sendKeys("plant-7");
        filter();
        wait.until(d -> browser.findElements(By.cssSelector("tbody tr")).size() == 4);
        field("Thing name").sendKeys("sensor-1");
        button("Open").click();
        WebElement diagnosis = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//section[h2[normalize-space()='Discovery diagnosis']]")));
        assertThat(diagnosis.getText()).contains("sensor-1 would not discover any core device")
                .contains("core-1 has no CA certificate");
        field("Policy name").sendKeys("discover-self");
        button("Attach policy").click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[@aria-label='Detach discover-self']")));
        button("Deactivate").click();
        wait.until(d -> rowsOf("Certificates").contains("INACTIVE"));
        try (IotClient iot = server.iot()) {
            String arn = iot.listThingPrincipals(r -> r.thingName("sensor-1")).principals().get(0);
            assertThat(iot.listAttachedPolicies(r -> r.target(arn)).policies()).extracting(p -> p.policyName())
                    .containsExactly("discover-self");
            assertThat(iot.describeCertificate(r -> r.certificateId(arn.substring(arn.lastIndexOf('/') + 1)))
                    .certificateDescription().statusAsString()).isEqualTo("INACTIVE");
        }
        screenshot("thing");
        assertThat(worstContrast()).as("WCAG contrast of every text on the thing's page").isGreaterThanOrEqualTo(4.5);
        browser.findElement(By.xpath("//button[@aria-label='Detach discover-self']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//button[@aria-label='Detach discover-self']")));
        button("Activate").click();
        wait.until(d -> !rowsOf("Certificates").contains("INACTIVE"));
        try (IotClient iot = server.iot()) {
            String arn = iot.listThingPrincipals(r -> r.thingName("sensor-1")).principals().get(0);
            assertThat(iot.listAttachedPolicies(r -> r.target(arn)).policies()).isEmpty();
            assertThat(iot.describeCertificate(r -> r.certificateId(arn.substring(arn.lastIndexOf('/') + 1)))
                    .certificateDescription().statusAsString()).isEqualTo("ACTIVE");
        }
        button("Sign out").click();
    }

    @Test
    void aReadOnlyUser_seesTheFleet_butIsRefusedAnAssociationInWords() throws Exception {
        // By keyboard alone: the page puts the focus on the first field; Tab to the next, Enter to sign in.
        browser.get(server.endpoint() + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[normalize-space()='Sign in']")));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(viewer.accessKeyId())
                .sendKeys(org.openqa.selenium.Keys.TAB).sendKeys(viewer.secretAccessKey())
                .sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dd[data-count='things']")));
        link("Core devices").click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("core-1"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(button("Associate client device"))).click();
        field("Thing name").sendKeys("sensor-3");
        button("Associate").click();
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(refused.getText()).isEqualTo("You may not do this: User: arn:aws:iam::000000000000:user/viewer is "
                + "not authorized to perform: greengrass:BatchAssociateClientDeviceWithCoreDevice on resource: "
                + "arn:aws:greengrass:us-east-1:000000000000:coreDevices:core-1 because no identity-based policy "
                + "allows the greengrass:BatchAssociateClientDeviceWithCoreDevice action");
        try (GreengrassV2Client greengrass = server.greengrass()) {
            assertThat(ImportCommandTest.associated(greengrass, "core-1")).doesNotContain("sensor-3");
        }
        Object secretKept = ((JavascriptExecutor) browser).executeScript(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + location.href");
        assertThat(String.valueOf(secretKept)).doesNotContain(viewer.secretAccessKey());

        browser.manage().window().setSize(new Dimension(390, 844));
        link("Fleet").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dd[data-count='things']")));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
        screenshot("fleet-phone");
        assertThat(worstContrast()).isGreaterThanOrEqualTo(4.5);
        browser.manage().window().setSize(new Dimension(1280, 800));
        button("Sign out").click();
    }

    /** The lowest WCAG 2 contrast ratio between a visible text and the background behind it, on this page. */
    private static double worstContrast() {
        Object worst = ((JavascriptExecutor) browser).executeScript(String.join("\n",
                "const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {",
                "  v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });",
                "  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };",
                "const back = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;",
                "  if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) return c; }",
                "  return 'rgb(255, 255, 255)'; };",
                "const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);",
                "  return (x + 0.05) / (y + 0.05); };",
                "return Math.min(...[...document.querySelectorAll('h1,h2,p,li,th,td,a,button,label,dt,dd,summary')]",
                "  .filter((e) => e.offsetParent !== null && e.textContent.trim())",
                "  .map((e) => ratio(getComputedStyle(e).color, back(e))));"));
        return ((Number) worst).doubleValue();
    }

    /** Clicks Filter and waits for the list to be drawn again (the old one to leave the page). */
    private static void filter() {
        WebElement before = browser.findElement(By.tagName("tbody"));
        button("Filter").click();
        wait.until(ExpectedConditions.stalenessOf(before));
    }

    private static void signIn(String accessKeyId, String secret) {
        browser.get(server.endpoint() + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[normalize-space()='Sign in']")));
        field("Access key ID").sendKeys(accessKeyId);
        field("Secret access key").sendKeys(secret);
        button("Sign in").click();
    }

    /** The input a label names (the label holds its text and the input). */
    private static WebElement field(String label) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//label[normalize-space(text())='" + label + "']//input")));
    }

    private static WebElement button(String name) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[normalize-space()='" + name + "']")));
    }

    private static WebElement link(String name) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//nav//a[normalize-space()='" + name + "']")));
    }

    /** The text of the table after the heading {@code heading}. */
    private static String rowsOf(String heading) {
        return browser.findElement(By.xpath("//h2[normalize-space()='" + heading + "']/following::table[1]"))
                .getText();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
