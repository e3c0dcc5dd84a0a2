package io.flarekit.admin;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the admin UI's bundle, built from {@code admin/} into
 * {@code src/main/resources/admin/}: {@code index.html} at {@code /admin/}, revalidated
 * on every load so that a new release is picked up at once, and the assets, whose names
 * carry a hash of their content, cached for a year.
 */
@Hidden
@RestController
@Configuration(proxyBeanMethods = false)
class AdminPages implements WebMvcConfigurer {

	static final String LOCATION = "classpath:/admin/";

	private final Resource index = new ClassPathResource("admin/index.html");

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/admin/assets/**")
			.addResourceLocations(LOCATION + "assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
	}

	/**
	 * Relative asset paths in the page resolve under {@code /admin/}, not under
	 * {@code /}.
	 */
	@GetMapping("/admin")
	ResponseEntity<Void> redirect() {
		return ResponseEntity.status(308).header("Location", "/admin/").build();
	}

	@GetMapping("/admin/")
	ResponseEntity<Resource> index() {
		if (!this.index.exists()) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.contentType(MediaType.TEXT_HTML)
			.header("X-Content-Type-Options", "nosniff")
			.body(this.index);
	}

}
