package io.billfold.console.session;

import io.billfold.api.error.FieldError;
import io.billfold.platform.auth.BrowserSessions;
import io.billfold.platform.auth.Caller;
import io.billfold.platform.auth.SessionSettings;
import io.billfold.platform.web.Problem;
import io.billfold.platform.web.ProblemWriter;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Sign-in and sign-out of the console. The key is posted once, in a JSON body (never in a URL; bodies are never
 * logged), and exchanged for a session cookie that scripts cannot read; the browser keeps nothing else. Every call
 * needs the console's CSRF header and must not come from another site.
 */
@RestController
@Hidden
class ConsoleSessionController {

    static final String PATH = "/console/session";

    private static final int MAX_BODY_BYTES = 4096;

    private final BrowserSessions sessions;
    private final SessionSettings settings;
    private final JsonMapper json;

    ConsoleSessionController(BrowserSessions sessions, SessionSettings settings, JsonMapper json) {
        this.sessions = sessions;
        this.settings = settings;
        this.json = json;
    }

    /** Who is signed in, as the console needs it to decide what to show. */
    record SignedIn(String organizationId, String keyId, String keyName, String role, boolean operator) {
        static SignedIn of(Caller caller) {
            return new SignedIn(caller.organizationId(), caller.keyId(), caller.keyName(),
                    caller.role() == null ? null : caller.role().apiName(), caller.operator());
        }
    }

    @PostMapping(PATH)
    ResponseEntity<?> signIn(HttpServletRequest request) throws IOException {
        if (!BrowserSessions.sameSiteConsoleRequest(request)) {
            return forbidden();
        }
        if (!isJson(request.getContentType())) {
            return problem(Problem.of(415, "unsupported_media_type", "Unsupported Media Type",
                    "Send {\"api_key\": \"...\"} as application/json"));
        }
        // A sign-in body is one short key: it is read up to a small bound, never whatever size a client sends.
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return problem(Problem.of(413, "payload_too_large", "Payload Too Large",
                    "A sign-in body is at most " + MAX_BODY_BYTES + " bytes"));
        }
        JsonNode key;
        try {
            key = body.length == 0 ? null : json.readTree(body).get("api_key");
        } catch (JacksonException e) {
            return problem(Problem.of(400, "malformed_json", "Malformed JSON", "The request body is not valid JSON"));
        }
        if (key == null || !key.isString()) {
            return problem(Problem.of(422, "validation_failed", "The request is invalid", "api_key: is required",
                    List.of(new FieldError("api_key", "required", "is required"))));
        }
        // A sign-in replaces whatever session the browser had (no session fixation).
        BrowserSessions.token(request).ifPresent(sessions::close);
        return sessions.open(key.asString())
                .<ResponseEntity<?>>map(opened -> ResponseEntity.status(201)
                        .header(HttpHeaders.SET_COOKIE, cookie(opened.token(), settings.maxAge(), request).toString())
                        .body(SignedIn.of(opened.caller())))
                .orElseGet(() -> problem(Problem.of(401, "unauthenticated", "Unauthorized",
                        "This API key is unknown or revoked")));
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @GetMapping(PATH)
    ResponseEntity<?> current(HttpServletRequest request) {
        return sessions.caller(request).<ResponseEntity<?>>map(caller -> ResponseEntity.ok(SignedIn.of(caller)))
                .orElseGet(() -> problem(Problem.of(401, "unauthenticated", "Unauthorized", "Not signed in")));
    }

    @DeleteMapping(PATH)
    ResponseEntity<?> signOut(HttpServletRequest request) {
        if (!BrowserSessions.sameSiteConsoleRequest(request)) {
            return forbidden();
        }
        BrowserSessions.token(request).ifPresent(sessions::close);
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString()).build();
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure whenever served over https. */
    private static ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(BrowserSessions.COOKIE, value)
                .path("/")
                .httpOnly(true)
                .sameSite("Strict")
                .secure(request.isSecure())
                .maxAge(maxAge)
                .build();
    }

    private static ResponseEntity<Problem> forbidden() {
        return problem(Problem.of(403, "forbidden", "Forbidden",
                "Console requests carry the " + BrowserSessions.CSRF_HEADER + " header and come from the console"));
    }

    private static ResponseEntity<Problem> problem(Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(ProblemWriter.PROBLEM_JSON).body(problem);
    }
}
