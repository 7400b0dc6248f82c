package io.billfold.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The platform alone, for its own tests: no command side, no query side. */
@SpringBootApplication
public class PlatformTestApplication {
}
