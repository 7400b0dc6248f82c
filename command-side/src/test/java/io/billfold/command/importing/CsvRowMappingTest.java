package io.billfold.command.importing;

import io.billfold.api.customer.Address;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.api.customer.TaxIdentifier;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowMappingTest {

    @Test
    void everyColumnOfTheTemplateMapsToTheCreateCallsField() {
        CsvRowMapping.MappedRow row = new CsvRowMapping(CsvColumns.ALL).map(CsvColumns.EXAMPLE);

        assertThat(row.errors()).isEmpty();
        assertThat(row.details()).isEqualTo(new CustomerDetails("Acme Corporation", "crm-001", "billing@acme.example",
                "+1 415 555 0123", new Address("1 Market St", "Suite 400", null, "San Francisco", "CA", "94105", "US"),
                null, List.of(new TaxIdentifier("US", "US_EIN", "12-3456789")), "{\"tier\": \"gold\"}", true, false,
                null, null));
        assertThat(row.parentExternalId()).isNull();
    }

    @Test
    void theMergePatchHoldsOnlyFilledInCellsWithCustomDataAsWritten() {
        CsvRowMapping mapping = new CsvRowMapping(List.of("email", "customer_name", "address_city",
                "ship_to_address_country", "custom_data", "communications_enabled", "parent_external_id"));

        CsvRowMapping.MappedRow row = mapping.map(List.of("", "New Name", "Paris", "DE", "{\"amount\": 1.10}", "FALSE",
                "crm-parent"));

        assertThat(row.mergePatch()).isEqualTo("{\"customer_name\":\"New Name\",\"address\":{\"city\":\"Paris\"},"
                + "\"ship_to_address\":{\"country\":\"DE\"},\"custom_data\":{\"amount\": 1.10},"
                + "\"communications_enabled\":false}");
        assertThat(row.details().email()).isNull();
        assertThat(row.details().communicationsEnabled()).isFalse();
        assertThat(row.parentExternalId()).isEqualTo("crm-parent");
    }

    @Test
    void customDataThatIsNotJsonIsLeftToTheCustomersValidation() {
        CsvRowMapping.MappedRow row = new CsvRowMapping(List.of("customer_name", "custom_data")).map(List.of("A", "{oops"));

        assertThat(row.errors()).isEmpty();
        assertThat(row.details().customData()).isEqualTo("{oops");
        assertThat(row.mergePatch()).isEqualTo("{\"customer_name\":\"A\",\"custom_data\":\"{oops\"}");
    }

    @Test
    void missingTrailingCellsAreAbsentAndExtraCellsAreAnError() {
        CsvRowMapping mapping = new CsvRowMapping(List.of("customer_name", "external_id", "email"));

        assertThat(mapping.map(List.of("Short")).details().externalId()).isNull();
        assertThat(mapping.map(List.of("A", "b", "c", "d")).errors())
                .containsExactly(new FieldError(null, "too_many_values", "has 4 values, the header has 3 columns"));
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        CsvRowMapping mapping = new CsvRowMapping(List.of("customer_name", "auto_charge_enabled", "communications_enabled"));

        assertThat(mapping.map(List.of("A", "True", " false ")).details().autoChargeEnabled()).isTrue();
        assertThat(mapping.map(List.of("A", "yes", "1")).errors()).extracting(FieldError::field)
                .containsExactly("communications_enabled", "auto_charge_enabled");
    }

    @Test
    void unknownColumnsAreIgnoredByTheMappingAndAnAddressOfEmptyCellsIsAbsent() {
        CsvRowMapping.MappedRow row = new CsvRowMapping(List.of("customer_name", "shoe_size", "address_city"))
                .map(List.of("A", "44", ""));

        assertThat(row.details().address()).isNull();
        assertThat(row.mergePatch()).isEqualTo("{\"customer_name\":\"A\"}");
    }

    @Test
    void validationFieldsAreNamedByTheirColumn() {
        assertThat(CsvRowMapping.column("address.country")).isEqualTo("address_country");
        assertThat(CsvRowMapping.column("ship_to_address.zip_code")).isEqualTo("ship_to_address_zip_code");
        assertThat(CsvRowMapping.column("tax_info[0].tax_id")).isEqualTo("tax_id");
        assertThat(CsvRowMapping.column("tax_info[0].country_code")).isEqualTo("tax_country_code");
        assertThat(CsvRowMapping.column("tax_info")).isEqualTo("tax_id");
        assertThat(CsvRowMapping.column("customer_name")).isEqualTo("customer_name");
        assertThat(CsvRowMapping.column("body")).isNull();
    }

    @Test
    void headersMatchCaseInsensitivelyAndKeepUnknownColumnsAside() {
        CsvHeader header = CsvHeader.of(List.of(" Customer_Name ", "EMAIL", "Shoe_Size"));

        assertThat(header.columns()).containsExactly("customer_name", "email", "shoe_size");
        assertThat(header.unknown()).containsExactly("shoe_size");
        assertThatThrownBy(() -> CsvHeader.of(List.of("customer_name;email")))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::code).containsExactly("missing_column"));
    }

    @Test
    void theFileIsReadWithBomCrlfQuotedLineBreaksAndATrailingEmptyLine() throws IOException {
        String csv = "\uFEFFcustomer_name,external_id\r\n\"A, \"\"quoted\"\"\r\nname\",x-1\r\n\r\nB,x-2\r\n\r\n";
        List<String> seen = new ArrayList<>();

        CsvFile.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new CsvFile.Records() {
            @Override
            public void header(CsvHeader header) {
                seen.add(String.join("|", header.columns()));
            }

            @Override
            public void record(long row, List<String> cells) {
                seen.add(row + ":" + String.join("|", cells));
            }
        });

        assertThat(seen).containsExactly("customer_name|external_id", "2:A, \"quoted\"\r\nname|x-1", "3:B|x-2");
    }
}
