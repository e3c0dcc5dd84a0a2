package io.flarekit.core.error;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (rejected by the servlet container, a
 * filter, an oversized request) with the same problem shape as every other error. A
 * database failure in a filter (the API key lookup while the database is unreachable) is
 * answered as {@link ApiExceptionHandler} answers it in a controller: a 503 to retry, not
 * a 500. Asked for directly, the error path is a path like any other without a resource:
 * 404, not a 500 for an error that never happened.
 */
@RestController
class ApiErrorController implements ErrorController {

	private final ApiExceptionHandler handler;

	ApiErrorController(ApiExceptionHandler handler) {
		this.handler = handler;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ApiProblem> error(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			return ApiExceptionHandler.respond(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
					"No resource at " + request.getRequestURI(), List.of(), request, null);
		}
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (failure instanceof Exception ex && ApiExceptionHandler.isDatabaseFailure(ex)) {
			return this.handler.database(ex, request);
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		String message = status.is5xxServerError() ? "An unexpected error occurred" : status.getReasonPhrase();
		return ApiExceptionHandler.respond(status, ErrorCode.of(status.value()), message, List.of(), request, null);
	}

}
