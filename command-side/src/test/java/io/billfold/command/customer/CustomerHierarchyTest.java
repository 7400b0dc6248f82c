package io.billfold.command.customer;

import static io.billfold.command.customer.CustomerMatchers.billfoldError;
import static io.billfold.command.RuleMatchers.error;
import static io.billfold.command.customer.CustomerMatchers.response;
import static io.billfold.command.RuleMatchers.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.api.customer.ArchiveCustomerCommand;
import io.billfold.api.customer.ChangeCustomerParentCommand;
import io.billfold.api.customer.CreateCustomerCommand;
import io.billfold.api.customer.CustomerArchivedEvent;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerCreatedEvent;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.CustomerHasChildrenException;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.customer.CustomerParentChangedEvent;
import io.billfold.api.customer.CustomerUnarchivedEvent;
import io.billfold.api.customer.HierarchyCycleException;
import io.billfold.api.customer.HierarchyTooDeepException;
import io.billfold.api.customer.ParentCustomerArchivedException;
import io.billfold.api.customer.ParentCustomerNotFoundException;
import io.billfold.api.customer.TooManyChildrenException;
import io.billfold.api.customer.UnarchiveCustomerCommand;
import io.billfold.api.error.ErrorKind;
import io.billfold.command.CustomerWallets;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The customer hierarchy as the aggregate drives it: the parent on creation, re-parenting, and archiving around
 * children, with an {@link InMemoryCustomerHierarchy} holding the rest of the organization's customers.
 */
class CustomerHierarchyTest {

    /** No wallet of the customer holds credit (archiving with credit is tested end to end). */
    private static final CustomerWallets NO_WALLET_CREDIT = customerId -> {
    };

    private static final String ORG = "org_acme";
    private static final String OTHER_ORG = "org_rival";
    private static final String ID = "cus_1";
    private static final String PARENT = "cus_parent";
    private static final String OTHER_PARENT = "cus_other_parent";
    private static final String CHILD = "cus_child";

    private static final CustomerDetails DETAILS = new CustomerDetailsBuilder().customerName("Acme Ltd")
            .communicationsEnabled(true).autoChargeEnabled(false).taxInfo().build();

    private FixtureConfiguration<Customer> fixture;
    private InMemoryCustomerHierarchy hierarchy;

