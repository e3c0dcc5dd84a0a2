package io.flarekit.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Tomcat send a response that fits its buffer in one write, with a
 * {@code Content-Length}. Spring MVC flushes a response as soon as its body is written,
 * which commits it without a length: Tomcat then sends the headers and the body as one
 * chunk and the end of the body as a second write, two system calls (and two packets for
 * the client to read) for a record of a few hundred bytes. Here a handler's flush leaves
 * the response in Tomcat's buffer; Tomcat commits it when the request ends, or when a
 * larger body fills the buffer, as without a flush. Nothing the service answers depends
 * on reaching the client before the handler returns.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnflushedResponses extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new Unflushed(response));
	}

	/** A response whose flushes are left to Tomcat. */
	private static final class Unflushed extends HttpServletResponseWrapper {

		Unflushed(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void flushBuffer() {
			// committed by Tomcat at the end of the request, with the length it then
			// knows
		}

	}

}
