package io.billfold.app;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule violation declares its kind and code, which its constructor and the OpenAPI document read. */
class ApiErrorDeclarationsTest {

    @Test
    void everyConcreteBillfoldExceptionDeclaresItsApiError() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(BillfoldException.class));
        List<String> types = scanner.findCandidateComponents("io.billfold").stream()
                .map(BeanDefinition::getBeanClassName).toList();
        assertThat(types).contains("io.billfold.api.wallet.InsufficientFundsException");
        for (String type : types) {
            assertThat(Class.forName(type).getAnnotation(ApiError.class)).as(type).isNotNull();
        }
    }
}
