package io.flarekit.safety;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of every endpoint of the packaged service with random and boundary
 * values in bodies, query parameters, headers, paths and multipart parts: no answer is a
 * 5xx, and none shows a stack trace or an exception's name. The cases come from
 * {@link Fuzz}: the same ones on every run unless {@code -Dfuzz.seed} says otherwise; a
 * failure names the seed that runs it again.
 */
class FuzzIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Path data;

	private static PackagedService service;

	@BeforeAll
	static void start() throws Exception {
		data = Files.createTempDirectory("flarekit-fuzz-");
		service = new PackagedService(data).start();
		System.out.println("FuzzIT: -D" + Fuzz.SEED + "=" + Fuzz.runSeed() + " (or random) picks the cases, -D"
				+ Fuzz.TRIES + "=N how many each test runs");
	}

	@AfterAll
	static void stop() {
		service.close();
		FileSystemUtils.deleteRecursively(data.toFile());
	}

	private static void assertSafe(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + " -> " + response.body()).isLessThan(500);
		assertThat(response.body()).as(what)
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("java.lang")
			.doesNotContain("org.springframework")
			.doesNotContainIgnoringCase("select ");
	}

	private static HttpResponse<String> send(String method, String path, byte[] body, String... headers)
			throws Exception {
		HttpRequest.Builder request = service.request(path)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return PackagedService.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static final List<String> KEYS = List.of("id", "name", "email", "data", "storageId", "description",
			"createdAt", "parts", "partNumber", "etag", "x");

	private static final List<String> WORDS = List.of("id", "name", "email", "createdAt", "deletedAt", "storageId",
			"description", "", "a@b.c", "2024-01-01T00:00:00Z", "[0,9]");

	private static final String[] WRITE_PATHS = { "POST /users", "PUT /users/x", "PATCH /users/x", "PATCH /users",
			"POST /storage-info", "PATCH /storage-info", "PUT /storage-info/y", "POST /uploads",
			"POST /uploads/00000000-0000-0000-0000-000000000000/complete", "POST /test", "DELETE /users" };

	private static final String[] LIST_PARAMETERS = { "[0,9]", "[9,0]", "[-1,2]", "[0," + Long.MAX_VALUE + "]",
			"[" + Long.MAX_VALUE + ",1]", "[1e308,2]", "[\"a\",\"b\"]", "[\"name\",\"ASC\"]", "[\"name\",\"sideways\"]",
			"{\"q\":\"%\"}", "{\"email\":[1,2,null]}", "{\"createdAt_gte\":\"x\"}", "{\"name_q\":{}}", "[\"storage\"]",
			"[\"nope\"]", "null", "{}", "[]", "true", "\u0000", "'; drop table users; --" };

	private static final String[] RESOURCES = { "/users", "/storage", "/storage-info" };

	private static final String[] PATH_SEGMENTS = { "..", "%2e%2e", "x".repeat(5000),
			"00000000-0000-0000-0000-000000000000", "a/b", "\\" };

	private static final String[] ID_PATHS = { "/users/{id}", "/storage/{id}", "/storage/{id}/content",
			"/storage-info/{id}", "/uploads/{id}", "/uploads/{id}/parts/1" };

	private static final String[] HEADER_VALUES = { "application/json", "text/html", "*/*", "application/problem+json",
			"multipart/form-data", "multipart/form-data; boundary=", "bytes=0-0", "bytes=-1", "bytes=5-1",
			"bytes=0-999999999999999999999", "application/json; charset=ebcdic", "x/y; q=2" };

	private static final byte[][] FILES = { { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' },
			"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8) };

	private static final String[] FIELD_NAMES = { "images[]", "file", "images", "other", "" };

	private static Object json(Fuzz fuzz) {
		return fuzz.json(KEYS, WORDS);
	}

	private static String parameter(Fuzz fuzz) {
		return fuzz.oneOf(() -> fuzz.string(0, 100), () -> fuzz.pick(LIST_PARAMETERS),
				() -> JSON.writeValueAsString(json(fuzz)));
	}

	private static String headerValue(Fuzz fuzz) {
		return fuzz.oneOf(() -> fuzz.printable(1, 200), () -> fuzz.pick(HEADER_VALUES));
	}

	@Fuzz.Test
	@MethodSource
	void anyJsonBodyIsAnsweredSafely(Object body, String target) throws Exception {
		String[] parts = target.split(" ");
		byte[] bytes = JSON.writeValueAsBytes(body);
		assertSafe(send(parts[0], parts[1], bytes, "Content-Type", "application/json"),
				target + " " + new String(bytes, StandardCharsets.UTF_8));
	}

	static Stream<Arguments> anyJsonBodyIsAnsweredSafely() {
		return Fuzz.cases("json body", 250, (fuzz) -> new Object[] { json(fuzz), fuzz.pick(WRITE_PATHS) });
	}

	@Fuzz.Test
	@MethodSource
	void anyTextAsABodyIsAnsweredSafely(String body, String target) throws Exception {
		String[] parts = target.split(" ");
		assertSafe(send(parts[0], parts[1], body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
				target);
	}

	static Stream<Arguments> anyTextAsABodyIsAnsweredSafely() {
		return Fuzz.cases("text body", 150, (fuzz) -> new Object[] { fuzz.string(0, 255), fuzz.pick(WRITE_PATHS) });
	}

	@Fuzz.Test
	@MethodSource
	void anyListParametersAreAnsweredSafely(String range, String sort, String filter, String embed, String resource)
			throws Exception {
		String path = resource + "?range=" + encode(range) + "&sort=" + encode(sort) + "&filter=" + encode(filter)
				+ "&embed=" + encode(embed) + "&includeDeleted=" + encode(sort);
		assertSafe(send("GET", path, null), path);
	}

	static Stream<Arguments> anyListParametersAreAnsweredSafely() {
		return Fuzz.cases("list parameters", 250, (fuzz) -> new Object[] { parameter(fuzz), parameter(fuzz),
				parameter(fuzz), parameter(fuzz), fuzz.pick(RESOURCES) });
	}

	@Fuzz.Test
	@MethodSource
	void anyIdInAPathIsAnsweredSafely(String id, String template) throws Exception {
		String path = template.replace("{id}", encode(id).replace("+", "%20"));
		for (String method : List.of("GET", "DELETE")) {
			assertSafe(send(method, path, null), method + " " + path);
		}
	}

	static Stream<Arguments> anyIdInAPathIsAnsweredSafely() {
		return Fuzz.cases("id in a path", 150, (fuzz) -> new Object[] {
				fuzz.oneOf(() -> fuzz.string(1, 80), () -> fuzz.pick(PATH_SEGMENTS)), fuzz.pick(ID_PATHS) });
	}

	@Fuzz.Test
	@MethodSource
	void anyHeadersAreAnsweredSafely(String requestId, String accept, String range, String contentType)
			throws Exception {
		HttpResponse<String> list = send("GET", "/users", null, "X-Request-Id", requestId, "Accept", accept, "Range",
				range, "If-None-Match", range);
		assertSafe(list, "headers " + requestId + " | " + accept + " | " + range);
		HttpResponse<String> create = send("POST", "/users", "{\"name\":\"h\",\"email\":\"h@h.io\"}".getBytes(),
				"Content-Type", contentType, "Accept", accept);
		assertSafe(create, "content type " + contentType);
	}

	static Stream<Arguments> anyHeadersAreAnsweredSafely() {
		return Fuzz.cases("headers", 150,
				(fuzz) -> new Object[] { headerValue(fuzz), headerValue(fuzz), headerValue(fuzz), headerValue(fuzz) });
	}

	@Fuzz.Test
	@MethodSource
	void anyMultipartPartsAreAnsweredSafely(byte[] content, String name, String type, String field) throws Exception {
		String boundary = "fuzz-boundary-7";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ name.replace("\"", "") + "\"\r\nContent-Type: " + type + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		assertSafe(send("POST", "/storage", body.toByteArray(), "Content-Type",
				"multipart/form-data; boundary=" + boundary), "multipart " + field + " " + name + " " + type);
	}

	static Stream<Arguments> anyMultipartPartsAreAnsweredSafely() {
		return Fuzz.cases("multipart parts", 150,
				(fuzz) -> new Object[] { fuzz.oneOf(() -> fuzz.bytes(4000), () -> fuzz.pick(FILES)), headerValue(fuzz),
						headerValue(fuzz), fuzz.pick(FIELD_NAMES) });
	}

	private static final String[] CREDENTIAL_TARGETS = { "GET /", "GET /users", "GET /users/x", "POST /users",
			"PATCH /users", "DELETE /users/x?permanent=true", "GET /users?includeDeleted=true",
			"GET /storage/x/content", "POST /uploads", "GET /api-keys", "POST /api-keys", "DELETE /api-keys/x",
			"GET /actuator/health", "GET /specification.json", "GET /nope", "OPTIONS /users" };

	private static final String[] HOSTILE_CREDENTIALS = { "Bearer", "Bearer ", "Bearer  ", "bearer x", "Basic YTpi",
			"Bearer fk_" + "A".repeat(43), "Bearer fk_", "Bearer " + PackagedService.ADMIN_KEY + " ",
			"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
			"Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opB1Qfp7QDdA", "Bearer " + "=".repeat(100),
			"Bearer " + "~".repeat(513), "Bearer \u0000", "Negotiate YIIB",
			"Bearer " + PackagedService.ADMIN_KEY.toUpperCase() };

	/** A credential as raw header bytes, or null for none: anything but a line break. */
	private static byte[] credential(Fuzz fuzz) {
		byte[] credential = fuzz.oneOf(() -> null,
				() -> ("Bearer " + fuzz.string(0, 300)).getBytes(StandardCharsets.UTF_8),
				() -> ("Bearer " + fuzz.printable(0, 600)).getBytes(StandardCharsets.US_ASCII),
				() -> fuzz.printable(0, 300).getBytes(StandardCharsets.US_ASCII), () -> fuzz.bytes(300),
				() -> fuzz.pick(HOSTILE_CREDENTIALS).getBytes(StandardCharsets.UTF_8));
		if (credential != null) {
			for (int i = 0; i < credential.length; i++) {
				if (credential[i] == '\r' || credential[i] == '\n') {
					credential[i] = 'x';
				}
			}
		}
		return credential;
	}

	@Fuzz.Test
	@MethodSource
	void anyCredentialOrNoneIsAnsweredSafely(byte[] authorization, String target) throws Exception {
		String[] parts = target.split(" ");
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes((parts[0] + " " + parts[1] + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 2\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		if (authorization != null) {
			request.writeBytes("Authorization: ".getBytes(StandardCharsets.US_ASCII));
			request.writeBytes(authorization);
			request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		request.writeBytes("\r\n{}".getBytes(StandardCharsets.US_ASCII));
		String answer;
		try (Socket socket = new Socket(service.uri("/").getHost(), service.uri("/").getPort())) {
			socket.getOutputStream().write(request.toByteArray());
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		String what = target + " with " + ((authorization != null)
				? "Authorization: " + new String(authorization, StandardCharsets.ISO_8859_1) : "no credential");
		assertThat(answer).as(what).matches("(?s)HTTP/1\\.1 [1-4]\\d\\d .*");
		String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
		assertThat(body).as(what)
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("java.lang")
			.doesNotContain("org.springframework");
	}

	static Stream<Arguments> anyCredentialOrNoneIsAnsweredSafely() {
		return Fuzz.cases("credentials", 200,
				(fuzz) -> new Object[] { credential(fuzz), fuzz.pick(CREDENTIAL_TARGETS) });
	}

	@Test
	void hugeAndDeeplyNestedJsonAndInvalidUtf8AreRefusedCleanly() throws Exception {
		String huge = "{\"name\":\"" + "x".repeat(3_000_000) + "\",\"email\":\"a@b.c\"}";
		assertSafe(send("POST", "/users", huge.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
				"huge");
		String deep = "[".repeat(200_000) + "]".repeat(200_000);
		assertSafe(send("POST", "/users", deep.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
				"deep");
		assertSafe(send("PATCH", "/users", deep.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
				"deep bulk");
		byte[] invalidUtf8 = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"',
				'}' };
		HttpResponse<String> invalid = send("POST", "/users", invalidUtf8, "Content-Type", "application/json");
		assertSafe(invalid, "invalid UTF-8");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertSafe(send("GET", "/users?filter=" + encode("{" + "\"a\":1,".repeat(20000) + "\"b\":2}"), null),
				"many keys");
	}

}
