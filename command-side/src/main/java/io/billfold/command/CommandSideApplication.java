package io.billfold.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the command side alone (see {@code billfold-command.jar}); several can share one PostgreSQL. */
@SpringBootApplication(scanBasePackages = "io.billfold")
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
