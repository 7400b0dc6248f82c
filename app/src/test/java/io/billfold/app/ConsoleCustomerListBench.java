package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's customer list over 1,000,000 customers of one organization: the first page must render in under
 * 300 ms, measured in the browser from the screen's start to its table on screen (the API call, the server's query
 * and the rendering). Not part of the test suite (surefire runs *Test classes): seeding a million rows takes minutes,
 * which CI cannot spend on every run, while the list's query plan, one range of the (organization_id, customer_id)
 * index, does not depend on the data being there. Run it with the command in bench/README.md; figures in
 * docs/performance.md.
 *
 * <p>The read model is seeded directly with SQL (generate_series): a million customers through commands would take
 * the import's 12 minutes, and the list reads only customer_view (and customer_contact, empty here).
 */
class ConsoleCustomerListBench extends ApiTestSupport {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);
    private static final int RUNS = 15;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFirstPageOfAMillionCustomersRendersInUnder300Milliseconds() {
        Client admin = newOrganization("a million customers");
        long seeding = System.nanoTime();
        List<String> indexes = jdbc.queryForList("select indexdef from pg_indexes where tablename = 'customer_view'"
                + " and indexname <> 'customer_view_pkey' and schemaname = current_schema()", String.class);
        jdbc.queryForList("select indexname from pg_indexes where tablename = 'customer_view'"
                        + " and indexname <> 'customer_view_pkey' and schemaname = current_schema()", String.class)
                .forEach(index -> jdbc.execute("drop index " + index));
        jdbc.update("""
                insert into customer_view (customer_id, organization_id, customer_name, external_id, email, phone_number,
                                           address, custom_data, tax_exempt, communications_enabled,
                                           auto_charge_enabled, archived, created_at, updated_at, version)
                select 'cus_00' || lpad(g::text, 24, '0'), ?, 'Customer ' || g, 'ext-' || g,
                       'customer' || g || '@bench.example', '+1415555' || lpad((g % 10000)::text, 4, '0'),
                       jsonb_build_object('line1', g || ' Market St', 'city', 'San Francisco', 'country',
                                          (array['US', 'FR', 'DE', 'IN', 'AU'])[1 + g % 5]),
                       '{"tier": "gold"}', false, true, false, false,
                       timestamptz '2026-01-01' + g * interval '1 second',
                       timestamptz '2026-01-01' + g * interval '1 second', 1
                  from generate_series(1, ?) g
                """, admin.organizationId(), CUSTOMERS);
        indexes.forEach(jdbc::execute);
        jdbc.execute("analyze customer_view");
        System.out.printf("Seeded %,d customers in %.1f s%n", CUSTOMERS, (System.nanoTime() - seeding) / 1e9);
        String plan = String.join("\n", jdbc.queryForList("""
                explain select customer_id from customer_view where organization_id = ? and not archived
                 order by customer_id desc limit 21""", String.class, admin.organizationId()));
        System.out.println(plan);
        // One index range in list order (the primary key when, as here, one organization holds nearly every row, else
        // customer_view_list), never a scan of the table or a sort of it.
        assertThat(plan).contains("Index Scan").doesNotContain("Seq Scan").doesNotContain("Sort");

        ConsoleBrowser browser = ConsoleBrowser.get();
        browser.driver.manage().deleteAllCookies();
        browser.driver.get("http://localhost:" + port + "/console/sign-in");
        browser.find("input[name=api_key]").sendKeys(admin.apiKey());
        browser.byText("button", "Sign in").click();
        browser.find("table.customers");

        List<Long> pageTimings = new ArrayList<>();
        List<Long> testTimings = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            browser.js("document.querySelector('main').removeAttribute('data-render-ms');"
                    + "history.pushState(null, '', '/console/audit'); dispatchEvent(new PopStateEvent('popstate'));");
            browser.find("table.audit, main p.empty");
            long started = System.nanoTime();
            browser.js("history.pushState(null, '', '/console/customers');"
                    + "dispatchEvent(new PopStateEvent('popstate'));");
            String rendered = browser.waitFor(d -> (String) browser.js(
                    "return document.querySelectorAll('table.customers tbody tr').length === 20"
                            + " ? document.querySelector('main').dataset.renderMs : null;"));
            testTimings.add((System.nanoTime() - started) / 1_000_000);
            pageTimings.add(Long.parseLong(rendered));
        }
        assertThat(browser.driver.findElement(By.cssSelector("table.customers tbody tr")).getText())
                .contains("Customer " + CUSTOMERS);
        System.out.printf("First page of %,d customers: page-measured %s ms, test-measured %s ms%n", CUSTOMERS,
                pageTimings, testTimings);
        List<Long> warm = pageTimings.subList(5, RUNS).stream().sorted().toList();
        List<Long> warmTest = testTimings.subList(5, RUNS).stream().sorted().toList();
        System.out.printf("Warm median: page %d ms, test %d ms; warm max: page %d ms, test %d ms%n",
                warm.get(warm.size() / 2), warmTest.get(warmTest.size() / 2), warm.get(warm.size() - 1),
                warmTest.get(warmTest.size() - 1));
        assertThat(warmTest.get(warmTest.size() - 1)).isLessThan(300);
    }
}
