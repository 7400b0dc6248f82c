package io.billfold.command.importing;

import io.billfold.api.customer.CustomerImportNotFoundException;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.idempotency.OwnTransactions;
import io.billfold.platform.openapi.Raises;
import io.billfold.platform.openapi.ResponseHeader;
import io.billfold.platform.openapi.ResponseHeaders;
import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemWriter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Customer imports over HTTP. The upload is read as a stream (it is not buffered by the platform's request
 * transaction: {@link OwnTransactions}); the import runs in the background and is followed by its id.
 */
@OwnTransactions
@RestController
@Tag(name = "Customer imports")
class CustomerImportController {

    static final String TEXT_CSV = "text/csv";
    /** Errors listed in a status; every rejected row is counted in failed_rows, listed or not. */
    private static final int MAX_LISTED_ERRORS = 1000;

    private final ImportUploads uploads;
    private final ImportStore store;

    CustomerImportController(ImportUploads uploads, ImportStore store) {
        this.uploads = uploads;
        this.store = store;
    }

    record Accepted(String id, String status) {
    }

    @GetMapping(path = "/v1/customers/imports/template.csv", produces = TEXT_CSV)
    @Operation(operationId = "getImportTemplate", summary = "The import file's header and one example row")
    ResponseEntity<String> template() {
        String csv = CSVFormat.DEFAULT.format(CsvColumns.ALL.toArray()) + "\r\n"
                + CSVFormat.DEFAULT.format(CsvColumns.EXAMPLE.toArray()) + "\r\n";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"customers-template.csv\"")
                .body(csv);
    }

    @PostMapping(path = "/v1/customers/imports", consumes = TEXT_CSV)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "importCustomers", summary = "Import customers from a CSV file; runs in the background",
            description = "The file is the body (text/csv) or the multipart part 'file'; UTF-8, columns as in the "
                    + "template. Rejected rows are listed in the import's status and never stop it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = TEXT_CSV, schema = @Schema(type = "string", format = "binary"))))
    @ResponseHeaders(ResponseHeader.LOCATION)
    ResponseEntity<Accepted> uploadCsv(HttpServletRequest request,
                                       @Parameter(description = "Validate only: create and change nothing")
                                       @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                       @Parameter(description = "What happens to rows whose external_id or email "
                                               + "an existing customer has",
                                               schema = @Schema(allowableValues = {"skip", "update", "fail"}))
                                       @RequestParam(name = "on_conflict", defaultValue = "skip") String onConflict)
            throws IOException {
        if (request.getContentLengthLong() > uploads.maxBytes()) {
            throw new ImportUploads.FileTooLargeException(uploads.maxBytes());
        }
        return accepted(request.getInputStream(), dryRun, onConflict);
    }

    @PostMapping(path = "/v1/customers/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "importCustomers", summary = "Import customers from a CSV file; runs in the background")
    @ResponseHeaders(ResponseHeader.LOCATION)
    ResponseEntity<Accepted> uploadFile(@RequestPart("file") MultipartFile file,
                                        @Parameter(description = "Validate only: create and change nothing")
                                        @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                        @Parameter(description = "What happens to rows whose external_id or email "
                                                + "an existing customer has",
                                                schema = @Schema(allowableValues = {"skip", "update", "fail"}))
                                        @RequestParam(name = "on_conflict", defaultValue = "skip") String onConflict)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return accepted(in, dryRun, onConflict);
        }
    }

    @GetMapping("/v1/customers/imports/{id}")
    @Operation(operationId = "getImport", summary = "An import's status, counters and rejected rows")
    @Raises(CustomerImportNotFoundException.class)
    ImportStatus status(@PathVariable String id) {
        return store.find(CallerContext.organizationId(), id, MAX_LISTED_ERRORS)
                .orElseThrow(() -> new CustomerImportNotFoundException(id));
    }

    @ExceptionHandler(ImportUploads.FileTooLargeException.class)
    ResponseEntity<Problem> tooLarge(ImportUploads.FileTooLargeException e) {
        Problem problem = Problem.of(413, "payload_too_large", "Payload Too Large", e.getMessage());
        return ResponseEntity.status(413).contentType(ProblemWriter.PROBLEM_JSON).body(problem);
    }

    private ResponseEntity<Accepted> accepted(InputStream file, boolean dryRun, String onConflict) {
        OnConflict mode = OnConflict.ofApiName(onConflict).orElseThrow(() -> new ValidationFailedException(
                new FieldError("on_conflict", "invalid_value", "must be skip, update or fail")));
        String importId;
        try {
            importId = uploads.store(file, dryRun, mode);
        } catch (UncheckedIOException e) {
            throw new ValidationFailedException(new FieldError("file", "unreadable", "could not be read to its end"));
        }
        return ResponseEntity.accepted().location(URI.create("/v1/customers/imports/" + importId))
                .body(new Accepted(importId, "queued"));
    }
}
