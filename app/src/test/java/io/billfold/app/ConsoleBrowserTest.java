package io.billfold.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless Chromium), against the whole application: the walks of the product guide,
 * each screen's screenshots at 1440 px and 390 px, and what each role may see. Every test also checks that the page
 * broke no rule of its Content-Security-Policy.
 */
class ConsoleBrowserTest extends ApiTestSupport {

    /** Controls that write; none may be on any screen a reader sees. */
    private static final Set<String> WRITING_CONTROLS = Set.of("+ Add customer", "Upload CSV", "Edit", "Archive",
            "Unarchive", "+ Add contact", "Add wallet", "Add credit", "Deduct", "Transfer", "Remove", "Revoke",
            "Import CSV data", "Create key", "Replay", "Save changes", "Place hold", "Capture", "Release", "Erase",
            "Add endpoint", "Disable", "Enable", "Delete", "Rotate secret", "Retry");

    private final ConsoleBrowser browser = ConsoleBrowser.get();

    /** A failed walk leaves the screen it failed on, and what the page logged, in target/. */
    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.screenshots("failed-" + context.getRequiredTestMethod().getName());
        }
    };

    @AfterEach
    void noPolicyViolations() {
        assertThat(browser.cspViolations()).isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in with a key through the sign-in screen, as a person would. */
    private void signIn(String key) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(url("/console/sign-in"));
        WebElement input = browser.find("input[name=api_key]");
        input.sendKeys(key);
        browser.byText("button", "Sign in").click();
        browser.find("#sign-out");
        browser.settled();
    }

    private void open(String path) {
        browser.driver.get(url(path));
        browser.find("#sign-out");
        browser.settled();
    }

    private void type(String name, String text) {
        WebElement input = browser.find("main [name=\"" + name + "\"]");
        input.clear();
        input.sendKeys(text);
    }

    /** The text of every element matching css, read at once (a list being redrawn cannot go stale under it). */
    @SuppressWarnings("unchecked")
    private List<String> rowTexts(String css) {
        return (List<String>) browser.js("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText);",
                css);
    }

    /** The screen's heading, read at once (a screen being redrawn cannot go stale under it). */
    private String heading() {
        return String.valueOf(browser.js("return document.querySelector('main h1')?.innerText || '';"));
    }

    private String errorOf(String field) {
        return browser.find("main [data-field=\"" + field + "\"] > .error").getText();
    }

    @Test
    void addCustomerFixTheFieldTheApiNamesAddAContactOpenAWalletAndAdjustIt() {
        Client admin = newOrganization("console walk");
        signIn(admin.apiKey());
        browser.screenshots("customers-empty");

        browser.byText("a", "+ Add customer").click();
        browser.settled();
        type("customer_name", "Acme Corporation");
        type("email", "billing@acme.example");
        type("external_id", "crm-001");
        type("address.line1", "1 Market St");
        type("address.city", "San Francisco");
        type("address.country", "Atlantis");
        type("custom_data", "{\"tier\": \"gold\"}");
        assertAccessibleBasics("add customer");
        browser.screenshots("add-customer");
        browser.byText("button", "Add customer").click();

        // The API's error is shown next to the field it names, and in the summary, which takes the focus.
        browser.waitFor(d -> errorOf("address.country").isEmpty() ? null : true);
        assertThat(errorOf("address.country")).containsIgnoringCase("country");
        assertThat(browser.find("main [name=\"address.country\"]").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.js("return document.activeElement.className")).isEqualTo("error-summary");
        browser.screenshots("add-customer-errors");

        type("address.country", "US");
        browser.byText("button", "Add customer").click();
        browser.waitFor(d -> d.getCurrentUrl().matches(".*/console/customers/cus_[a-z0-9]+$") ? true : null);
        browser.settled();
        assertThat(browser.find("main h1").getText()).startsWith("Acme Corporation");
        assertThat(browser.find("dl.details").getText()).contains("billing@acme.example", "San Francisco", "gold");
        browser.screenshots("customer-details");
        String customerPage = browser.driver.getCurrentUrl();
        browser.byText("#nav-links a", "Customers").click();
        browser.find("table.customers tbody tr");
        browser.screenshots("customers");
        browser.driver.get(customerPage);
        browser.settled();

        // Editing sends what changed: a new phone number, a cleared customer ID.
        browser.byText(".page-actions button", "Edit").click();
        browser.settled();
        type("phone_number", "+1 415 555 0123");
        browser.find("main [name=external_id]").clear();
        browser.byText("button", "Save changes").click();
        browser.waitFor(d -> d.getCurrentUrl().matches(".*/console/customers/cus_[a-z0-9]+$")
                && !d.findElements(By.cssSelector("dl.details")).isEmpty() ? true : null);
        assertThat(browser.find("dl.details").getText()).contains("+14155550123").doesNotContain("crm-001");

        browser.byText(".tabs a", "Contacts").click();
        browser.byText("button", "+ Add contact").click();
        type("first_name", "Ada");
        type("last_name", "Lovelace");
        type("email", "ada@acme.example");
        browser.find("main input[name=communications][value=invoices]").click();
        browser.find("main input[name=communications][value=statements]").click();
        browser.find("main input[name=delivery][value=cc]").click();
        assertAccessibleBasics("contact form");
        browser.screenshots("contact-form");
        browser.byText("button", "Add contact").click();
        WebElement row = browser.waitFor(d -> d.findElements(By.cssSelector("table.contacts tbody tr")).stream()
                .filter(r -> r.getText().contains("ada@acme.example")).findFirst().orElse(null));
        assertThat(row.getText()).contains("Invoices", "Statements", "cc");
        browser.screenshots("customer-contacts");

        browser.byText(".tabs a", "Wallets").click();
        type("currency", "USD");
        browser.byText("button", "Add wallet").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/console/wallets/wal_") ? true : null);
        browser.settled();
        adjust("Add credit", "100.00", "prepayment");
        adjust("Add credit", "25.50", "goodwill");
        adjust("Deduct", "40.25", "manual_deduction");
        browser.waitFor(d -> d.findElements(By.cssSelector("table.transactions tbody tr")).size() == 3 ? true : null);
        assertThat(browser.find("#wallet-balance").getText()).isEqualTo("85.25 USD");
        WebElement chart = browser.find("figure.chart");
        browser.waitFor(d -> "3".equals(chart.getAttribute("data-points")) ? true : null);
        assertThat(browser.all("figure.chart canvas")).isNotEmpty();
        assertThat(chart.getText()).contains("3 transactions", "from 100.00 to 85.25 USD");
        assertAccessibleBasics("wallet");
        browser.screenshots("wallet");

        // Every field error of an adjustment at once.
        browser.byText("button", "Deduct").click();
        type("amount", "1.001");
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            metadata.append("key").append(i).append("=value\n");
        }
        type("metadata", metadata.toString());
        browser.byText("form button", "Deduct").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("main .error-summary li")).size() == 3 ? true : null);
        assertThat(errorOf("amount")).contains("at most 2 decimals");
        assertThat(errorOf("reason")).contains("must be one of");
        assertThat(errorOf("metadata")).contains("at most 20 keys");
        browser.screenshots("wallet-debit-errors");

        browser.find(".breadcrumb a:nth-of-type(2)").click();
        browser.settled();
        // Archiving is refused while the wallet holds credit: the API's reason is shown, nothing changes.
        browser.byText(".page-actions button", "Archive").click();
        browser.byText("dialog button", "Archive").click();
        assertThat(browser.find("main p.error-text").getText()).contains("still holds credit");
        assertThat(browser.all("main h1 .badge")).isEmpty();
        browser.byText(".tabs a", "History").click();
        browser.waitFor(d -> d.findElements(By.cssSelector("ol.history li")).isEmpty() ? null : true);
        browser.screenshots("customer-history");
        browser.byText(".tabs a", "Child customers").click();
        browser.find("main section p.hint");
        browser.screenshots("customer-children");
    }

    /**
     * What every screen owes keyboard and screen-reader users: landmarks, one heading to start from, a name for every
     * control (its label), for every image (the chart), and for every navigation.
     */
    private void assertAccessibleBasics(String screen) {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) browser.js("""
                const problems = [];
                if (document.querySelectorAll('main h1').length !== 1) problems.push('not one h1');
                if (!document.querySelector('main#main')) problems.push('no main landmark');
                document.querySelectorAll('nav').forEach((nav) => {
                    if (!nav.getAttribute('aria-label')) problems.push('nav without a name');
                });
                document.querySelectorAll('main input, main select, main textarea').forEach((control) => {
                    if (control.type !== 'hidden' && !control.labels?.length && !control.getAttribute('aria-label')) {
                        problems.push('no label: ' + control.name);
                    }
                });
                document.querySelectorAll('main button, main a').forEach((control) => {
                    if (!control.textContent.trim() && !control.getAttribute('aria-label')) {
                        problems.push('control without a name');
                    }
                });
                document.querySelectorAll('[role=img]').forEach((image) => {
                    if (!image.getAttribute('aria-label')) problems.push('image without a text');
                });
                return problems;""");
        assertThat(problems).as(screen).isEmpty();
    }

    private void adjust(String action, String amount, String reason) {
        int before = browser.all("table.transactions tbody tr").size();
        browser.byText(".page-actions button", action).click();
        type("amount", amount);
        new org.openqa.selenium.support.ui.Select(browser.find("main select[name=reason]")).selectByValue(reason);
        browser.byText("form button", action).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("table.transactions tbody tr")).size() == before + 1
                ? true : null);
        browser.settled();
    }

    @Test
    void aHoldIsPlacedAndPartlyCapturedAndTheWalletShowsHeldAndAvailable() {
        Client admin = newOrganization("console holds");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Ride Co"))).text("id");
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")))
                .text("id");
        admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "80.00", "reason", "prepayment")));
        Response grant = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "20.00",
                "reason", "promotional", "expires_at", Instant.now().plus(Duration.ofDays(90)).toString())));
        admin.getAfter(grant, "/v1/wallets/" + wallet);
        signIn(admin.apiKey());
        open("/console/wallets/" + wallet);
        browser.waitFor(d -> d.findElements(By.cssSelector("table.grants tbody tr")).size() == 2 ? true : null);
        assertThat(browser.find("table.grants").getText()).contains("active", "20.00", "80.00", "Never");

        browser.byText(".page-actions button", "Place hold").click();
        type("amount", "1.001");
        browser.byText("form button", "Place hold").click();
        browser.waitFor(d -> errorOf("amount").isEmpty() ? null : true);
        assertThat(errorOf("amount")).contains("at most 2 decimals");
        type("amount", "30.00");
        type("reference", "ride-42");
        type("description", "Airport ride");
        browser.byText("form button", "Place hold").click();
        browser.waitFor(d -> rowTexts("table.holds tbody tr").stream().anyMatch(r -> r.contains("ride-42"))
                ? true : null);
        browser.settled();
        assertThat(browser.find("table.holds tbody tr").getText()).contains("active", "30.00");
        assertThat(browser.find("#wallet-balance").getText()).isEqualTo("100.00 USD");
        assertThat(browser.find("#wallet-held").getText()).isEqualTo("30.00 USD");
        assertThat(browser.find("#wallet-available").getText()).isEqualTo("70.00 USD");

        browser.byText("table.holds button", "Capture").click();
        type("amount", "12.50");
        assertAccessibleBasics("wallet holds");
        browser.byText("form button", "Capture").click();
        browser.waitFor(d -> rowTexts("table.holds tbody tr").stream()
                .anyMatch(r -> r.contains("captured") && r.contains("12.50")) ? true : null);
        browser.settled();
        assertThat(browser.find("#wallet-balance").getText()).isEqualTo("87.50 USD");
        assertThat(browser.find("#wallet-held").getText()).isEqualTo("0.00 USD");
        assertThat(browser.find("#wallet-available").getText()).isEqualTo("87.50 USD");

        // The status filter shows only the holds in that state.
        new org.openqa.selenium.support.ui.Select(browser.find("form[aria-label='Filter holds'] select"))
                .selectByValue("active");
        browser.byText("form[aria-label='Filter holds'] button", "Filter").click();
        browser.find("main section p.empty");
        assertThat(browser.all("table.holds")).isEmpty();
        new org.openqa.selenium.support.ui.Select(browser.find("form[aria-label='Filter holds'] select"))
                .selectByValue("captured");
        browser.byText("form[aria-label='Filter holds'] button", "Filter").click();
        browser.find("table.holds tbody tr");
        browser.screenshots("wallet-holds");
    }

    @Test
    void anAdminErasesACustomerAfterAConfirmationThatSaysWhatIsLost() {
        Client admin = newOrganization("console erasure");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Forget Me Ltd",
                "email", "forget@example.com", "phone_number", "+33 1 23 45 67 89")));
        String customer = created.text("id");
        admin.getAfter(created, "/v1/customers/" + customer);
        Client writer = newKey(admin, "writer");
        signIn(writer.apiKey());
        open("/console/customers/" + customer);
        assertThat(browser.all(".page-actions button").stream().map(WebElement::getText).toList())
                .doesNotContain("Erase");

        signIn(admin.apiKey());
        open("/console/customers/" + customer);
        browser.byText(".page-actions button", "Erase").click();
        // Cancelling changes nothing.
        browser.byText("dialog button", "Cancel").click();
        assertThat(browser.find("main h1").getText()).startsWith("Forget Me Ltd");
        browser.byText(".page-actions button", "Erase").click();
        assertThat(browser.find("dialog").getText()).contains("deleted for good", "cannot be undone");
        browser.byText("dialog button", "Erase").click();
        browser.waitFor(d -> heading().startsWith("[erased]") ? true : null);
        browser.settled();
        assertThat(browser.find("main h1").getText()).contains("Erased");
        assertThat(browser.find("dl.details").getText()).doesNotContain("forget@example.com", "+33");
        assertThat(browser.all(".page-actions button")).isEmpty();
        assertAccessibleBasics("erased customer");
        browser.screenshots("customer-erased");
    }

    @Test
    void anAdminAddsAWebhookEndpointSeesItsFailedDeliveryAndRetriesIt() {
        Client admin = newOrganization("console webhooks");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            signIn(newKey(admin, "writer").apiKey());
            assertThat(browser.all("#nav-links a").stream().map(WebElement::getText).toList())
                    .doesNotContain("Webhooks");
            open("/console/webhooks");
            assertThat(browser.find("main h1").getText()).isEqualTo("Not available");

            signIn(admin.apiKey());
            browser.byText("#nav-links a", "Webhooks").click();
            browser.settled();
            type("url", "ftp://nowhere");
            browser.byText("form button", "Add endpoint").click();
            browser.waitFor(d -> errorOf("url").isEmpty() || errorOf("event_types").isEmpty() ? null : true);
            type("url", receiver.url());
            type("description", "CRM sync");
            browser.find("main input[name=event_types][value='customer.created']").click();
            assertAccessibleBasics("webhooks");
            browser.byText("form button", "Add endpoint").click();
            assertThat(browser.find("#new-webhook-secret").getText()).startsWith("whsec_");
            browser.find("table.webhooks tbody tr");
            assertThat(browser.find("table.webhooks").getText()).contains(receiver.url(), "enabled",
                    "customer.created", "CRM sync");
            browser.screenshots("webhooks");

            receiver.answer(500);
            admin.post("/v1/customers", json(body("customer_name", "Hooked Ltd")));
            browser.byText("table.webhooks a", receiver.url()).click();
            browser.settled();
            browser.waitFor(d -> {
                browser.click("section .page-head button", "Refresh");
                return rowTexts("table.deliveries tbody tr").stream().anyMatch(r -> r.contains("500")) ? true : null;
            });
            assertThat(rowTexts("table.deliveries tbody tr").get(0)).contains("customer.created", "pending");

            receiver.answer(204);
            browser.click("table.deliveries button", "Retry");
            browser.waitFor(d -> {
                browser.click("section .page-head button", "Refresh");
                return rowTexts("table.deliveries tbody tr").stream().anyMatch(r -> r.contains("succeeded"))
                        ? true : null;
            });
            assertAccessibleBasics("webhook endpoint");
            browser.screenshots("webhook-deliveries");

            browser.byText(".page-actions button", "Disable").click();
            browser.waitFor(d -> heading().contains("disabled") ? true : null);
            browser.byText(".page-actions button", "Enable").click();
            browser.waitFor(d -> heading().contains("enabled") ? true : null);
            browser.byText(".page-actions button", "Delete").click();
            assertThat(browser.find("dialog").getText()).contains("cannot be undone");
            browser.byText("dialog button", "Delete").click();
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/console/webhooks") ? true : null);
            browser.find("main p.empty");
            assertThat(admin.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
        }
    }

    @Test
    void theKeyboardAloneSignsInSkipsToContentAndOpensACustomer() {
        Client admin = newOrganization("console keyboard");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Keyboard Ltd")));
        admin.getAfter(created, "/v1/customers/" + created.text("id"));
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(url("/console/customers"));
        WebElement key = browser.find("input[name=api_key]");
        assertThat(browser.driver.switchTo().activeElement().getTagName()).isEqualTo("h1");
        key.sendKeys(admin.apiKey() + Keys.ENTER);
        browser.find("table.customers");
        // The screen asked for before signing in is the one shown, its heading focused for screen readers.
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/customers");
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Customers");

        // The skip link is the page's first stop, reached backwards from the heading through the header's controls.
        assertThat(browser.js("return document.querySelector('a[href], button, input, select, textarea')"
                + ".className")).isEqualTo("skip-link");
        for (int presses = 0; presses < 12 && !"Skip to content".equals(
                browser.driver.switchTo().activeElement().getText()); presses++) {
            new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        }
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.waitFor(d -> "main".equals(d.switchTo().activeElement().getAttribute("id")) ? true : null);

        WebElement link = browser.byText("table.customers a", "Keyboard Ltd");
        link.sendKeys(Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().contains("/console/customers/cus_") ? true : null);
        browser.settled();
        assertThat(browser.driver.switchTo().activeElement().getText()).startsWith("Keyboard Ltd");
    }

    @Test
    void importOf2000RowsShowsItsProgressMovingToAHundredPercent() throws IOException {
        Client admin = newOrganization("console import");
        signIn(admin.apiKey());
        open("/console/imports");
        StringBuilder csv = new StringBuilder("customer_name,external_id,email,address_country\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("Imported ").append(i).append(",imp-").append(i).append(",imp").append(i)
                    .append("@example.com,").append(i == 7 ? "Nowhere" : "FR").append('\n');
        }
        browser.byText("button", "Download the sample CSV file").click();
        Path template = browser.downloads.resolve("customers-template.csv");
        String sample = browser.waitFor(d -> {
            try {
                return Files.exists(template) && Files.readString(template).contains("customer_name")
                        ? Files.readString(template) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(sample.lines().findFirst().orElseThrow()).startsWith("customer_name,external_id,email");
        Files.delete(template);
        Path file = Files.createTempFile("customers-", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        browser.find("main input[type=file]").sendKeys(file.toString());
        assertAccessibleBasics("import");
        browser.screenshots("import");
        browser.byText("button", "Import CSV data").click();

        // Every value the bar shows, as the page shows it, until it reads 100.
        Set<Integer> seen = new TreeSet<>();
        // 2,000 rows take a few seconds; a loaded machine (CI beside other builds) may need several times that.
        browser.waitFor(Duration.ofSeconds(90), d -> {
            Object value = browser.js("const bar = document.querySelector('main [role=progressbar]');"
                    + "return bar ? Number(bar.getAttribute('aria-valuenow')) : null;");
            if (value instanceof Number number) {
                seen.add(number.intValue());
                return number.intValue() == 100 ? true : null;
            }
            return null;
        });
        assertThat(seen).as("values the progress bar showed").contains(100)
                .anyMatch(percent -> percent > 0 && percent < 100);
        browser.waitFor(d -> "succeeded".equals(browser.find(".import-state").getAttribute("data-status"))
                ? true : null);
        assertThat(browser.find("dl.counts").getText()).contains("1999");
        WebElement rejected = browser.find("table.import-errors");
        assertThat(rejected.getText()).contains("9", "address_country");
        browser.screenshots("import-finished");
    }

    @Test
    void auditTrailFiltersAndDownloadsItsCsv() throws IOException {
        Client admin = newOrganization("console audit");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Audited"))).text("id");
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "EUR")))
                .text("id");
        Response credit = admin.post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "12.00", "reason", "refund")));
        admin.getAfter(credit, "/v1/audit/wallet-adjustments");
        signIn(admin.apiKey());
        open("/console/audit");
        browser.waitFor(d -> d.findElements(By.cssSelector("table.audit tbody tr")).size() == 1 ? true : null);
        assertAccessibleBasics("audit");
        browser.screenshots("audit");
        try (Stream<Path> before = Files.list(browser.downloads)) {
            assertThat(before.filter(p -> p.getFileName().toString().startsWith("wallet-adjustments"))).isEmpty();
        }
        browser.byText("button", "Download CSV").click();
        Path downloaded = browser.downloads.resolve("wallet-adjustments.csv");
        browser.waitFor(d -> Files.exists(downloaded) ? true : null);
        String content = browser.waitFor(d -> {
            try {
                String text = Files.readString(downloaded);
                return text.contains("refund") ? text : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(content).contains(wallet, "12.00");
        Files.delete(downloaded);
    }

    @Test
    void aReaderSeesNoWritingControlAnywhere() {
        Client admin = newOrganization("console reader");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Read Only Ltd",
                "email", "ro@example.com"))).text("id");
        admin.post("/v1/customers/" + customer + "/contacts", json(body("email", "c@example.com")));
        Response wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")));
        admin.getAfter(wallet, "/v1/customers/" + customer);
        Client reader = newKey(admin, "reader");
        signIn(reader.apiKey());
        List<String> screens = new ArrayList<>(List.of("/console/customers", "/console/customers/" + customer,
                "/console/customers/" + customer + "/contacts", "/console/customers/" + customer + "/wallets",
                "/console/customers/" + customer + "/children", "/console/customers/" + customer + "/history",
                "/console/wallets/" + wallet.text("id"), "/console/audit"));
        for (String screen : screens) {
            open(screen);
            List<String> controls = browser.all("main button, main a, header a").stream()
                    .map(element -> element.getText().strip()).filter(WRITING_CONTROLS::contains).toList();
            assertThat(controls).as(screen).isEmpty();
            assertAccessibleBasics(screen);
        }
        assertThat(browser.all("#nav-links a").stream().map(WebElement::getText).toList())
                .containsExactly("Customers", "Audit trail");
        open("/console/customers/" + customer);
        browser.screenshots("reader-customer");
        for (String screen : List.of("/console/customers/new", "/console/imports", "/console/api-keys")) {
            open(screen);
            assertThat(browser.find("main h1").getText()).as(screen).isEqualTo("Not available");
        }
    }

    @Test
    void adminsManageKeysTheOperatorWatchesProjectionsAndSignOutForgetsTheSession() {
        Client admin = newOrganization("console admin");
        signIn(admin.apiKey());
        open("/console/api-keys");
        type("name", "invoicing run");
        browser.byText("button", "Create key").click();
        String issued = browser.find("#new-api-key").getText();
        assertThat(issued).startsWith("bf_");
        assertThat(client(issued).get("/v1/customers").status()).isEqualTo(200);
        assertAccessibleBasics("api keys");
        browser.screenshots("api-keys");

        signIn(OPERATOR_KEY);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/projections");
        browser.waitFor(d -> d.findElements(By.cssSelector("table.projections tbody tr")).size() >= 2 ? true : null);
        assertThat(browser.find("table.projections").getText()).contains("customers", "wallets");
        assertThat(browser.all("#nav-links a").stream().map(WebElement::getText).toList())
                .containsExactly("Projections");
        browser.screenshots("projections");
        browser.byText("button", "Replay").click();
        browser.byText("dialog button", "Replay").click();
        browser.waitFor(d -> browser.find("#toast").getText().contains("Replay of customers started") ? true : null);
        // The replay runs to its swap; the screen, refreshing itself, then shows no replay in progress.
        browser.waitFor(d -> {
            for (var projection : operator().get("/v1/admin/projections").json().get("data")) {
                if (projection.get("replaying").asBoolean()) {
                    return null;
                }
            }
            return true;
        });
        browser.waitFor(d -> d.findElements(By.cssSelector("table.projections [role=progressbar]")).isEmpty()
                && d.findElements(By.cssSelector("table.projections button[disabled]")).isEmpty() ? true : null);

        browser.find("#sign-out").click();
        browser.find("input[name=api_key]");
        assertThat(browser.driver.manage().getCookieNamed("billfold_session")).isNull();
        browser.driver.get(url("/console/customers"));
        browser.find("input[name=api_key]");
        browser.screenshots("sign-in");
    }
}
