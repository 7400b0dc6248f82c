package io.billfold.app;

import io.billfold.client.ApiClient;
import io.billfold.client.ApiException;
import io.billfold.client.ApiResponse;
import io.billfold.client.api.CustomersApi;
import io.billfold.client.api.WalletsApi;
import io.billfold.client.model.Address;
import io.billfold.client.model.CreateCustomerRequest;
import io.billfold.client.model.CreateWalletRequest;
import io.billfold.client.model.CreditRequest;
import io.billfold.client.model.CustomerResponse;
import io.billfold.client.model.DebitRequest;
import io.billfold.client.model.Problem;
import io.billfold.client.model.TransactionPage;
import io.billfold.client.model.TransactionResponse;
import io.billfold.client.model.WalletResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README walkthrough through a Java client that the build generates from the checked-in {@code docs/openapi.json}
 * (openapi-generator, {@code native} library; see app/pom.xml): what an integrator's SDK would do.
 */
class GeneratedClientWalkthroughTest extends ApiTestSupport {

    @Test
    void theReadmeWalkthroughRunsThroughAGeneratedClient() throws Exception {
        Client admin = newOrganization("Generated client walkthrough");
        ApiClient api = new ApiClient().setScheme("http").setHost("localhost").setPort(port)
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + admin.apiKey()));
        CustomersApi customers = new CustomersApi(api);
        WalletsApi wallets = new WalletsApi(api);

        CreateCustomerRequest acme = new CreateCustomerRequest().customerName("Acme Corporation")
                .email("billing@acme.example").externalId("crm-001").phoneNumber("+1 415 555 0123")
                .address(new Address().line1("1 Market St").city("San Francisco").country("USA"))
                .customData(Map.of("tier", "gold"));
        ApiResponse<CustomerResponse> created = customers.createCustomerWithHttpInfo(acme, "first-customer");
        assertThat(created.getStatusCode()).isEqualTo(201);
        String customerId = created.getData().getId();
        assertThat(created.getHeaders().get("location")).containsExactly("/v1/customers/" + customerId);
        ApiResponse<CustomerResponse> retried = customers.createCustomerWithHttpInfo(acme, "first-customer");
        assertThat(retried.getStatusCode()).isEqualTo(201);
        assertThat(retried.getData().getId()).isEqualTo(customerId);

        CustomerResponse customer = customers.getCustomer(customerId, position(created));
        assertThat(customer.getCustomerName()).isEqualTo("Acme Corporation");
        assertThat(customer.getPhoneNumber()).isEqualTo("+14155550123");
        assertThat(customer.getAddress().getCountry()).isEqualTo("US");
        assertThat(customer.getCustomData()).containsEntry("tier", "gold");

        WalletResponse wallet = wallets.createWallet(customerId, new CreateWalletRequest().currency("USD"), null);
        assertThat(wallet.getBalance()).isEqualTo("0.00");
        ApiResponse<TransactionResponse> credit = wallets.creditWalletWithHttpInfo(wallet.getId(),
                new CreditRequest().amount("125.50").reason("prepayment"), "first-credit");
        assertThat(credit.getStatusCode()).isEqualTo(201);
        assertThat(credit.getData().getBalanceAfter()).isEqualTo("125.50");

        TransactionPage ledger = wallets.listWalletTransactions(wallet.getId(), null, null, null, null, null, null,
                position(credit));
        assertThat(ledger.getData()).extracting(TransactionResponse::getAmount).containsExactly("125.50");
        assertThat(ledger.getHasMore()).isFalse();

        ApiException refused = catchThrowableOfType(ApiException.class, () -> wallets.debitWallet(wallet.getId(),
                new DebitRequest().amount("200.00").reason("manual_deduction"), null));
        assertThat(refused.getCode()).isEqualTo(422);
        Problem problem = api.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo("insufficient_funds");
        assertThat(problem.getStatus()).isEqualTo(422);
    }

    private static long position(ApiResponse<?> command) {
        return Long.parseLong(command.getHeaders().get("billfold-position").get(0));
    }
}
