package io.flarekit.core.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, a
 * new one otherwise. The id is echoed as a response header, put in the logging context as
 * {@code requestId} and carried by every problem response, so that a client's report and
 * the server's log meet.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@NamedInterface("web")
public class RequestIds extends OncePerRequestFilter {

	/** The header that carries the id, both ways. */
	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIds.class.getName();

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	/**
	 * The id of a request that passed through this filter.
	 * @param request the request
	 * @return its id, or {@code null} outside a request
	 */
	public static String of(ServletRequest request) {
		return (String) request.getAttribute(ATTRIBUTE);
	}

	/**
	 * A random (version 4) UUID from a thread's own generator: an id must be unique, not
	 * secret, and {@link UUID#randomUUID()} draws from the one shared SecureRandom.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = of(request);
		if (id == null) {
			String sent = request.getHeader(HEADER);
			id = (sent != null && SANE.matcher(sent).matches()) ? sent : newId();
			request.setAttribute(ATTRIBUTE, id);
		}
		response.setHeader(HEADER, id);
		MDC.put("requestId", id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("requestId");
		}
	}

}
