package io.billfold.console.pages;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's one page. Every screen's address ({@code /console/customers/cus_…}) answers the same page, whose
 * script shows the screen; the addresses are listed so that anything else under {@code /console} stays a 404.
 */
@RestController
@Hidden
class ConsolePages {

    private static final Resource PAGE = new ClassPathResource("console/index.html");

    @GetMapping({"/console", "/console/", "/console/{screen:" + ConsoleScreens.PATTERN + "}",
            "/console/{screen:" + ConsoleScreens.PATTERN + "}/**"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore()).body(PAGE);
    }
}
