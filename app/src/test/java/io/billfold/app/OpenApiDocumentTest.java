package io.billfold.app;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the code generates is the one checked in as {@code docs/openapi.json}, so that every contract
 * change is a visible diff. After changing the API, rewrite it with
 * {@code ./mvnw -pl app -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.write=true} and commit the diff.
 */
class OpenApiDocumentTest extends ApiTestSupport {

    static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

    @Test
    void theCheckedInDocumentIsTheOneTheCodeGenerates() throws IOException {
        Response generated = client(null).get("/v3/api-docs");
        assertThat(generated.status()).isEqualTo(200);
        String document = generated.raw().body().strip() + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CHECKED_IN, document, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
                .as("docs/openapi.json is not what the code generates: rerun this test with -Dopenapi.write=true and "
                        + "commit the diff")
                .isEqualTo(document);
    }

    @Test
    void theDocumentParsesWithoutErrorsOrWarnings() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser()
                .readContents(Files.readString(CHECKED_IN, StandardCharsets.UTF_8), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.0");
    }

    /** The ids become the method names of generated clients: readable, of two words at least, unique. */
    @Test
    void everyOperationHasAStableReadableId() throws IOException {
        OpenAPI document = new OpenAPIV3Parser()
                .readContents(Files.readString(CHECKED_IN, StandardCharsets.UTF_8), null, new ParseOptions())
                .getOpenAPI();
        List<String> ids = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperations().stream().map(Operation::getOperationId)
                .distinct().forEach(ids::add));
        assertThat(ids).allMatch(id -> id != null && id.matches("[a-z]+([A-Z][a-z]+)+"), "camelCase of 2+ words");
        Set<String> unique = new HashSet<>(ids);
        assertThat(unique).hasSameSizeAs(ids);
    }
}
