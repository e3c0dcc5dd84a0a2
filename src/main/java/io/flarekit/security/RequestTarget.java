package io.flarekit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a request does, in the terms of the access rules: the resource (the first segment
 * of its path, decoded as Spring MVC matches it), the operation its method means there,
 * and whether it asks for soft-deleted records or a permanent delete.
 * <p>
 * {@code GET} (and {@code HEAD}, {@code OPTIONS}) of {@code /x} lists, of anything under
 * {@code /x/} reads; {@code POST} creates; {@code PUT} and {@code PATCH} update;
 * {@code DELETE} deletes; any other method maps to no operation. Every request to
 * {@code /uploads} is part of an upload, so it creates on {@code storage}.
 *
 * @param resource the first path segment, {@code ""} for {@code /}
 * @param operation the operation, or null when the method means none
 * @param includeDeleted whether the request may ask for soft-deleted records
 * @param permanent whether the request may ask for a permanent delete
 */
record RequestTarget(String resource, Operation operation, boolean includeDeleted, boolean permanent) {

	private static final String UPLOADS = "uploads";

	private static final String STORAGE = "storage";

	private static final String INCLUDE_DELETED = "includeDeleted";

	private static final String PERMANENT = "permanent";

	/** The values Spring reads as false; any other value of the flag counts as asking. */
	private static final Set<String> FALSE = Set.of("false", "off", "no", "0", "");

	static RequestTarget of(HttpServletRequest request) {
		RequestTarget target = of(request.getMethod(), segments(request));
		boolean formBody = hasFormBody(request);
		String raw = request.getQueryString();
		if (!mayAsk(raw)) {
			return new RequestTarget(target.resource(), target.operation(), formBody, formBody);
		}
		MultiValueMap<String, String> query = query(raw);
		return new RequestTarget(target.resource(), target.operation(), formBody || asks(query, INCLUDE_DELETED),
				formBody || asks(query, PERMANENT));
	}

	/**
	 * What a method on a path does, before any query parameter: for requests, and for the
	 * OpenAPI document's path templates.
	 * @param method the HTTP method
	 * @param segments the decoded path segments
	 * @return the target, asking for neither soft-deleted records nor a permanent delete
	 */
	static RequestTarget of(String method, List<String> segments) {
		String resource = segments.isEmpty() ? "" : segments.get(0);
		boolean item = segments.size() > 1;
		Operation operation = switch (method) {
			case "GET", "HEAD", "OPTIONS" -> item ? Operation.READ : Operation.LIST;
			case "POST" -> Operation.CREATE;
			case "PUT", "PATCH" -> Operation.UPDATE;
			case "DELETE" -> Operation.DELETE;
			default -> null;
		};
		if (resource.equals(UPLOADS)) {
			resource = STORAGE;
			operation = (operation != null) ? Operation.CREATE : null;
		}
		return new RequestTarget(resource, operation, false, false);
	}

	/**
	 * The decoded segments; none when the path cannot be decoded (MVC refuses it too).
	 */
	private static List<String> segments(HttpServletRequest request) {
		List<String> segments = new ArrayList<>();
		try {
			for (PathContainer.Element element : RequestPath.parse(request.getRequestURI(), request.getContextPath())
				.pathWithinApplication()
				.elements()) {
				if (element instanceof PathContainer.PathSegment segment) {
					segments.add(segment.valueToMatch());
				}
			}
		}
		catch (IllegalArgumentException undecodable) {
			return List.of();
		}
		return segments;
	}

	/**
	 * Whether the request carries form fields, which Spring MVC also reads as request
	 * parameters: no endpoint that takes these flags takes such a body, so one that comes
	 * with it is treated as asking.
	 */
	private static boolean hasFormBody(HttpServletRequest request) {
		String type = request.getContentType();
		if (type == null || request.getMethod().equals("POST") || request.getMethod().equals("PUT")
				|| request.getMethod().equals("PATCH")) {
			return false;
		}
		String lower = type.toLowerCase(Locale.ROOT);
		return lower.startsWith("multipart/") || lower.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	/**
	 * Whether a query string could name either flag, before it is parsed: it cannot
	 * without their names or an encoded character ({@code +} decodes to a space, which
	 * neither name has), so most requests skip the parsing.
	 */
	private static boolean mayAsk(String queryString) {
		return queryString != null && (queryString.indexOf('%') >= 0 || queryString.contains(INCLUDE_DELETED)
				|| queryString.contains(PERMANENT));
	}

	private static MultiValueMap<String, String> query(String queryString) {
		return UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams();
	}

	/** Whether any value of the parameter is not one Spring reads as false. */
	private static boolean asks(MultiValueMap<String, String> query, String name) {
		for (Map.Entry<String, List<String>> entry : query.entrySet()) {
			if (!decodes(entry.getKey(), name)) {
				continue;
			}
			for (String value : entry.getValue()) {
				String decoded = decode(value);
				if (decoded == null || !FALSE.contains(decoded.strip().toLowerCase(Locale.ROOT))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether an encoded parameter name is the name, or cannot be decoded (then: maybe).
	 */
	private static boolean decodes(String encoded, String name) {
		String decoded = decode(encoded);
		return decoded == null || decoded.equals(name);
	}

	private static String decode(String value) {
		if (value == null) {
			return "";
		}
		try {
			return UriUtils.decode(value.replace('+', ' '), "UTF-8");
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
