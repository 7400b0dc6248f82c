package io.billfold.command.customer;

import io.billfold.api.customer.EmailAlreadyInUseException;
import io.billfold.api.customer.ExternalIdAlreadyInUseException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Claims in {@code customer_claim}, primary key (organization, kind, value). An insert that meets a concurrent,
 * uncommitted claim of the same value waits for it, then finds it taken (or free, if that transaction rolled back).
 */
@Component
class JdbcCustomerUniqueness implements CustomerUniqueness, CustomerClaims {

    private static final String EMAIL = "email";
    private static final String EXTERNAL_ID = "external_id";

    private final JdbcTemplate jdbc;

    JdbcCustomerUniqueness(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement for both values: it inserts the claims that are free and answers the kinds another customer
     * holds. A value this customer already holds counts as claimed. An insert that waited for a concurrent claim of the
     * same value finds no holder in the statement's snapshot: the value was taken by a transaction that committed
     * meanwhile. The email is claimed before the external_id in every transaction, so two cannot deadlock.
     */
    @Override
    public void claim(String organizationId, String customerId, String email, String externalId) {
        List<String> taken = jdbc.queryForList("""
                with wanted (ordinal, kind, value) as (values (1, ?::text, ?::text), (2, ?::text, ?::text)),
                     claimed as (
                         insert into customer_claim (organization_id, kind, value, customer_id)
                         select ?, kind, value, ? from wanted where value is not null order by ordinal
                         on conflict do nothing returning kind)
                select w.kind from wanted w
                 where w.value is not null
                   and not exists (select 1 from claimed c where c.kind = w.kind)
                   and not exists (select 1 from customer_claim h where h.organization_id = ? and h.kind = w.kind
                                      and h.value = w.value and h.customer_id = ?)
                """, String.class, EMAIL, email == null ? null : FieldRules.emailKey(email), EXTERNAL_ID, externalId,
                organizationId, customerId, organizationId, customerId);
        if (taken.contains(EMAIL)) {
            throw new EmailAlreadyInUseException(email);
        }
        if (taken.contains(EXTERNAL_ID)) {
            throw new ExternalIdAlreadyInUseException(externalId);
        }
    }

    @Override
    public void releaseEmail(String organizationId, String customerId, String email) {
        release(organizationId, customerId, EMAIL, FieldRules.emailKey(email));
    }

    @Override
    public void releaseExternalId(String organizationId, String customerId, String externalId) {
        release(organizationId, customerId, EXTERNAL_ID, externalId);
    }

    @Override
    public Optional<String> holderOfExternalId(String organizationId, String externalId) {
        return jdbc.queryForList("select customer_id from customer_claim where organization_id = ? and kind = ? and value = ?",
                String.class, organizationId, EXTERNAL_ID, externalId.strip()).stream().findFirst();
    }

    @Override
    public Optional<Holder> holderOf(String organizationId, String externalId, String email) {
        // Two key look-ups rather than one OR: a generic plan of the OR (after a few executions) scans the organization.
        return jdbc.query("""
                        (select customer_id, true by_external_id from customer_claim
                          where organization_id = ? and kind = ? and value = ?)
                        union all
                        (select customer_id, false from customer_claim where organization_id = ? and kind = ? and value = ?)
                        limit 1
                        """, (rs, n) -> new Holder(rs.getString("customer_id"), rs.getBoolean("by_external_id")),
                organizationId, EXTERNAL_ID, externalId == null ? null : externalId.strip(),
                organizationId, EMAIL, email == null ? null : FieldRules.emailKey(email.strip())).stream().findFirst();
    }

    private void release(String organizationId, String customerId, String kind, String value) {
        jdbc.update("delete from customer_claim where organization_id = ? and kind = ? and value = ? and customer_id = ?",
                organizationId, kind, value, customerId);
    }
}
