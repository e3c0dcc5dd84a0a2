package io.flarekit.system;

import java.lang.reflect.Field;
import java.util.List;

import io.flarekit.IntegrationTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default a request runs through no observation: no {@code http.server.requests}
 * filter, Spring Security's chain unwrapped, no meters of either; and Spring MVC has no
 * XML converter to ask about every response (production's, JAXB, writes none of them).
 * {@link RequestObservationsOnTest} turns the observations back on.
 */
class RequestObservationsTest extends IntegrationTest {

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private FilterChainProxy security;

	@Autowired
	private RequestMappingHandlerAdapter mvc;

	@Test
	void noRequestIsObserved() {
		assertThat(get("/users").status()).isEqualTo(200);
		assertThat(get("/users/none").status()).isEqualTo(404);
		assertThat(meterNames(this.meters)).noneMatch((name) -> name.startsWith("http.server.requests"))
			.noneMatch((name) -> name.startsWith("spring.security"));
		assertThat(filterClasses(this.context)).doesNotContain(ServerHttpObservationFilter.class.getName())
			.isNotEmpty();
		assertThat(decoratorOf(this.security)).isNotInstanceOf(ObservationFilterChainDecorator.class);
	}

	@Test
	void noConverterAsksAboutXml() {
		assertThat(this.mvc.getMessageConverters())
			.noneMatch((converter) -> converter.getSupportedMediaTypes()
				.stream()
				.anyMatch(MediaType.APPLICATION_XML::equalsTypeAndSubtype))
			.isNotEmpty();
	}

	/**
	 * What wraps each filter of Spring Security's chain: the decorator of the proxy that
	 * Spring Security builds, which the bean may hold inside one of its own.
	 */
	static Object decoratorOf(FilterChainProxy bean) {
		Field inner = ReflectionUtils.findField(bean.getClass(), "springSecurityFilterChain");
		Object proxy = bean;
		if (inner != null) {
			ReflectionUtils.makeAccessible(inner);
			proxy = ReflectionUtils.getField(inner, bean);
		}
		return ReflectionTestUtils.getField(proxy, "filterChainDecorator");
	}

	static List<String> meterNames(MeterRegistry meters) {
		return meters.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).toList();
	}

	static List<String> filterClasses(WebApplicationContext context) {
		return context.getServletContext()
			.getFilterRegistrations()
			.values()
			.stream()
			.map(FilterRegistration::getClassName)
			.toList();
	}

}