    @BeforeEach
    void setUp() {
        hierarchy = new InMemoryCustomerHierarchy();
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(new InMemoryCustomerUniqueness());
        fixture.registerInjectableResource(hierarchy);
        fixture.registerInjectableResource(NO_WALLET_CREDIT);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create with a parent
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class CreateWithAParent {

        @Test
        void emitsTheParentInTheCreatedEventAndRecordsIt() {
            hierarchy.seed(ORG, PARENT, null);

            fixture.givenNoPriorActivity()
                    .when(createUnder(PARENT))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG, DETAILS, false, PARENT))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.parentCustomerId()).isEqualTo(PARENT)));

            assertThat(hierarchy.parentOf(ID)).isEqualTo(PARENT);
        }

        @Test
        void recordsATopLevelCustomerWithoutAParent() {
            fixture.givenNoPriorActivity()
                    .when(createUnder(null))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG, DETAILS, false, null));

            assertThat(hierarchy.contains(ID)).isTrue();
            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void acceptsAParentOnTheFourthLevel() {
            String fourthLevel = hierarchy.seedChain(ORG, "cus_level", 4);

            fixture.givenNoPriorActivity()
                    .when(createUnder(fourthLevel))
                    .expectEvents(new CustomerCreatedEvent(ID, ORG, DETAILS, false, fourthLevel));
        }

        @Test
        void refusesAParentThatDoesNotExist() {
            fixture.givenNoPriorActivity()
                    .when(createUnder(PARENT))
                    .expectException(ParentCustomerNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.INVALID, "parent_not_found"))
                    .expectExceptionMessage("No customer cus_parent to attach to")
                    .expectNoEvents();

            assertThat(hierarchy.contains(ID)).isFalse();
        }

        @Test
        void refusesAParentOfAnotherOrganizationAsIfItDidNotExist() {
            hierarchy.seed(OTHER_ORG, PARENT, null);

            fixture.givenNoPriorActivity()
                    .when(createUnder(PARENT))
                    .expectException(ParentCustomerNotFoundException.class)
                    .expectNoEvents();

            assertThat(hierarchy.contains(ID)).isFalse();
        }

        @Test
        void refusesAnArchivedParent() {
            hierarchy.seedArchived(ORG, PARENT, null);

            fixture.givenNoPriorActivity()
                    .when(createUnder(PARENT))
                    .expectException(ParentCustomerArchivedException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "parent_archived"))
                    .expectNoEvents();

            assertThat(hierarchy.contains(ID)).isFalse();
        }

        @Test
        void refusesAParentOnTheFifthLevel() {
            String fifthLevel = hierarchy.seedChain(ORG, "cus_level", 5);

            fixture.givenNoPriorActivity()
                    .when(createUnder(fifthLevel))
                    .expectException(HierarchyTooDeepException.class)
                    .expectException(billfoldError(ErrorKind.INVALID, "hierarchy_too_deep"))
                    .expectExceptionMessage("A hierarchy has at most 5 levels")
                    .expectNoEvents();

            assertThat(hierarchy.contains(ID)).isFalse();
        }

        @Test
        void refusesAParentWithTheMostChildren() {
            seedLiveChildren(PARENT, CustomerHierarchy.MAX_CHILDREN);

            fixture.givenNoPriorActivity()
                    .when(createUnder(PARENT))
                    .expectException(TooManyChildrenException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "too_many_children"))
                    .expectExceptionMessage("Customer cus_parent already has 250 children")
                    .expectNoEvents();

            assertThat(hierarchy.contains(ID)).isFalse();
        }

        @Test
        void doesNotTouchTheHierarchyWhenTheDetailsAreInvalid() {
            hierarchy.seed(ORG, PARENT, null);

            fixture.givenNoPriorActivity()
                    .when(new CreateCustomerCommand(ID, ORG, new CustomerDetailsBuilder().build(), PARENT))
                    .expectException(validationFailure(error("customer_name", "required")))
                    .expectNoEvents();

            assertThat(hierarchy.calls()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // change parent
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class ChangeParent {

        @Test
        void attachesATopLevelCustomerToAParent() {
            hierarchy.seed(ORG, PARENT, null);

            givenCustomerUnder(null)
                    .when(changeParent(PARENT))
                    .expectEvents(new CustomerParentChangedEvent(ID, PARENT))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.parentCustomerId()).isEqualTo(PARENT);
                        assertThat(customer.version()).isEqualTo(2);
                    }));

            assertThat(hierarchy.parentOf(ID)).isEqualTo(PARENT);
        }

        @Test
        void movesACustomerToAnotherParent() {
            hierarchy.seed(ORG, OTHER_PARENT, null);

            givenCustomerUnder(PARENT)
                    .when(changeParent(OTHER_PARENT))
                    .expectEvents(new CustomerParentChangedEvent(ID, OTHER_PARENT));

            assertThat(hierarchy.parentOf(ID)).isEqualTo(OTHER_PARENT);
        }

        @Test
        void detachesACustomerFromItsParentWithNull() {
            givenCustomerUnder(PARENT)
                    .when(changeParent(null))
                    .expectEvents(new CustomerParentChangedEvent(ID, null))
                    .expectResultMessagePayloadMatching(response(customer ->
                            assertThat(customer.parentCustomerId()).isNull()));

            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void theSameParentAgainIsANoOp() {
            givenCustomerUnder(PARENT)
                    .when(changeParent(PARENT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.parentCustomerId()).isEqualTo(PARENT);
                        assertThat(customer.version()).isEqualTo(1);
                    }));

            assertThat(hierarchy.calls()).isEmpty();
        }

        @Test
        void detachingATopLevelCustomerIsANoOp() {
            givenCustomerUnder(null)
                    .when(changeParent(null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();

            assertThat(hierarchy.calls()).isEmpty();
        }

        @Test
        void refusesAParentThatDoesNotExist() {
            givenCustomerUnder(null)
                    .when(changeParent(PARENT))
                    .expectException(ParentCustomerNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.INVALID, "parent_not_found"))
                    .expectNoEvents();

            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void refusesAParentOfAnotherOrganizationAsIfItDidNotExist() {
            hierarchy.seed(OTHER_ORG, PARENT, null);

            givenCustomerUnder(null)
                    .when(changeParent(PARENT))
                    .expectException(ParentCustomerNotFoundException.class)
                    .expectExceptionMessage("No customer cus_parent to attach to")
                    .expectNoEvents();
        }

        @Test
        void refusesAnArchivedParent() {
            hierarchy.seedArchived(ORG, PARENT, null);

            givenCustomerUnder(null)
                    .when(changeParent(PARENT))
                    .expectException(ParentCustomerArchivedException.class)
                    .expectExceptionMessage("Customer cus_parent is archived")
                    .expectNoEvents();
        }

        @Test
        void refusesTheCustomerItselfAsItsParent() {
            givenCustomerUnder(null)
                    .when(changeParent(ID))
                    .expectException(HierarchyCycleException.class)
                    .expectException(billfoldError(ErrorKind.INVALID, "hierarchy_cycle"))
                    .expectExceptionMessage("Customer cus_1 is cus_1 or one of its descendants")
                    .expectNoEvents();

            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void refusesADescendantAsItsParent() {
            hierarchy.seed(ORG, CHILD, ID);
            hierarchy.seed(ORG, "cus_grandchild", CHILD);

            givenCustomerUnder(null)
                    .when(changeParent("cus_grandchild"))
                    .expectException(HierarchyCycleException.class)
                    .expectExceptionMessage("Customer cus_grandchild is cus_1 or one of its descendants")
                    .expectNoEvents();

            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void acceptsAParentOnTheFourthLevelForACustomerWithoutChildren() {
            String fourthLevel = hierarchy.seedChain(ORG, "cus_level", 4);

            givenCustomerUnder(null)
                    .when(changeParent(fourthLevel))
                    .expectEvents(new CustomerParentChangedEvent(ID, fourthLevel));
        }

        @Test
        void refusesAParentOnTheFifthLevel() {
            String fifthLevel = hierarchy.seedChain(ORG, "cus_level", 5);

            givenCustomerUnder(null)
                    .when(changeParent(fifthLevel))
                    .expectException(HierarchyTooDeepException.class)
                    .expectException(billfoldError(ErrorKind.INVALID, "hierarchy_too_deep"))
                    .expectNoEvents();

            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void countsTheLevelsBelowTheCustomerToo() {
            String fourthLevel = hierarchy.seedChain(ORG, "cus_level", 4);
            hierarchy.seed(ORG, CHILD, ID);

            givenCustomerUnder(null)
                    .when(changeParent(fourthLevel))
                    .expectException(HierarchyTooDeepException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesAParentWithTheMostLiveChildren() {
            seedLiveChildren(PARENT, CustomerHierarchy.MAX_CHILDREN);

            givenCustomerUnder(null)
                    .when(changeParent(PARENT))
                    .expectException(TooManyChildrenException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "too_many_children"))
                    .expectNoEvents();

            assertThat(hierarchy.parentOf(ID)).isNull();
        }

        @Test
        void doesNotCountArchivedChildrenTowardsTheLimit() {
            seedLiveChildren(PARENT, CustomerHierarchy.MAX_CHILDREN - 1);
            hierarchy.seedArchived(ORG, "cus_archived_child", PARENT);

            givenCustomerUnder(null)
                    .when(changeParent(PARENT))
                    .expectEvents(new CustomerParentChangedEvent(ID, PARENT));
        }

        @Test
        void refusesAnArchivedCustomer() {
            hierarchy.seed(ORG, PARENT, null);

            givenCustomerUnder(null)
                    .andGiven(new CustomerArchivedEvent(ID))
                    .when(changeParent(PARENT))
                    .expectException(CustomerArchivedException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_archived"))
                    .expectNoEvents();

            assertThat(hierarchy.calls()).isEmpty();
        }

        @Test
        void refusesAnotherOrganizationAsIfTheCustomerDidNotExist() {
            hierarchy.seed(OTHER_ORG, PARENT, null);

            givenCustomerUnder(null)
                    .when(new ChangeCustomerParentCommand(ID, OTHER_ORG, PARENT))
                    .expectException(CustomerNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.NOT_FOUND, "customer_not_found"))
                    .expectNoEvents();

            assertThat(hierarchy.calls()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // archive and unarchive around children
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class ArchiveAndUnarchive {

        @Test
        void archivesACustomerWithoutChildren() {
            givenCustomerUnder(null)
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerArchivedEvent(ID));

            assertThat(hierarchy.isArchived(ID)).isTrue();
        }

        @Test
        void refusesToArchiveACustomerWithLiveChildren() {
            hierarchy.seed(ORG, CHILD, ID);

            givenCustomerUnder(null)
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectException(CustomerHasChildrenException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "customer_has_children"))
                    .expectExceptionMessage("Customer cus_1 has live children; detach or archive them first")
                    .expectNoEvents();

            assertThat(hierarchy.isArchived(ID)).isFalse();
        }

        @Test
        void archivesACustomerWhoseChildrenAreAllArchived() {
            hierarchy.seedArchived(ORG, CHILD, ID);
            hierarchy.seedArchived(ORG, "cus_child_2", ID);

            givenCustomerUnder(null)
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerArchivedEvent(ID));

            assertThat(hierarchy.isArchived(ID)).isTrue();
        }

        @Test
        void archivesAChildUnderALiveParent() {
            givenCustomerUnder(PARENT)
                    .when(new ArchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerArchivedEvent(ID));

            assertThat(hierarchy.isArchived(ID)).isTrue();
            assertThat(hierarchy.parentOf(ID)).isEqualTo(PARENT);
        }

        @Test
        void unarchivesTheCustomerInTheHierarchy() {
            TestExecutor<Customer> archived = givenCustomerUnder(PARENT).andGiven(new CustomerArchivedEvent(ID));
            hierarchy.seedArchived(ORG, ID, PARENT);

            archived.when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectEvents(new CustomerUnarchivedEvent(ID))
                    .expectResultMessagePayloadMatching(response(customer -> {
                        assertThat(customer.archived()).isFalse();
                        assertThat(customer.parentCustomerId()).isEqualTo(PARENT);
                    }));

            assertThat(hierarchy.isArchived(ID)).isFalse();
            assertThat(hierarchy.parentOf(ID)).isEqualTo(PARENT);
        }

        @Test
        void refusesToUnarchiveUnderAnArchivedParent() {
            TestExecutor<Customer> archived = givenCustomerUnder(PARENT).andGiven(new CustomerArchivedEvent(ID));
            hierarchy.seedArchived(ORG, ID, PARENT);
            hierarchy.seedArchived(ORG, PARENT, null);

            archived.when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectException(ParentCustomerArchivedException.class)
                    .expectNoEvents();
            assertThat(hierarchy.isArchived(ID)).isTrue();
        }

        @Test
        void refusesToUnarchiveUnderAParentThatHasNoRoomLeft() {
            TestExecutor<Customer> archived = givenCustomerUnder(PARENT).andGiven(new CustomerArchivedEvent(ID));
            hierarchy.seedArchived(ORG, ID, PARENT);
            for (int i = 0; i < CustomerHierarchy.MAX_CHILDREN; i++) {
                hierarchy.seed(ORG, "cus_sibling_" + i, PARENT);
            }

            archived.when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectException(TooManyChildrenException.class)
                    .expectNoEvents();
        }

        @Test
        void unarchivingALiveCustomerLeavesTheHierarchyAlone() {
            givenCustomerUnder(null)
                    .when(new UnarchiveCustomerCommand(ID, ORG))
                    .expectNoEvents();

            assertThat(hierarchy.calls()).isEmpty();
        }

        @Test
        void archivingAnArchivedCustomerLeavesTheHierarchyAlone() {
            TestExecutor<Customer> archived = givenCustomerUnder(null).andGiven(new CustomerArchivedEvent(ID));
            hierarchy.seedArchived(ORG, ID, null);

            archived.when(new ArchiveCustomerCommand(ID, ORG))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();

            assertThat(hierarchy.calls()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------------

    /** The customer, created under {@code parentCustomerId} (a live top-level customer then) or at the top. */
    private TestExecutor<Customer> givenCustomerUnder(String parentCustomerId) {
        if (parentCustomerId != null) {
            hierarchy.seed(ORG, parentCustomerId, null);
        }
        hierarchy.seed(ORG, ID, parentCustomerId);
        return fixture.given(new CustomerCreatedEvent(ID, ORG, DETAILS, false, parentCustomerId));
    }

    private void seedLiveChildren(String parentCustomerId, int count) {
        hierarchy.seed(ORG, parentCustomerId, null);
        for (int i = 1; i <= count; i++) {
            hierarchy.seed(ORG, parentCustomerId + "_child_" + i, parentCustomerId);
        }
    }

    private static CreateCustomerCommand createUnder(String parentCustomerId) {
        return new CreateCustomerCommand(ID, ORG, new CustomerDetailsBuilder().customerName("Acme Ltd").build(),
                parentCustomerId);
    }

    private static ChangeCustomerParentCommand changeParent(String parentCustomerId) {
        return new ChangeCustomerParentCommand(ID, ORG, parentCustomerId);
    }
}
