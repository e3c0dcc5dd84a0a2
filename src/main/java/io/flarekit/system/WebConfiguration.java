package io.flarekit.system;

import io.flarekit.core.ResourceController;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for every endpoint: the configured origins, every method react-admin uses, any
 * request header (it sends {@code Range}), and the list headers exposed so that a browser
 * can read the total.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class WebConfiguration implements WebMvcConfigurer {

	private final CorsProperties cors;

	WebConfiguration(CorsProperties cors) {
		this.cors = cors;
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/**")
			.allowedOriginPatterns(this.cors.allowedOrigins().toArray(String[]::new))
			.allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
			.allowedHeaders("*")
			.exposedHeaders(ResourceController.EXPOSED_HEADERS.toArray(String[]::new))
			.maxAge(this.cors.maxAge().toSeconds());
	}

}
