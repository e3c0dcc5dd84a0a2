package io.flarekit.system;

import java.util.List;

import io.flarekit.core.web.ResourceController;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for every response, errors included (a filter, so that even a request refused
 * before Spring MVC, such as an oversized upload, is readable by the admin app): the
 * configured origins, every method react-admin uses, any request header (it sends
 * {@code Range}), and the list and download headers exposed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties cors) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(cors.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		configuration.addAllowedHeader("*");
		configuration.setExposedHeaders(ResourceController.EXPOSED_HEADERS);
		configuration.setMaxAge(cors.maxAge());
		// one configuration for every path: no pattern to match on each request
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(
				new CorsFilter((request) -> configuration));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * No {@code http.server.requests} observation when it is off: Spring Boot registers
	 * its observation filter whatever {@code management.observations.enable.*} says, and
	 * the filter then still builds an observation context for every request. This
	 * registration, disabled, takes the place of Boot's, so that no filter runs; with the
	 * setting on, Boot's filter is back.
	 */
	@Bean
	@ConditionalOnProperty(name = "management.observations.enable.http.server.requests", havingValue = "false")
	FilterRegistrationBean<ServerHttpObservationFilter> noRequestObservations() {
		FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
				new ServerHttpObservationFilter(ObservationRegistry.NOOP));
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * No XML converter. Hibernate brings JAXB, so Spring MVC would add a JAXB converter,
	 * which writes no response of this service (none is a JAXB root element) but scans
	 * the annotations of every response's class to find that out, on every request. (With
	 * Jackson's XML module on the classpath, as in the tests, Spring adds one that writes
	 * XML instead: it goes too, so that the tests see what production does.)
	 */
	@Bean
	WebMvcConfigurer noXmlConverter() {
		return new WebMvcConfigurer() {
			@Override
			public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
				converters.configureMessageConvertersList(
						(list) -> list.removeIf((converter) -> converter.getSupportedMediaTypes()
							.stream()
							.anyMatch(MediaType.APPLICATION_XML::equalsTypeAndSubtype)));
			}
		};
	}

}
