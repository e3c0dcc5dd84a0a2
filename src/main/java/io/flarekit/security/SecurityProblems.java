package io.flarekit.security;

import java.io.IOException;
import java.util.List;

import io.flarekit.core.error.ApiProblem;
import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The answers of refused requests, in the project's problem format: 401
 * {@code AUTHENTICATION_ERROR} with {@code WWW-Authenticate: Bearer} (and
 * {@code error="invalid_token"} when a token was given, RFC 6750) for a missing or bad
 * credential; 403 {@code AUTHORIZATION_ERROR} naming the rule for a valid credential that
 * the rules do not admit. The CORS filter ran before, so both are readable across
 * origins.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		String message;
		if (failure instanceof OAuth2AuthenticationException invalid && invalid.getError() != null) {
			message = invalid.getError().getDescription();
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"" + message + "\"");
		}
		else {
			message = "This request needs a credential: send Authorization: Bearer <API key>";
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		write(request, response, HttpStatus.UNAUTHORIZED, ErrorCode.AUTHENTICATION_ERROR, message);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		AccessDecision decision = AccessDecision.of(request);
		String message = (decision != null)
				? "This credential may not " + describe(decision.target()) + "; the rule is " + decision.rule()
				: "This credential may not make this request";
		write(request, response, HttpStatus.FORBIDDEN, ErrorCode.AUTHORIZATION_ERROR, message);
	}

	private static String describe(RequestTarget target) {
		String operation = (target.operation() != null) ? target.operation().property() : "use this method on";
		return operation + " " + (target.resource().isEmpty() ? "/" : target.resource());
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ErrorCode code,
			String message) throws IOException {
		ApiProblem problem = ApiProblem.of(status.value(), status.getReasonPhrase(), code, message, List.of(),
				request.getRequestURI(), RequestIds.of(request));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
