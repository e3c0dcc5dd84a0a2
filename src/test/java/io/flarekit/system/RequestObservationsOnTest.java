package io.flarekit.system;

import io.flarekit.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observations that are off by default ({@link RequestObservationsTest}) come back
 * with Spring Boot's own switches, as docs/configuration.md says.
 */
@TestPropertySource(properties = { "management.observations.enable.http.server.requests=true",
		"management.observations.enable.spring.security=true" })
class RequestObservationsOnTest extends IntegrationTest {

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private FilterChainProxy security;

	@Test
	void requestsAreObservedWhenTheSettingsSaySo() {
		assertThat(get("/users").status()).isEqualTo(200);
		assertThat(this.meters.find("http.server.requests").tag("uri", "/users").timer()).isNotNull();
		assertThat(RequestObservationsTest.meterNames(this.meters))
			.anyMatch((name) -> name.startsWith("spring.security"));
		assertThat(RequestObservationsTest.filterClasses(this.context))
			.contains(ServerHttpObservationFilter.class.getName());
		assertThat(RequestObservationsTest.decoratorOf(this.security))
			.isInstanceOf(ObservationFilterChainDecorator.class);
	}

}
