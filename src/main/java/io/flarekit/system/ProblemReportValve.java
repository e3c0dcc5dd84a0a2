package io.flarekit.system;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.flarekit.core.error.ApiProblem;
import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.web.RequestIds;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Renders the errors that Tomcat answers itself, before any filter or controller runs (a
 * malformed URL, an encoded slash), as the same problem JSON as every other error,
 * instead of Tomcat's HTML page.
 */
public class ProblemReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String message = (status >= 500) ? "An unexpected error occurred"
				: (known != null) ? known.getReasonPhrase() : "Error";
		ApiProblem problem = ApiProblem.of(status, (known != null) ? known.getReasonPhrase() : "Error",
				ErrorCode.of(status), message, List.of(), request.getRequestURI(), RequestIds.of(request));
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already on its way: nothing to add
		}
	}

}
