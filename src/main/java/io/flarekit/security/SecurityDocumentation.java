package io.flarekit.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;

/**
 * Tells the OpenAPI document what the access rules say, from the same rules that decide
 * requests: the credentials the service accepts (API keys, and an identity provider's
 * tokens when one is configured), and for each operation whether it is open or which rule
 * a caller must meet, with the 401 and 403 it may answer. Swagger UI's Authorize button
 * takes an API key.
 */
@Component
class SecurityDocumentation implements OpenApiCustomizer {

	static final String API_KEY = "bearer";

	static final String IDENTITY_PROVIDER = "jwt";

	private static final String PROBLEM = "#/components/schemas/ApiProblem";

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final AccessPolicy policy;

	private final boolean identityProvider;

	SecurityDocumentation(AccessPolicy policy, ObjectProvider<JwtDecoder> identityProvider) {
		this.policy = policy;
		this.identityProvider = identityProvider.getIfAvailable() != null;
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents()
			.addSecuritySchemes(API_KEY,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("API key")
						.description("An API key of this service (fk_…), issued by POST /api-keys"));
		if (this.identityProvider) {
			openApi.getComponents()
				.addSecuritySchemes(IDENTITY_PROVIDER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("An access token of the configured identity provider"));
		}
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> describe(path, item));
	}

	private void describe(String path, PathItem item) {
		List<String> segments = Arrays.stream(path.split("/")).filter((segment) -> !segment.isEmpty()).toList();
		item.readOperationsMap().forEach((method, operation) -> {
			if (isAlwaysOpen(path, method)) {
				operation.setSecurity(List.of(new SecurityRequirement()));
				return;
			}
			RequestTarget target = RequestTarget.of(method.name(), segments);
			AccessRule rule = this.policy.rule(target.resource(), target.operation());
			StringBuilder access = new StringBuilder("Access: ").append(rule.text());
			if (hasParameter(operation.getParameters(), "includeDeleted")) {
				access.append("; with includeDeleted=true also: ")
					.append(this.policy.rule(target.resource(), Operation.INCLUDE_DELETED).text());
			}
			if (hasParameter(operation.getParameters(), "permanent")) {
				access.append("; with permanent=true also: ")
					.append(this.policy.rule(target.resource(), Operation.PERMANENT_DELETE).text());
			}
			operation.setDescription(
					((operation.getDescription() != null) ? operation.getDescription() + "\n\n" : "") + access);
			operation.setSecurity(requirements(rule.open()));
			operation.getResponses()
				.addApiResponse("401", problem("The credential is missing where the rule needs one, or is not valid"));
			operation.getResponses()
				.addApiResponse("403", problem("The credential is valid but the rule does not admit it"));
		});
	}

	/** The ways to meet a rule; an open one also takes no credential at all. */
	private List<SecurityRequirement> requirements(boolean open) {
		List<SecurityRequirement> requirements = new ArrayList<>();
		if (open) {
			requirements.add(new SecurityRequirement());
		}
		requirements.add(new SecurityRequirement().addList(API_KEY));
		if (this.identityProvider) {
			requirements.add(new SecurityRequirement().addList(IDENTITY_PROVIDER));
		}
		return requirements;
	}

	private static boolean isAlwaysOpen(String path, PathItem.HttpMethod method) {
		return (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD)
				&& Arrays.stream(SecurityConfiguration.OPEN_PATHS).anyMatch((open) -> PATHS.match(open, path));
	}

	private static boolean hasParameter(List<Parameter> parameters, String name) {
		return parameters != null && parameters.stream().map(Parameter::getName).anyMatch(name::equals);
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref(PROBLEM))));
	}

}
