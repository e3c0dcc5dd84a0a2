package io.flarekit.core.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import io.flarekit.core.query.Cursor;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The {@code Link: <…>; rel="next"} header (RFC 8288) of a list page: the same request
 * with the filter, sort and every other parameter kept, and {@code cursor} and
 * {@code limit} in place of {@code range}, so that a client walks on by keyset from any
 * page.
 */
final class NextPageLink {

	static final String LIMIT = "limit";

	private NextPageLink() {
	}

	static String header(HttpServletRequest request, Cursor next, int limit) {
		StringJoiner query = new StringJoiner("&");
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			String name = parameter.getKey();
			if (!name.equals("range") && !name.equals(Cursor.PARAMETER) && !name.equals(LIMIT)) {
				for (String value : parameter.getValue()) {
					query.add(encode(name) + "=" + encode(value));
				}
			}
		}
		query.add(Cursor.PARAMETER + "=" + next.token());
		query.add(LIMIT + "=" + limit);
		String path = ServletUriComponentsBuilder.fromRequestUri(request).replaceQuery(null).toUriString();
		return "<" + path + "?" + query + ">; rel=\"next\"";
	}

	/**
	 * Form encoding, as the servlet container decodes query parameters ("+" is a space).
	 */
	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
