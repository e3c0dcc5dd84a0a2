package io.flarekit.security;

import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the credential of a request: exactly one {@code Authorization: Bearer <token>}
 * header (RFC 6750's token68), or none. Anything else that claims to be a credential (two
 * headers, another scheme, {@code Bearer} and nothing) is refused as a malformed token
 * rather than ignored, so a client learns at once that its credential was not used.
 * Tokens in query strings are not read: they end up in logs.
 */
final class BearerTokens implements BearerTokenResolver {

	private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9._~+/-]+=*)", Pattern.CASE_INSENSITIVE);

	@Override
	public String resolve(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers == null || !headers.hasMoreElements()) {
			return null;
		}
		String header = headers.nextElement();
		if (headers.hasMoreElements()) {
			throw new InvalidBearerTokenException("The request has more than one Authorization header");
		}
		Matcher matcher = BEARER.matcher(header);
		if (!matcher.matches()) {
			throw new InvalidBearerTokenException("The Authorization header is not 'Bearer <API key>'");
		}
		return matcher.group(1);
	}

}
