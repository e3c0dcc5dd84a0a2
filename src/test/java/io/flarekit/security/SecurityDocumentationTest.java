package io.flarekit.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document says what the rules say: which operations are open, which rule the
 * others need, and the 401 and 403 they may answer.
 */
@TestPropertySource(properties = { "flarekit.access.resources.users.list=public",
		"flarekit.access.resources.users.read=authenticated" })
class SecurityDocumentationTest extends SecurityTest {

	@Test
	void theDocumentDeclaresTheApiKeySchemeAndNoOtherWithoutAnIdentityProvider() {
		JsonNode schemes = get("/specification.json").json().at("/components/securitySchemes");
		assertThat(schemes.propertyNames()).containsExactly("bearer");
		assertThat(schemes.at("/bearer/scheme").stringValue()).isEqualTo("bearer");
		assertThat(schemes.at("/bearer/bearerFormat").stringValue()).isEqualTo("API key");
	}

	@Test
	void eachOperationSaysWhatItNeeds() {
		JsonNode paths = get("/specification.json").json().get("paths");
		JsonNode list = paths.at("/~1users/get");
		assertThat(requirements(list)).containsExactly("(none)", "bearer");
		assertThat(list.get("description").stringValue()).contains("Access: public");
		JsonNode read = paths.at("/~1users~1{id}/get");
		assertThat(requirements(read)).containsExactly("bearer");
		assertThat(read.get("description").stringValue()).contains("Access: authenticated",
				"with includeDeleted=true also: role:admin");
		JsonNode create = paths.at("/~1users/post");
		assertThat(requirements(create)).containsExactly("bearer");
		assertThat(create.get("description").stringValue()).contains("Access: role:admin");
		assertThat(create.get("responses").propertyNames()).contains("401", "403");
		assertThat(paths.at("/~1users~1{id}/delete/description").stringValue())
			.contains("with permanent=true also: role:admin");
		assertThat(paths.at("/~1uploads/post/description").stringValue()).as("an upload creates storage")
			.contains("Access: role:admin");
		assertThat(requirements(paths.at("/~1/get"))).as("the welcome is always open").containsExactly("(none)");
	}

	/** The security requirements of an operation, one scheme name each, (none) for {}. */
	private static List<String> requirements(JsonNode operation) {
		List<String> names = new ArrayList<>();
		operation.get("security")
			.forEach((requirement) -> names
				.add(requirement.propertyNames().isEmpty() ? "(none)" : String.join("+", requirement.propertyNames())));
		return names;
	}

}
