package io.flarekit.safety;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of every endpoint of the packaged service with random and boundary
 * values in bodies, query parameters, headers, paths and multipart parts: no answer is a
 * 5xx, and none shows a stack trace or an exception's name.
 */
class FuzzIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Path data;

	private static PackagedService service;

	@BeforeContainer
	static void start() throws Exception {
		data = Files.createTempDirectory("flarekit-fuzz-");
		service = new PackagedService(data).start();
	}

	@AfterContainer
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
		HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path))
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

	@Provide
	Arbitrary<Object> json() {
		Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300).map((s) -> (Object) s),
				Arbitraries.integers().map((i) -> (Object) i), Arbitraries.longs().map((l) -> (Object) l),
				Arbitraries.doubles().map((d) -> (Object) d), Arbitraries.of(true, false).map((b) -> (Object) b),
				Arbitraries.just(null),
				Arbitraries
					.of("id", "name", "email", "createdAt", "deletedAt", "storageId", "description", "", "a@b.c",
							"2024-01-01T00:00:00Z", "[0,9]")
					.map((s) -> (Object) s));
		Arbitrary<String> keys = Arbitraries.of("id", "name", "email", "data", "storageId", "description", "createdAt",
				"parts", "partNumber", "etag", "x");
		return Arbitraries.recursive(() -> leaf,
				(inner) -> Arbitraries.oneOf(inner.list().ofMaxSize(4).map((list) -> (Object) list),
						Arbitraries.maps(keys, inner).ofMaxSize(5).map((map) -> (Object) map)),
				3);
	}

	@Provide
	Arbitrary<String> writePath() {
		return Arbitraries.of("POST /users", "PUT /users/x", "PATCH /users/x", "PATCH /users", "POST /storage-info",
				"PATCH /storage-info", "PUT /storage-info/y", "POST /uploads",
				"POST /uploads/00000000-0000-0000-0000-000000000000/complete", "POST /test", "DELETE /users");
	}

	@Property(tries = 250)
	void anyJsonBodyIsAnsweredSafely(@ForAll("json") Object body, @ForAll("writePath") String target) throws Exception {
		String[] parts = target.split(" ");
		byte[] bytes = JSON.writeValueAsBytes(body);
		assertSafe(send(parts[0], parts[1], bytes, "Content-Type", "application/json"),
				target + " " + new String(bytes, StandardCharsets.UTF_8));
	}

	@Property(tries = 150)
	void anyTextAsABodyIsAnsweredSafely(@ForAll String body, @ForAll("writePath") String target) throws Exception {
		String[] parts = target.split(" ");
		assertSafe(send(parts[0], parts[1], body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
				target);
	}

	@Property(tries = 250)
	void anyListParametersAreAnsweredSafely(@ForAll("parameter") String range, @ForAll("parameter") String sort,
			@ForAll("parameter") String filter, @ForAll("parameter") String embed, @ForAll("resource") String resource)
			throws Exception {
		String path = resource + "?range=" + encode(range) + "&sort=" + encode(sort) + "&filter=" + encode(filter)
				+ "&embed=" + encode(embed) + "&includeDeleted=" + encode(sort);
		assertSafe(send("GET", path, null), path);
	}

	@Provide
	Arbitrary<String> resource() {
		return Arbitraries.of("/users", "/storage", "/storage-info");
	}

	@Provide
	Arbitrary<String> parameter() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
				Arbitraries.of("[0,9]", "[9,0]", "[-1,2]", "[0," + Long.MAX_VALUE + "]", "[" + Long.MAX_VALUE + ",1]",
						"[1e308,2]", "[\"a\",\"b\"]", "[\"name\",\"ASC\"]", "[\"name\",\"sideways\"]", "{\"q\":\"%\"}",
						"{\"email\":[1,2,null]}", "{\"createdAt_gte\":\"x\"}", "{\"name_q\":{}}", "[\"storage\"]",
						"[\"nope\"]", "null", "{}", "[]", "true", "\u0000", "'; drop table users; --"),
				json().map((value) -> JSON.writeValueAsString(value)));
	}

	@Property(tries = 150)
	void anyIdInAPathIsAnsweredSafely(@ForAll("pathSegment") String id, @ForAll("idPath") String template)
			throws Exception {
		String path = template.replace("{id}", encode(id).replace("+", "%20"));
		for (String method : List.of("GET", "DELETE")) {
			assertSafe(send(method, path, null), method + " " + path);
		}
	}

	@Provide
	Arbitrary<String> pathSegment() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
				Arbitraries.of("..", "%2e%2e", "x".repeat(5000), "00000000-0000-0000-0000-000000000000", "a/b", "\\"));
	}

	@Provide
	Arbitrary<String> idPath() {
		return Arbitraries.of("/users/{id}", "/storage/{id}", "/storage/{id}/content", "/storage-info/{id}",
				"/uploads/{id}", "/uploads/{id}/parts/1");
	}

	@Property(tries = 150)
	void anyHeadersAreAnsweredSafely(@ForAll("headerValue") String requestId, @ForAll("headerValue") String accept,
			@ForAll("headerValue") String range, @ForAll("headerValue") String contentType) throws Exception {
		HttpResponse<String> list = send("GET", "/users", null, "X-Request-Id", requestId, "Accept", accept, "Range",
				range, "If-None-Match", range);
		assertSafe(list, "headers " + requestId + " | " + accept + " | " + range);
		HttpResponse<String> create = send("POST", "/users", "{\"name\":\"h\",\"email\":\"h@h.io\"}".getBytes(),
				"Content-Type", contentType, "Accept", accept);
		assertSafe(create, "content type " + contentType);
	}

	@Provide
	Arbitrary<String> headerValue() {
		return Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(200),
				Arbitraries.of("application/json", "text/html", "*/*", "application/problem+json",
						"multipart/form-data", "multipart/form-data; boundary=", "bytes=0-0", "bytes=-1", "bytes=5-1",
						"bytes=0-999999999999999999999", "application/json; charset=ebcdic", "x/y; q=2"));
	}

	@Property(tries = 150)
	void anyMultipartPartsAreAnsweredSafely(@ForAll("fileBytes") byte[] content, @ForAll("headerValue") String name,
			@ForAll("headerValue") String type, @ForAll("fieldName") String field) throws Exception {
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

	@Provide
	Arbitrary<byte[]> fileBytes() {
		return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(4000),
				Arbitraries.just(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }),
				Arbitraries.just("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)));
	}

	@Provide
	Arbitrary<String> fieldName() {
		return Arbitraries.of("images[]", "file", "images", "other", "");
	}

	@Example
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
		String manyKeys = JSON.writeValueAsString(Map.of("filter", "x"));
		assertSafe(send("GET", "/users?filter=" + encode("{" + "\"a\":1,".repeat(20000) + "\"b\":2}"), null), manyKeys);
	}

}
