package io.flarekit.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flarekit.core.error.ApiProblem;
import io.flarekit.core.web.ResourceController;
import io.flarekit.core.web.ResourceEndpoints.Endpoint;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document at {@code /specification.json}: every resource of the generic core
 * described with its entity's schema (springdoc sees only {@code JsonNode} request bodies
 * in the generic controller), its list parameters and the problem responses it gives.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM = "ApiProblem";

	private static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenAPI flarekitOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Flarekit API")
				.version("v1")
				.description("A CRUD API for every table, in react-admin's simple-rest dialect. "
						+ "Errors are RFC 9457 problem details (application/problem+json)."))
			.components(new Components());
	}

	/**
	 * The problem schema, read when the document is first built rather than at start:
	 * swagger's model reader loads Jackson 2 and its own converters (about 500 classes
	 * and a second of start-up on 2 cores) that nothing else needs (docs/benchmarks.md).
	 */
	@Bean
	OpenApiCustomizer problemSchema() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.components(new Components());
			}
			ModelConverters.getInstance().readAll(ApiProblem.class).forEach(openApi.getComponents()::addSchemas);
		};
	}

	@Bean
	OperationCustomizer resourceOperations() {
		return (operation, handler) -> {
			if (ResourceController.class.isAssignableFrom(handler.getBeanType())) {
				describeResourceOperation(operation, handler);
			}
			addProblemResponses(operation);
			return operation;
		};
	}

	private static void describeResourceOperation(Operation operation, HandlerMethod handler) {
		String resource = ResourceController.resourceName(handler.getBeanType()).orElse("resource");
		Class<?> entity = ResolvableType.forClass(ResourceController.class, handler.getBeanType())
			.getGeneric(0)
			.resolve(Object.class);
		Schema<?> entitySchema = new Schema<>().$ref("#/components/schemas/" + entity.getSimpleName());
		Endpoint endpoint = Endpoint.of(handler.getMethod()).orElse(null);
		operation.setTags(List.of(resource));
		operation.setOperationId(resource.replace('-', '_') + "_"
				+ ((endpoint != null) ? endpoint.operationName() : handler.getMethod().getName()));
		switch ((endpoint != null) ? endpoint : Endpoint.GET) {
			case CREATE, UPDATE -> operation.setRequestBody(jsonBody(entitySchema));
			case BULK_UPDATE ->
				operation
					.setRequestBody(
							jsonBody(
									new ArraySchema().items(new ObjectSchema().addProperty("id", new StringSchema())
										.addProperty("version", new IntegerSchema().format("int64")
											.description("Optional: the version the record must be at, else 412 "
													+ "and nothing is written"))
										.addProperty("data", entitySchema)
										.required(List.of("id", "data")))));
			default -> {
			}
		}
		ApiResponses responses = operation.getResponses();
		ApiResponse ok = responses.remove("200");
		if (ok != null && ok.getContent() != null && ok.getContent().get("*/*") != null) {
			ok.setContent(new Content().addMediaType("application/json", ok.getContent().get("*/*")));
		}
		if (ok != null) {
			String status = (endpoint == Endpoint.CREATE) ? "201" : "200";
			responses.addApiResponse(status, ok.description(status.equals("201") ? "Created" : "OK"));
			if (isOnOneRecord(endpoint, operation)) {
				ok.addHeaderObject("ETag", etag());
			}
		}
		if (endpoint == Endpoint.LIST) {
			ok.addHeaderObject("Content-Range",
					new Header()
						.description("e.g. `" + resource + " 0-9/42`; `" + resource
								+ " */42` when the page is empty; not on keyset pages")
						.schema(new StringSchema()));
			ok.addHeaderObject("X-Total-Count",
					new Header().description("The number of records that match the filter; not on keyset pages")
						.schema(new StringSchema()));
			ok.addHeaderObject("Link",
					new Header()
						.description("`<…&cursor=…&limit=10>; rel=\"next\"` when more records follow: "
								+ "the next page by keyset, with the same sort and filter")
						.schema(new StringSchema()));
		}
	}

	/**
	 * Whether an operation answers with one record, which then carries its version as its
	 * ETag: get, create, update, delete, and any other with {@code If-Match}.
	 */
	private static boolean isOnOneRecord(Endpoint endpoint, Operation operation) {
		return (endpoint != null && switch (endpoint) {
			case GET, CREATE, UPDATE, DELETE -> true;
			default -> false;
		}) || hasHeader(operation, HttpHeaders.IF_MATCH);
	}

	private static boolean hasHeader(Operation operation, String name) {
		return operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn()) && name.equalsIgnoreCase(parameter.getName()));
	}

	private static Header etag() {
		return new Header()
			.description("The record's version in quotes, a strong entity tag: `\"3\"`; "
					+ "send it back in If-Match to write only that version")
			.schema(new StringSchema());
	}

	private static RequestBody jsonBody(Schema<?> schema) {
		return new RequestBody().required(true)
			.content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
	}

	private static void addProblemResponses(Operation operation) {
		Map<String, String> problems = new LinkedHashMap<>();
		problems.put("400", "Invalid input: the problem names every bad field");
		boolean byId = operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch((parameter) -> "path".equals(parameter.getIn()));
		if (byId) {
			problems.put("404", "No record has that id");
		}
		if (operation.getRequestBody() != null) {
			problems.put("409", "A unique field is already used by another record");
		}
		if (hasHeader(operation, HttpHeaders.IF_MATCH)) {
			problems.put("412", "The record is not at a version If-Match names (or another write came first); "
					+ "nothing was written. The problem names the current version");
		}
		problems.put("500", "Unexpected failure; the log has the details under the request id");
		ApiResponses responses = operation.getResponses();
		if (hasHeader(operation, HttpHeaders.IF_NONE_MATCH)) {
			responses.addApiResponse("304",
					new ApiResponse().description("Not Modified: If-None-Match names the record's ETag; no body")
						.addHeaderObject("ETag",
								new Header().description("The current ETag").schema(new StringSchema())));
		}
		problems.forEach((status, description) -> responses.computeIfAbsent(status,
				(key) -> new ApiResponse().description(description)
					.content(new Content().addMediaType(PROBLEM_JSON,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
	}

}
