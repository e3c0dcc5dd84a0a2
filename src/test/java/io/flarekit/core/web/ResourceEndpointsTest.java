package io.flarekit.core.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import io.flarekit.core.web.ResourceEndpoints.Endpoint;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic endpoints are found by their mark, so that {@link ResourceEndpoints} and
 * the OpenAPI document keep working whatever the controller's methods are called.
 */
class ResourceEndpointsTest {

	@Test
	void everyMappedMethodOfTheGenericControllerServesExactlyOneEndpointAndEachEndpointHasOne() {
		List<Method> mapped = Arrays.stream(ResourceController.class.getDeclaredMethods())
			.filter((method) -> AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class))
			.toList();
		assertThat(mapped).allSatisfy((method) -> assertThat(Endpoint.of(method)).as(method.getName()).isPresent());
		assertThat(mapped.stream().map((method) -> Endpoint.of(method).orElseThrow()))
			.containsExactlyInAnyOrder(Endpoint.values());
	}

	@Test
	void methodsOfAResourcesOwnServeNoGenericEndpoint() throws NoSuchMethodException {
		assertThat(Endpoint.of(Object.class.getMethod("toString"))).isEmpty();
	}

	@Test
	void operationNamesAreTheEndpointsInCamelCase() {
		assertThat(Endpoint.LIST.operationName()).isEqualTo("list");
		assertThat(Endpoint.BULK_UPDATE.operationName()).isEqualTo("bulkUpdate");
		assertThat(Endpoint.BULK_DELETE.operationName()).isEqualTo("bulkDelete");
	}

}
