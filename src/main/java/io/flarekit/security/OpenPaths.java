package io.flarekit.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The paths open to anyone, as one matcher: the same path patterns Spring Security would
 * match one by one, tried only when the request's first path segment is the first segment
 * of one of them. Matched one by one, every request to a resource walked all of them (a
 * dozen pattern matches, each allocating), only to be decided by the rules after. Every
 * pattern starts with a literal segment (or is {@code /}), so a request whose first
 * segment is none of those cannot match any of them: the answer is the same, and the
 * segment is taken from the same decoded path the patterns match.
 */
final class OpenPaths implements RequestMatcher {

	private final Set<String> firstSegments = new HashSet<>();

	private final RequestMatcher any;

	private OpenPaths(PathPatternRequestMatcher.Builder builder, List<Entry> entries) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (Entry entry : entries) {
			for (String pattern : entry.patterns()) {
				this.firstSegments.add(firstSegment(pattern));
				matchers.add(builder.matcher(entry.method(), pattern));
			}
		}
		this.any = new OrRequestMatcher(matchers);
	}

	/**
	 * The matcher of some paths.
	 * @param builder makes each pattern's matcher, as Spring Security's
	 * {@code requestMatchers} would
	 * @param entries the patterns, each with the method it is open to (null for any)
	 * @return the matcher
	 * @throws IllegalArgumentException for a pattern whose first segment is not literal
	 */
	static OpenPaths of(PathPatternRequestMatcher.Builder builder, Entry... entries) {
		return new OpenPaths(builder, List.of(entries));
	}

	/**
	 * Patterns open to one method.
	 *
	 * @param method the method, or null for any
	 * @param patterns the path patterns
	 */
	record Entry(HttpMethod method, String... patterns) {
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return mayMatch(request) && this.any.matches(request);
	}

	@Override
	public MatchResult matcher(HttpServletRequest request) {
		return mayMatch(request) ? this.any.matcher(request) : MatchResult.notMatch();
	}

	private boolean mayMatch(HttpServletRequest request) {
		String first = firstSegment(request);
		return first == null || this.firstSegments.contains(first);
	}

	/** The pattern's first segment, {@code ""} for {@code /}. */
	private static String firstSegment(String pattern) {
		int end = pattern.indexOf('/', 1);
		String segment = pattern.substring(1, (end < 0) ? pattern.length() : end);
		if (!pattern.startsWith("/") || segment.matches(".*[*?{}].*")) {
			throw new IllegalArgumentException("An open path starts with a literal segment: " + pattern);
		}
		return segment;
	}

	/**
	 * The request's first decoded path segment within the application, as the patterns
	 * see it; {@code ""} when it has none, null when the path cannot be parsed (then the
	 * patterns are tried, and fail as they would have).
	 */
	private static String firstSegment(HttpServletRequest request) {
		RequestPath path;
		try {
			path = ServletRequestPathUtils.hasParsedRequestPath(request)
					? ServletRequestPathUtils.getParsedRequestPath(request)
					: RequestPath.parse(request.getRequestURI(), request.getContextPath());
		}
		catch (IllegalArgumentException unparsable) {
			return null;
		}
		for (PathContainer.Element element : path.pathWithinApplication().elements()) {
			if (element instanceof PathContainer.PathSegment segment) {
				return segment.valueToMatch();
			}
		}
		return "";
	}

}
