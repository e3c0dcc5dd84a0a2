package io.flarekit.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.flarekit.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the security tests share: keys made through the API, uploads, and the checks of a
 * refusal's answer.
 */
abstract class SecurityTest extends IntegrationTest {

	/** The start of every PNG file: enough for the type to be detected from the bytes. */
	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
			0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

	private static final String BOUNDARY = "security-test-boundary";

	/** Issues a key with the given roles as the admin, and returns its secret. */
	String issueKey(String... roles) {
		return issue(roles).get("key").stringValue();
	}

	JsonNode issue(String... roles) {
		String list = Arrays.stream(roles).map((role) -> "\"" + role + "\"").collect(Collectors.joining(","));
		Response response = send("POST", "/api-keys", "{\"name\":\"test key\",\"roles\":[" + list + "]}",
				"Content-Type", "application/json", "Authorization", "Bearer " + ADMIN_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	/** Uploads one small file to {@code POST /storage} with the current credential. */
	Response upload(byte[] content) {
		return sendMultipart("POST", "/storage", multipart(content));
	}

	/** Replaces a file's content with {@code PUT /storage/{id}}. */
	Response replace(String id, byte[] content) {
		return sendMultipart("PUT", "/storage/" + id, multipart(content));
	}

	private Response sendMultipart(String method, String path, byte[] body) {
		HttpResponse<byte[]> response = raw(method, path, body, "Content-Type",
				"multipart/form-data; boundary=" + BOUNDARY);
		return new Response(response.statusCode(), response.headers(),
				new String(response.body(), StandardCharsets.UTF_8));
	}

	static byte[] multipart(byte[] content) {
		byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"images[]\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return body;
	}

	/** A 401 as RFC 6750 and the problem format say, with or without a token given. */
	static void assertUnauthorized(Response response, boolean tokenGiven) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		if (tokenGiven) {
			assertThat(response.header("WWW-Authenticate")).as(response.body())
				.startsWith("Bearer error=\"invalid_token\"");
		}
		else {
			assertThat(response.header("WWW-Authenticate")).as(response.body()).isEqualTo("Bearer");
		}
		assertProblem(response, "AUTHENTICATION_ERROR");
	}

	static void assertForbidden(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertProblem(response, "AUTHORIZATION_ERROR");
	}

	private static void assertProblem(Response response, String code) {
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("code").stringValue()).isEqualTo(code);
		assertThat(problem.get("status").intValue()).isEqualTo(response.status());
		assertThat(problem.get("requestId").stringValue()).isNotBlank().isEqualTo(response.header("X-Request-Id"));
		assertThat(problem.get("message").stringValue()).isNotBlank();
	}

}
