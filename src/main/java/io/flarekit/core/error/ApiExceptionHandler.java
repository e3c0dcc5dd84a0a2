package io.flarekit.core.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import io.flarekit.core.web.RequestIds;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;

/**
 * The one place where exceptions become problem responses. Clients get a status, a code
 * and the fields at fault; stack traces and SQL stay in the log, tagged with the request
 * id.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ServiceException.class)
	ResponseEntity<ApiProblem> service(ServiceException ex, HttpServletRequest request) {
		// a dependency down (the blob store, say): worth retrying
		HttpHeaders headers = (ex.getStatus().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) ? retryAfter() : null;
		return respond(ex.getStatus(), ex.getCode(), ex.getMessage(), ex.getDetails(), request, headers);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiProblem> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		String message = "The request body is missing or is not valid JSON";
		if (ex.getCause() instanceof JacksonException json) {
			TokenStreamLocation at = json.getLocation();
			message = "The request body is not valid JSON" + ((at != null && at.getLineNr() > 0)
					? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "");
		}
		return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, message,
				List.of(new FieldError("body", FieldError.INVALID_VALUE, message)), request, null);
	}

	@ExceptionHandler(TypeMismatchException.class)
	ResponseEntity<ApiProblem> typeMismatch(TypeMismatchException ex, HttpServletRequest request) {
		String field = (ex instanceof MethodArgumentTypeMismatchException arg) ? arg.getName() : ex.getPropertyName();
		FieldError error = new FieldError(field, FieldError.INVALID_TYPE, FieldError.expected(ex.getRequiredType()));
		return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, field + ": " + error.message(),
				List.of(error), request, null);
	}

	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ApiProblem> undecodableParameter(InvalidParameterException ex, HttpServletRequest request) {
		String message = "The query string is not valid percent-encoded UTF-8";
		return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, message,
				List.of(new FieldError("query", FieldError.INVALID_VALUE, message)), request, null);
	}

	@ExceptionHandler({ InvalidMediaTypeException.class, InvalidMimeTypeException.class })
	ResponseEntity<ApiProblem> invalidMediaType(RuntimeException ex, HttpServletRequest request) {
		String message = "A Content-Type or Accept header is not a valid media type";
		return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, message,
				List.of(new FieldError("headers", FieldError.INVALID_VALUE, message)), request, null);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ApiProblem> multipart(MultipartException ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse || DiskFull.isCause(ex)) {
			// Spring's own status (413 for a too large upload) or the server's disk
			return unexpected(ex, request);
		}
		String message = "The multipart/form-data body cannot be read (a missing boundary, a cut-off part?)";
		return respond(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, message,
				List.of(new FieldError("body", FieldError.INVALID_VALUE, message)), request, null);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ApiProblem> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		ServiceException invalid = ServiceException.invalid(Validation.toFieldErrors(ex.getConstraintViolations()));
		return service(invalid, request);
	}

	private ResponseEntity<ApiProblem> spring(Exception ex, ErrorResponse error, HttpServletRequest request) {
		HttpStatusCode status = error.getStatusCode();
		String message = error.getBody().getDetail();
		List<FieldError> details = List.of();
		if (ex instanceof MissingServletRequestParameterException missing) {
			details = List.of(new FieldError(missing.getParameterName(), FieldError.REQUIRED, "is required"));
		}
		else if (ex instanceof MissingRequestValueException) {
			details = List.of(new FieldError("request", FieldError.REQUIRED, message));
		}
		if (status.is5xxServerError()) {
			log.error("Request failed: {}", ex.toString(), ex);
		}
		return respond(status, ErrorCode.of(status.value()), (message != null) ? message : ex.getMessage(), details,
				request, error.getHeaders());
	}

	@ExceptionHandler({ DataAccessException.class, PersistenceException.class, SQLException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ApiProblem> database(Exception ex, HttpServletRequest request) {
		if (DiskFull.isCause(ex)) {
			return diskFull(ex, request);
		}
		if (ConcurrentChange.isCause(ex)) {
			return service(ConcurrentChange.failure("A record"), request);
		}
		if (SerializationFailure.isCause(ex)) {
			log.warn("Concurrent changes kept conflicting: {}", ex.toString());
			return respond(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
					"Concurrent changes kept conflicting with this one, so nothing was written; try again shortly",
					List.of(), request, retryAfter());
		}
		if (isTransient(ex)) {
			log.warn("Database busy: {}", ex.toString());
			return respond(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
					"The database is busy; try again shortly", List.of(), request, retryAfter());
		}
		log.error("Database failure", ex);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.DATABASE_ERROR,
				"The database could not complete the request", List.of(), request, null);
	}

	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void clientGone() {
		// The client went away; there is nobody to answer.
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiProblem> unexpected(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse error) {
			return spring(ex, error, request);
		}
		if (DiskFull.isCause(ex)) {
			return diskFull(ex, request);
		}
		if (SerializationFailure.isCause(ex)) {
			// a commit the database refused arrives as a TransactionSystemException
			return database(ex, request);
		}
		log.error("Unexpected failure", ex);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.SYSTEM_ERROR, "An unexpected error occurred",
				List.of(), request, null);
	}

	/**
	 * A full disk, wherever it stopped the request (the database, the container's copy of
	 * an upload): not the client's fault, and not worth retrying until space is freed.
	 */
	private static ResponseEntity<ApiProblem> diskFull(Exception ex, HttpServletRequest request) {
		log.error("The disk is full", ex);
		return respond(HttpStatus.INSUFFICIENT_STORAGE, ErrorCode.INSUFFICIENT_STORAGE,
				"There is no space left on the server to save the request", List.of(), request, null);
	}

	/**
	 * Whether trying again later may work: the database is busy, or it cannot be reached
	 * (a connection refused or lost: SQLState class {@code 08}, or a server shutting down
	 * or starting, {@code 57P01}-{@code 57P03}). A connection lost in a transaction shows
	 * as the rollback that failed after it (Spring reports that one, not the cause): the
	 * transaction wrote nothing, so it is as transient as the loss.
	 */
	private static boolean isTransient(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof CannotGetJdbcConnectionException || t instanceof TransientDataAccessException
					|| t instanceof PessimisticLockingFailureException || t instanceof SQLTransientException
					|| t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
					|| t instanceof LockAcquisitionException || t instanceof JDBCConnectionException
					|| t instanceof CannotCreateTransactionException || isConnectionState(t)
					|| (t instanceof TransactionException && t.getCause() instanceof SQLException)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the database is what failed, so that {@link #database} answers it. */
	static boolean isDatabaseFailure(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof DataAccessException || t instanceof PersistenceException || t instanceof SQLException
					|| t instanceof CannotCreateTransactionException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConnectionState(Throwable ex) {
		String state = (ex instanceof SQLException sql) ? sql.getSQLState() : null;
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

	private static HttpHeaders retryAfter() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return headers;
	}

	static ResponseEntity<ApiProblem> respond(HttpStatusCode status, ErrorCode code, String message,
			List<FieldError> details, HttpServletRequest request, HttpHeaders headers) {
		HttpStatus known = HttpStatus.resolve(status.value());
		Object forwardedFrom = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (forwardedFrom != null) ? forwardedFrom.toString() : request.getRequestURI();
		ApiProblem body = ApiProblem.of(status.value(), (known != null) ? known.getReasonPhrase() : "Error", code,
				message, details, path, RequestIds.of(request));
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

}
