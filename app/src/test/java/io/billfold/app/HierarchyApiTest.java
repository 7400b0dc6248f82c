package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HierarchyApiTest extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void customersAttachDetachAndListTheirChildren() {
        Client admin = newOrganization("hierarchy");
        String parent = create(admin, "Parent", null);
        String child = create(admin, "Child", parent);
        String other = create(admin, "Other", null);

        Response attached = admin.put("/v1/customers/" + other + "/parent", json(body("parent_customer_id", parent)));
        assertThat(attached.status()).isEqualTo(200);
        assertThat(attached.text("parent_customer_id")).isEqualTo(parent);
        Response children = admin.getAfter(attached, "/v1/customers/" + parent + "/children");
        assertThat(ids(children)).containsExactly(other, child);
        assertThat(ids(admin.get("/v1/customers?parent_customer_id=" + parent))).containsExactly(other, child);
        assertThat(admin.get("/v1/customers/" + child).text("parent_customer_id")).isEqualTo(parent);

        Response archiveParent = admin.post("/v1/customers/" + parent + "/archive", null);
        assertThat(archiveParent.status()).isEqualTo(409);
        assertThat(archiveParent.code()).isEqualTo("customer_has_children");

        Response detached = admin.put("/v1/customers/" + other + "/parent", json(body("parent_customer_id", null)));
        assertThat(detached.json().get("parent_customer_id").isNull()).isTrue();
        assertThat(admin.post("/v1/customers/" + child + "/archive", null).status()).isEqualTo(200);
        assertThat(admin.post("/v1/customers/" + parent + "/archive", null).status()).isEqualTo(200);
        Response underArchived = admin.put("/v1/customers/" + other + "/parent", json(body("parent_customer_id", parent)));
        assertThat(underArchived.status()).isEqualTo(409);
        assertThat(underArchived.code()).isEqualTo("parent_archived");
        assertThat(admin.get("/v1/customers/cus_missing/children").status()).isEqualTo(404);
    }

    @Test
    void cyclesDepthAndStrangersAreRefused() {
        Client admin = newOrganization("hierarchy-rules");
        List<String> chain = new ArrayList<>();
        String previous = null;
        for (int level = 1; level <= 5; level++) {
            previous = create(admin, "Level " + level, previous);
            chain.add(previous);
        }
        Response sixth = admin.post("/v1/customers", json(body("customer_name", "Level 6", "parent_customer_id", previous)));
        assertThat(sixth.status()).isEqualTo(422);
        assertThat(sixth.code()).isEqualTo("hierarchy_too_deep");

        Response cycle = admin.put("/v1/customers/" + chain.get(0) + "/parent",
                json(body("parent_customer_id", chain.get(3))));
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.code()).isEqualTo("hierarchy_cycle");
        Response self = admin.put("/v1/customers/" + chain.get(2) + "/parent", json(body("parent_customer_id", chain.get(2))));
        assertThat(self.code()).isEqualTo("hierarchy_cycle");

        String lone = create(admin, "Lone", null);
        String loneChild = create(admin, "Lone child", lone);
        Response tooDeep = admin.put("/v1/customers/" + lone + "/parent", json(body("parent_customer_id", chain.get(3))));
        assertThat(tooDeep.code()).isEqualTo("hierarchy_too_deep");
        assertThat(admin.put("/v1/customers/" + lone + "/parent", json(body("parent_customer_id", chain.get(2))))
                .status()).isEqualTo(200);
        assertThat(loneChild).isNotNull();

        String stranger = create(newOrganization("hierarchy-stranger"), "Stranger", null);
        Response foreign = admin.put("/v1/customers/" + lone + "/parent", json(body("parent_customer_id", stranger)));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.code()).isEqualTo("parent_not_found");
    }

    @Test
    void racingReparentingsNeverCreateACycleOrAHierarchyTooDeep() throws Exception {
        Client admin = newOrganization("hierarchy-race");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            customers.add(create(admin, "Racer " + i, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Response last = null;
        try {
            List<Callable<Response>> moves = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                moves.add(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String child = customers.get(random.nextInt(customers.size()));
                    String parent = random.nextInt(5) == 0 ? null : customers.get(random.nextInt(customers.size()));
                    return admin.put("/v1/customers/" + child + "/parent", json(body("parent_customer_id", parent)));
                });
            }
            for (var future : pool.invokeAll(moves)) {
                Response response = future.get();
                assertThat(response.status()).isIn(200, 409, 422);
                if (response.status() == 200) {
                    last = response;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(last).isNotNull();
        Response marker = admin.post("/v1/customers", json(body("customer_name", "Marker")));
        admin.getAfter(marker, "/v1/customers/" + marker.text("id"));

        assertAcyclicAndShallow(parents("select customer_id, parent_customer_id from customer_hierarchy"
                + " where organization_id = ?", admin.organizationId()));
        assertAcyclicAndShallow(parents("select customer_id, parent_customer_id from customer_view"
                + " where organization_id = ?", admin.organizationId()));
    }

    private Map<String, String> parents(String sql, String organizationId) {
        Map<String, String> parents = new HashMap<>();
        jdbc.query(sql, (org.springframework.jdbc.core.RowCallbackHandler) rs ->
                parents.put(rs.getString(1), rs.getString(2)), organizationId);
        return parents;
    }

    private static void assertAcyclicAndShallow(Map<String, String> parents) {
        for (String customer : parents.keySet()) {
            int levels = 1;
            for (String up = parents.get(customer); up != null; up = parents.get(up)) {
                levels++;
                assertThat(up).isNotEqualTo(customer);
                assertThat(levels).isLessThanOrEqualTo(5);
            }
        }
    }

    private static String create(Client client, String name, String parent) {
        Response created = client.post("/v1/customers", json(body("customer_name", name, "parent_customer_id", parent)));
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

}
