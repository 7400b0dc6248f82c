package io.billfold.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the query side alone (see {@code billfold-query.jar}); several share each projection's segments. */
@SpringBootApplication(scanBasePackages = "io.billfold")
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
