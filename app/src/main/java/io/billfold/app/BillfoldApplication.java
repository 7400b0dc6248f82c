package io.billfold.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Billfold in one process: the command side and the query side together (the default way to run it). */
@SpringBootApplication(scanBasePackages = "io.billfold")
public class BillfoldApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillfoldApplication.class, args);
    }
}
