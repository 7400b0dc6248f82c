package io.billfold.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** Writes problem responses from servlet filters, which run outside Spring MVC's exception handling. */
@Component
public class ProblemWriter {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);

    private final JsonMapper jsonMapper;

    ProblemWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public void write(HttpServletResponse response, Problem problem) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(PROBLEM_JSON.toString());
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(problem));
    }

    /** A 503 for a database a filter could not use (down, or no connection free in time), logged with its cause. */
    public void databaseUnavailable(HttpServletResponse response, DataAccessException cause) throws IOException {
        log.warn("Database unavailable: {}", cause.getMessage());
        write(response, Problem.databaseUnavailable());
    }
}
