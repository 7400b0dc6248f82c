package io.billfold.platform.idempotency;

import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored first responses that show an erased resource: replaced, in the erasure's transaction, by a 409 problem with
 * the erasure's code. A retry with such a key then learns that the resource was erased and changes nothing; the
 * response that showed its personal data is gone. The organization's records of the retention period are searched
 * for the resource's id, which every response about it or its contacts and wallet entries carries.
 */
@Component
public class ErasedResponses {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ErasedResponses(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Replaces the organization's stored responses mentioning {@code resourceId}; answers how many. */
    public int replace(String organizationId, String resourceId, String code, String detail) {
        byte[] body = json.writeValueAsBytes(Problem.of(409, code, "Conflict", detail));
        return jdbc.update("""
                update idempotency_record
                   set status = 409, content_type = ?, location = null, position = null, body = ?
                 where organization_id = ? and strpos(convert_from(body, 'UTF8'), ?) > 0
                """, ProblemWriter.PROBLEM_JSON.toString(), body, organizationId, '"' + resourceId + '"');
    }
}
