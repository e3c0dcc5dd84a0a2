package io.flarekit.core.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.sql.SQLTransientConnectionException;

import io.flarekit.IntegrationTest;
import io.flarekit.users.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.multipart.MultipartException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Failures on the server's side: no stack trace or SQL for the client, all of it in the
 * log.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailuresTest extends IntegrationTest {

	@Test
	void aDatabaseFailureIsA500WithoutSqlAndIsLoggedWithTheRequestId(CapturedOutput output) {
		this.jdbc.execute("alter table users rename to users_away");
		try {
			Response response = get("/users", "X-Request-Id", "db-failure-1");
			assertThat(response.status()).isEqualTo(500);
			assertThat(response.json().get("code").stringValue()).isEqualTo("DATABASE_ERROR");
			assertThat(response.body()).doesNotContainIgnoringCase("select")
				.doesNotContainIgnoringCase("sqlite")
				.doesNotContain("Exception")
				.doesNotContain("users_away");
			assertThat(output.getOut()).contains("[db-failure-1]").contains("Database failure");
			assertThat(post("/users", "{\"name\":\"A\",\"email\":\"a@example.com\"}").status()).isEqualTo(500);
		}
		finally {
			this.jdbc.execute("alter table users_away rename to users");
		}
		assertThat(get("/users").status()).isEqualTo(200);
	}

	@Test
	void aPoolThatCannotGiveAConnectionInTimeIsA503() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/users");
		var response = new ApiExceptionHandler()
			.database(new CannotGetJdbcConnectionException("timeout", new SQLTransientConnectionException()), request);
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(response.getBody().code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
	}

	@Test
	void anOptimisticLockFailureThatReachesTheHandlerIsA412NotABusyDatabase() {
		MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/users/x");
		var response = new ApiExceptionHandler().database(new ObjectOptimisticLockingFailureException(User.class, "x"),
				request);
		assertThat(response.getStatusCode().value()).isEqualTo(412);
		assertThat(response.getBody().code()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
		assertThat(response.getHeaders().getFirst("Retry-After")).isNull();
	}

	@Test
	void badPercentEncodingInTheQueryIsA400() {
		Response response = get("/users?range=%ff");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/details/0/field").stringValue()).isEqualTo("query");
	}

	@Test
	void requestsThatTomcatRefusesItselfGetProblemJsonToo() throws Exception {
		for (String path : new String[] { "/users/%zz", "/users/a%2Fb" }) {
			try (Socket socket = new Socket("localhost", this.port)) {
				socket.getOutputStream()
					.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(raw).startsWith("HTTP/1.1 400").contains("application/problem+json");
				String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
				assertThat(JSON.readTree(body).get("code").stringValue()).isEqualTo("VALIDATION_ERROR");
			}
		}
	}

	@Test
	void deeplyNestedOrHugeBodiesAreRefusedCleanly() {
		String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
		Response response = post("/users", deep);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
		assertThat(post("/users", "null").status()).isEqualTo(400);
	}

	@Test
	void aFullDatabaseIsA507AndTheNextWriteWorksOnceThereIsRoomAgain(CapturedOutput output) {
		// max_page_count makes SQLite answer as on a full disk: SQLITE_FULL, and it rolls
		// the transaction back itself. The pool has one write connection, this one.
		// (PostgreSQL's 53100: PostgresDatabaseTest.)
		assumeFalse(onPostgres(), "SQLite's max_page_count stands for a full disk");
		this.jdbc.execute("vacuum");
		long pages = this.jdbc.queryForObject("pragma page_count", Long.class);
		this.jdbc.execute("pragma max_page_count = " + pages);
		Response response;
		int created = 0;
		try {
			do {
				response = post("/users", "{\"name\":\"" + "Full ".repeat(30) + created + "\",\"email\":\"full"
						+ created + "@example.com\"}");
			}
			while (response.status() == 201 && ++created < 1000);
		}
		finally {
			this.jdbc.execute("pragma max_page_count = 1073741823");
		}
		assertThat(response.status()).isEqualTo(507);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.json().get("code").stringValue()).isEqualTo("INSUFFICIENT_STORAGE");
		assertThat(response.json().get("message").stringValue()).isNotBlank();
		assertThat(response.body()).doesNotContainIgnoringCase("sqlite").doesNotContain("Exception");
		assertThat(output.getOut()).contains("The disk is full").doesNotContain("cannot rollback");
		assertThat(get("/users?range=%5B0%2C999%5D").json().size()).as("every acknowledged user").isEqualTo(created);
		assertThat(post("/users", "{\"name\":\"After\",\"email\":\"after@example.com\"}").status()).isEqualTo(201);
	}

	@Test
	void aContainerThatCannotWriteAnUploadToItsTemporaryFolderForLackOfSpaceIsA507() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/storage");
		var response = new ApiExceptionHandler()
			.multipart(new MultipartException("Failed to parse multipart servlet request",
					new IOException("Processing of multipart/form-data request failed. No space left on device",
							new IOException("No space left on device"))),
					request);
		assertThat(response.getStatusCode().value()).isEqualTo(507);
		assertThat(response.getBody().code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
		var unreadable = new ApiExceptionHandler().multipart(new MultipartException(
				"Failed to parse multipart servlet request", new IOException("Stream ended unexpectedly")), request);
		assertThat(unreadable.getStatusCode().value()).as("a cut-off body is still the client's").isEqualTo(400);
	}

	@Test
	void anythingElseThatFailsForLackOfSpaceIsA507Too() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/anything");
		var response = new ApiExceptionHandler()
			.unexpected(new UncheckedIOException(new FileSystemException("/data/x: No space left on device")), request);
		assertThat(response.getStatusCode().value()).isEqualTo(507);
		assertThat(response.getBody().code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
	}

}
