package io.billfold.platform.openapi;

import io.billfold.platform.web.CommandResponses;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;

/** A header of a success response, as the OpenAPI document describes it. */
public enum ResponseHeader {

    LOCATION("Location", "The path of the resource the request created") {
        @Override
        Header header() {
            return new Header().description(description).required(true).schema(new StringSchema()
                    .example("/v1/customers/cus_01jf3z8q2w7e5r4t6y8v0k2m4p"));
        }
    },
    POSITION(CommandResponses.POSITION_HEADER, "The event store position of the last event the command produced; "
            + "send it as Billfold-Await-Position to read this write") {
        @Override
        Header header() {
            return new Header().description(description).required(true)
                    .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO).example(1042));
        }
    };

    final String headerName;
    final String description;

    ResponseHeader(String headerName, String description) {
        this.headerName = headerName;
        this.description = description;
    }

    abstract Header header();
}
