package io.flarekit.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document, the Swagger UI and the health endpoint. */
class SystemEndpointsTest extends IntegrationTest {

	@Test
	void theSpecificationDescribesEveryResource() {
		Response response = get("/specification.json");
		assertThat(response.status()).isEqualTo(200);
		JsonNode spec = response.json();
		assertThat(spec.get("openapi").stringValue()).startsWith("3.1");
		assertThat(spec.at("/components/securitySchemes/bearer/scheme").stringValue()).isEqualTo("bearer");
		assertThat(spec.get("paths").propertyNames()).contains("/", "/users", "/users/{id}", "/test-articles")
			.doesNotContain("/error");

		JsonNode users = spec.at("/paths/~1users");
		assertThat(users.propertyNames()).contains("get", "post", "patch", "delete");
		List<String> listParameters = new ArrayList<>();
		users.at("/get/parameters").forEach((parameter) -> listParameters.add(parameter.get("name").stringValue()));
		assertThat(listParameters).containsExactly("range", "sort", "filter", "includeDeleted", "embed", "cursor",
				"limit");
		assertThat(users.at("/get/parameters/2/description").stringValue()).contains("field_gte", "q");
		assertThat(users.at("/get/responses/200/headers").propertyNames()).contains("Content-Range", "X-Total-Count",
				"Link");
		assertThat(users.at("/post/requestBody/content/application~1json/schema/$ref").stringValue()).endsWith("/User");
		assertThat(users.at("/post/responses").propertyNames()).contains("201", "400", "409");
		assertThat(users.at("/patch/operationId").stringValue()).isEqualTo("users_bulkUpdate");
		assertThat(users.at("/patch/requestBody/content/application~1json/schema/items/properties/data/$ref")
			.stringValue()).endsWith("/User");
		assertThat(users.at("/get/responses/400/content/application~1problem+json/schema/$ref").stringValue())
			.endsWith("/ApiProblem");

		JsonNode user = spec.at("/paths/~1users~1{id}");
		assertThat(user.propertyNames()).contains("get", "put", "patch", "delete");
		assertThat(user.at("/delete/responses").propertyNames()).contains("200", "404");
		assertThat(spec.at("/components/schemas/ApiProblem/properties").propertyNames()).contains("code", "message",
				"details", "errors", "requestId", "timestamp");
		assertThat(spec.at("/components/schemas/User/properties/createdAt/readOnly").booleanValue()).isTrue();

		JsonNode storage = spec.at("/paths/~1storage");
		assertThat(storage.propertyNames()).contains("get", "post", "delete").doesNotContain("patch");
		assertThat(storage.at("/post/requestBody/content").propertyNames()).containsExactly("multipart/form-data");
		assertThat(spec.at("/paths/~1storage~1{id}").propertyNames()).contains("get", "put", "delete")
			.doesNotContain("patch");
		assertThat(spec.get("paths").propertyNames()).contains("/storage/{id}/content", "/storage-info", "/uploads",
				"/uploads/{uploadId}/parts/{partNumber}", "/uploads/{uploadId}/complete");
	}

	@Test
	void theSpecificationDescribesVersionsAndConditionalRequests() {
		JsonNode spec = get("/specification.json").json();
		JsonNode user = spec.at("/paths/~1users~1{id}");
		for (String method : List.of("put", "patch", "delete")) {
			assertThat(headerParameters(user.at("/" + method))).as(method).contains("If-Match");
			assertThat(user.at("/" + method + "/responses").propertyNames()).as(method).contains("200", "412");
			assertThat(user.at("/" + method + "/responses/200/headers").propertyNames()).as(method).contains("ETag");
			assertThat(user.at("/" + method + "/responses/412/content/application~1problem+json/schema/$ref")
				.stringValue()).endsWith("/ApiProblem");
		}
		assertThat(headerParameters(user.at("/get"))).contains("If-None-Match");
		assertThat(user.at("/get/responses").propertyNames()).contains("200", "304").doesNotContain("412");
		assertThat(user.at("/get/responses/200/headers").propertyNames()).contains("ETag");
		assertThat(spec.at("/paths/~1users/post/responses/201/headers").propertyNames()).contains("ETag");
		assertThat(spec.at("/paths/~1users/patch/requestBody/content/application~1json/schema/items/properties")
			.propertyNames()).contains("id", "version", "data");
		assertThat(spec.at("/components/schemas/User/properties/version/readOnly").booleanValue()).isTrue();
		assertThat(spec.at("/components/schemas/StorageInfo/properties/version/readOnly").booleanValue()).isTrue();
		JsonNode storage = spec.at("/paths/~1storage~1{id}");
		assertThat(headerParameters(storage.at("/put"))).contains("If-Match");
		assertThat(storage.at("/put/responses").propertyNames()).contains("412");
	}

	@Test
	void parameterExamplesAreWhatAClientSends() {
		// Swagger UI's "Try it out" fills each field with its example: a JSON array as
		// the
		// example of a string parameter would be sent as "0,9" instead of "[0,9]"
		JsonNode paths = get("/specification.json").json().get("paths");
		List<String> checked = new ArrayList<>();
		paths.properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			for (JsonNode parameter : operation.getValue().path("parameters")) {
				JsonNode example = parameter.path("example");
				if (!example.isMissingNode() && "string".equals(parameter.at("/schema/type").asString())) {
					assertThat(example.isString()).as(path.getKey() + " " + parameter.get("name")).isTrue();
					checked.add(parameter.get("name").stringValue());
				}
			}
		}));
		assertThat(checked).contains("range", "sort", "filter", "embed");
		assertThat(paths.at("/~1users/get/parameters/0/example").stringValue()).isEqualTo("[0,9]");
	}

	private static List<String> headerParameters(JsonNode operation) {
		List<String> names = new ArrayList<>();
		operation.at("/parameters").forEach((parameter) -> {
			if ("header".equals(parameter.get("in").stringValue())) {
				names.add(parameter.get("name").stringValue());
			}
		});
		return names;
	}

	@Test
	void corsPreflightAllowsTheConditionalRequestHeaders() {
		Response preflight = send("OPTIONS", "/users/x", null, "Origin", "http://admin.example.com",
				"Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "if-match,if-none-match");
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase()).contains("if-match",
				"if-none-match");
		Response read = get("/users", "Origin", "http://admin.example.com");
		assertThat(read.header("Access-Control-Expose-Headers")).contains("ETag");
	}

	@Test
	void theSwaggerUiIsServed() {
		Response redirect = get("/docs");
		assertThat(redirect.status()).isEqualTo(302);
		Response page = get(URI.create(redirect.header("Location")).getPath());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
	}

	@Test
	void healthIncludesTheDatabase() {
		Response health = get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
		assertThat(health.json().at("/components/db/status").stringValue()).isEqualTo("UP");
	}

}
