package io.billfold.command.customer;

import io.billfold.api.customer.ErasedCustomer;
import io.billfold.platform.idempotency.ErasedResponses;
import io.billfold.platform.personaldata.DataKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The erasure in the command's transaction: the customer's data key is deleted (every event of it then reads its
 * personal fields as placeholders), stored idempotent responses showing it are replaced, and the uploaded import rows
 * holding its values are emptied, with their errors. The read models scrub themselves when they handle
 * {@code CustomerErasedEvent}.
 */
@Component
class JdbcCustomerErasure implements CustomerErasure {

    private final DataKeys keys;
    private final ErasedResponses responses;
    private final JdbcTemplate jdbc;

    JdbcCustomerErasure(DataKeys keys, ErasedResponses responses, JdbcTemplate jdbc) {
        this.keys = keys;
        this.responses = responses;
        this.jdbc = jdbc;
    }

    @Override
    public void erase(String organizationId, String customerId, String customerName, String email, String externalId) {
        keys.erase(customerId);
        responses.replace(organizationId, customerId, "customer_erased", "Customer " + customerId + " is erased");
        scrubImports(organizationId, customerName, email, externalId);
    }

    /**
     * Import rows are found by the customer's values (rows keep no customer id): its external_id or email, and any
     * cell holding its name (a failed or skipped row with the same values is emptied as well). Rows naming it as their
     * parent keep their own values, with its external_id replaced.
     */
    private void scrubImports(String organizationId, String customerName, String email, String externalId) {
        String emailKey = email == null ? null : FieldRules.emailKey(email);
        List<Object[]> rows = jdbc.query("""
                update customer_import_row r
                   set cells = '{}', external_id = null, email_key = null, parent_external_id = null
                  from customer_import i
                 where i.import_id = r.import_id and i.organization_id = ?
                   and (r.external_id = ? or r.email_key = ? or ? = any(r.cells))
                returning r.import_id, r.row_number
                """, (rs, row) -> new Object[] {rs.getString(1), rs.getInt(2)}, organizationId, externalId, emailKey,
                customerName);
        jdbc.batchUpdate("""
                update customer_import_error set message = '%s' where import_id = ? and row_number = ?
                """.formatted(ErasedCustomer.PLACEHOLDER), rows);
        if (externalId != null) {
            jdbc.update("""
                    update customer_import_row r
                       set cells = array_replace(r.cells, r.parent_external_id, '%s'), parent_external_id = null
                      from customer_import i
                     where i.import_id = r.import_id and i.organization_id = ? and r.parent_external_id = ?
                    """.formatted(ErasedCustomer.PLACEHOLDER), organizationId, externalId);
        }
    }
}
