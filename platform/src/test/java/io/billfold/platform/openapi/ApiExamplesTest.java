package io.billfold.platform.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiExamplesTest {

    /** Stands for a controller: the examples are the resources examples/*.json of its package. */
    static class ExampleController {
        void handle() {
        }
    }

    private final ApiExamples examples = new ApiExamples();

    /** Twice, as springdoc may customise a document again. */
    @Test
    void theExamplesOfAnOperationGoToItsBodiesAndProblems() {
        Operation operation = operation("debitWallet", "application/json", "application/merge-patch+json");
        ProblemResponses.add(operation, 422, "insufficient_funds", "validation_failed");

        document(operation);
        document(operation);

        Map<?, ?> request = Map.of("amount", "40.00", "reason", "manual_deduction");
        assertThat(operation.getRequestBody().getContent().get("application/json").getExample()).isEqualTo(request);
        assertThat(operation.getRequestBody().getContent().get("application/merge-patch+json").getExample())
                .isEqualTo(request);
        assertThat(operation.getResponses().get("201").getContent().get("application/json").getExample())
                .isEqualTo(Map.of("id", "txn_01jf3zd8s2t6v0w4x8y2z6a0b4", "amount", "40.00"));
        MediaType problem = operation.getResponses().get("422").getContent().get(ProblemResponses.PROBLEM_JSON);
        assertThat(Json.mapper().valueToTree(problem.getExamples().get("insufficient_funds").getValue()).toString())
                .isEqualTo("{\"type\":\"urn:billfold:problem:insufficient_funds\",\"status\":422,"
                        + "\"title\":\"Unprocessable Content\",\"detail\":\"The wallet holds only 10.00 USD\","
                        + "\"code\":\"insufficient_funds\",\"request_id\":\"" + ApiExamples.REQUEST_ID + "\"}");
        assertThat(problem.getExamples()).containsOnlyKeys("insufficient_funds");
        assertThat(problem.getExamples().get("insufficient_funds").getSummary())
                .isEqualTo("The wallet holds only 10.00 USD");
    }

    @Test
    void aBodyThatIsNotJsonTakesTheExampleOfItsMediaType() {
        Operation operation = operation("importFile", "text/csv");

        document(operation);

        assertThat(operation.getRequestBody().getContent().get("text/csv").getExample())
                .isEqualTo("customer_name\r\nGlobex Ltd\r\n");
    }

    @Test
    void anOperationWithoutExamplesIsLeftAsItIs() {
        Operation operation = operation("listNothing", "application/json");

        document(operation);

        assertThat(operation.getRequestBody().getContent().get("application/json").getExample()).isNull();
    }

    @Test
    void aMemberTheFileFormatDoesNotKnowFailsTheDocument() {
        Operation operation = operation("misspelled", "application/json");

        assertThatThrownBy(() -> document(operation)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("misspelled.json").hasMessageContaining("unknown member respnse");
    }

    @Test
    void aProblemOfAStatusTheOperationDoesNotDeclareFailsTheDocument() {
        Operation operation = operation("undeclaredProblem", "application/json");

        assertThatThrownBy(() -> document(operation)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no problem response of status 409");
    }

    /** What springdoc does: every operation customizer first, then the document customizers. */
    private void document(Operation operation) {
        examples.customize(operation, handler());
        examples.customise(new OpenAPI().paths(new Paths().addPathItem("/v1/test", new PathItem().post(operation))));
    }

    private static Operation operation(String id, String... requestMediaTypes) {
        Content body = new Content();
        for (String type : requestMediaTypes) {
            body.addMediaType(type, new MediaType().schema(new Schema<>()));
        }
        return new Operation().operationId(id).requestBody(new RequestBody().content(body))
                .responses(new ApiResponses().addApiResponse("201", new ApiResponse().description("Created")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>())))));
    }

    private static HandlerMethod handler() {
        try {
            return new HandlerMethod(new ExampleController(), ExampleController.class.getDeclaredMethod("handle"));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
