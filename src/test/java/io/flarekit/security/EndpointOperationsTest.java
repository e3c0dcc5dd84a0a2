package io.flarekit.security;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the application maps, found from Spring MVC itself, and the resource and
 * operation its requests are decided as: a new endpoint fails this test until it is
 * placed here, so none is decided by accident.
 */
class EndpointOperationsTest extends IntegrationTest {

	private static final Map<String, String> EXPECTED = Map.ofEntries(Map.entry("GET /", " list"),
			Map.entry("GET /users", "users list"), Map.entry("GET /users/{id}", "users read"),
			Map.entry("POST /users", "users create"), Map.entry("PUT /users/{id}", "users update"),
			Map.entry("PATCH /users/{id}", "users update"), Map.entry("PATCH /users", "users update"),
			Map.entry("DELETE /users/{id}", "users delete"), Map.entry("DELETE /users", "users delete"),
			Map.entry("GET /storage", "storage list"), Map.entry("GET /storage/{id}", "storage read"),
			Map.entry("GET /storage/{id}/content", "storage read"), Map.entry("POST /storage", "storage create"),
			Map.entry("PUT /storage/{id}", "storage update"), Map.entry("DELETE /storage/{id}", "storage delete"),
			Map.entry("DELETE /storage", "storage delete"), Map.entry("POST /uploads", "storage create"),
			Map.entry("PUT /uploads/{uploadId}/parts/{partNumber}", "storage create"),
			Map.entry("GET /uploads/{uploadId}", "storage create"),
			Map.entry("POST /uploads/{uploadId}/complete", "storage create"),
			Map.entry("DELETE /uploads/{uploadId}", "storage create"),
			Map.entry("GET /storage-info", "storage-info list"),
			Map.entry("GET /storage-info/{id}", "storage-info read"),
			Map.entry("POST /storage-info", "storage-info create"),
			Map.entry("PUT /storage-info/{id}", "storage-info update"),
			Map.entry("PATCH /storage-info/{id}", "storage-info update"),
			Map.entry("PATCH /storage-info", "storage-info update"),
			Map.entry("DELETE /storage-info/{id}", "storage-info delete"),
			Map.entry("DELETE /storage-info", "storage-info delete"),
			Map.entry("GET /test-articles", "test-articles list"),
			Map.entry("GET /test-articles/{id}", "test-articles read"),
			Map.entry("POST /test-articles", "test-articles create"),
			Map.entry("PUT /test-articles/{id}", "test-articles update"),
			Map.entry("PATCH /test-articles/{id}", "test-articles update"),
			Map.entry("PATCH /test-articles", "test-articles update"),
			Map.entry("DELETE /test-articles/{id}", "test-articles delete"),
			Map.entry("DELETE /test-articles", "test-articles delete"), Map.entry("GET /test-notes", "test-notes list"),
			Map.entry("GET /test-notes/{id}", "test-notes read"), Map.entry("POST /test-notes", "test-notes create"),
			Map.entry("PUT /test-notes/{id}", "test-notes update"),
			Map.entry("PATCH /test-notes/{id}", "test-notes update"),
			Map.entry("PATCH /test-notes", "test-notes update"),
			Map.entry("DELETE /test-notes/{id}", "test-notes delete"),
			Map.entry("DELETE /test-notes", "test-notes delete"), Map.entry("GET /test-tags", "test-tags list"),
			Map.entry("GET /test-tags/{id}", "test-tags read"), Map.entry("POST /test-tags", "test-tags create"),
			Map.entry("PUT /test-tags/{id}", "test-tags update"),
			Map.entry("PATCH /test-tags/{id}", "test-tags update"), Map.entry("PATCH /test-tags", "test-tags update"),
			Map.entry("DELETE /test-tags/{id}", "test-tags delete"), Map.entry("DELETE /test-tags", "test-tags delete"),
			Map.entry("GET /api-keys", "api-keys list"), Map.entry("POST /api-keys", "api-keys create"),
			Map.entry("DELETE /api-keys/{id}", "api-keys delete"), Map.entry("GET /owner-scope", "owner-scope list"),
			Map.entry("POST /admin/restore/{resource}/{id}", "admin create"));

	/** Mapped by libraries, and open to anyone: see SecurityConfiguration.OPEN_PATHS. */
	private static final Set<String> OPEN = Set.of("/error", "/specification.json", "/specification.json.yaml",
			"/specification.json/swagger-config", "/docs", "/swagger-ui.html", "/actuator/health",
			"/actuator/health/**", "/actuator", "/admin", "/admin/", "/admin/session");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedEndpointIsDecidedAsTheResourceAndOperationItServes() {
		Map<String, String> actual = new TreeMap<>();
		Set<String> open = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				if (OPEN.contains(pattern) || methods.isEmpty()) {
					open.add(pattern);
					continue;
				}
				for (RequestMethod method : methods) {
					MockHttpServletRequest request = new MockHttpServletRequest(method.name(),
							pattern.replaceAll("\\{[^}]+}", "x1"));
					RequestTarget target = RequestTarget.of(request);
					actual.put(method + " " + pattern,
							target.resource() + " " + target.operation().name().toLowerCase());
				}
			}
		}
		assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
		assertThat(OPEN).containsAll(open);
	}

}
