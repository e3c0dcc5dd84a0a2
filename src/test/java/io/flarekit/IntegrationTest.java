package io.flarekit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.flarekit.testing.TestPostgres;
import io.flarekit.testing.TestS3;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that need the whole service: a real SQLite file in a temporary folder
 * (or, with {@code -Dflarekit.test.database=postgresql}, a database of its own on the
 * test PostgreSQL server) and a real HTTP server on a random port. Every subclass shares
 * one application context (and so one database); each test starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("api")
public abstract class IntegrationTest {

	private static final Pattern NEXT = Pattern.compile("^<http://localhost:\\d+(/[^>]*)>; rel=\"next\"$");

	/** One folder for the whole test run, removed when the JVM exits. */
	protected static final Path DATA = createDataFolder();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The admin key every test context starts with (as
	 * {@code flarekit.security.bootstrap-admin-key}), and sends unless told otherwise.
	 */
	public static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	private String credential = ADMIN_KEY;

	/** Whether this run's database is PostgreSQL rather than SQLite (see the class). */
	protected static boolean onPostgres() {
		return "postgresql".equals(System.getProperty("flarekit.test.database"));
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		if (onPostgres()) {
			registry.add("spring.datasource.url", PostgresDatabase::url);
			registry.add("spring.datasource.username", TestPostgres::user);
			registry.add("spring.datasource.password", TestPostgres::password);
		}
		registry.add("flarekit.database.path", () -> DATA.resolve("flarekit.db").toString());
		registry.add("flarekit.api.max-page-size", () -> "50");
		registry.add("flarekit.storage.blob-dir", () -> DATA.resolve("blobs").toString());
		registry.add("flarekit.storage.uploads.dir", () -> DATA.resolve("uploads").toString());
		registry.add("flarekit.storage.uploads.max-part-size", () -> "8MB");
		registry.add("spring.servlet.multipart.max-file-size", () -> "10MB");
		registry.add("spring.jpa.properties.hibernate.generate_statistics", () -> "true");
		registry.add("spring.servlet.multipart.max-request-size", () -> "10MB");
		registry.add("flarekit.security.bootstrap-admin-key", () -> ADMIN_KEY);
		// -Dflarekit.test.storage=s3: blobs and upload parts in a bucket of a real S3
		// server
		if ("s3".equals(System.getProperty("flarekit.test.storage"))) {
			TestS3.shared().use(registry, "integration");
		}
	}

	/**
	 * The key the next requests send as their bearer token; null sends none. Each test
	 * starts with {@link #ADMIN_KEY}. A request given its own {@code Authorization}
	 * header sends that instead.
	 */
	protected void sendAs(String key) {
		this.credential = key;
	}

	@BeforeEach
	void emptyTables() {
		this.credential = ADMIN_KEY;
		// the keys stay: the admin key is stored once, when the context starts
		if (onPostgres()) {
			List<String> tables = this.jdbc.queryForList("select tablename from pg_tables "
					+ "where schemaname = current_schema() and tablename not like 'flyway_%' and tablename != 'api_keys'",
					String.class);
			if (!tables.isEmpty()) {
				this.jdbc.execute("truncate table \"" + String.join("\", \"", tables) + "\"");
			}
			return;
		}
		List<String> tables = this.jdbc.queryForList(
				"select name from sqlite_master where type = 'table' "
						+ "and name not like 'sqlite_%' and name not like 'flyway_%' and name != 'api_keys'",
				String.class);
		this.jdbc.execute((Connection connection) -> {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				// foreign keys are checked at commit, so the order of the deletes does
				// not matter
				statement.execute("pragma defer_foreign_keys = on");
				for (String table : tables) {
					statement.executeUpdate("delete from \"" + table + "\"");
				}
				connection.commit();
			}
			finally {
				connection.setAutoCommit(true);
			}
			return null;
		});
	}

	protected Response get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	protected Response post(String path, String json) {
		return send("POST", path, json, "Content-Type", "application/json");
	}

	/** Sends a JSON body by PUT, with any further headers (name, value, …). */
	protected Response put(String path, String json, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return send("PUT", path, json, all);
	}

	protected Response patch(String path, String json) {
		return send("PATCH", path, json, "Content-Type", "application/json");
	}

	protected Response delete(String path, String... headers) {
		return send("DELETE", path, null, headers);
	}

	/**
	 * Sends a GET and returns the SQL that Hibernate sent while serving it, in order (see
	 * {@link SentStatements}).
	 * @param path the path and query
	 * @return the statements
	 */
	protected List<String> statementsOf(String path) {
		String requestId = "sql-" + UUID.randomUUID();
		Response response = get(path, "X-Request-Id", requestId);
		if (response.status() != 200) {
			throw new AssertionError("GET " + path + " failed: " + response);
		}
		return SentStatements.of(requestId);
	}

	/** Creates a record through the API and returns it. */
	protected JsonNode create(String path, String json) {
		Response response = post(path, json);
		if (response.status() != 201) {
			throw new AssertionError("Create failed: " + response.status() + " " + response.body());
		}
		return response.json();
	}

	protected Response send(String method, String path, String body, String... headers) {
		HttpResponse<byte[]> response = raw(method, path, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null,
				headers);
		return new Response(response.statusCode(), response.headers(),
				new String(response.body(), StandardCharsets.UTF_8));
	}

	/** Sends any bytes and returns the response's bytes as they came. */
	protected HttpResponse<byte[]> raw(String method, String path, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		boolean ownCredential = false;
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
			ownCredential |= headers[i].equalsIgnoreCase("Authorization");
		}
		if (!ownCredential && this.credential != null) {
			request.header("Authorization", "Bearer " + this.credential);
		}
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Percent-encodes a query parameter value. */
	protected static String q(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** What came back: status, headers and body. */
	public record Response(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

	/** One PostgreSQL database for the whole run, so that every subclass shares it. */
	private static final class PostgresDatabase {

		private static final String URL = TestPostgres.newDatabase("api");

		static String url() {
			return URL;
		}

	}

	private static Path createDataFolder() {
		try {
			Path folder = Files.createTempDirectory("flarekit-test-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(folder)));
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort at exit
		}
	}

	/**
	 * Follows a list's {@code Link: rel="next"} headers from a first page to the last.
	 * @param path the first page
	 * @return the ids of every record met, in order
	 */
	protected List<String> walk(String path) {
		List<String> ids = new ArrayList<>();
		String link = path;
		for (int pages = 0; link != null; pages++) {
			assertThat(pages).as("the walk ends").isLessThan(100);
			Response page = get(link);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			ids.addAll(ids(page.json()));
			link = next(page);
		}
		return ids;
	}

	/**
	 * The path of the next page from a list's {@code Link} header, or null on the last
	 * page.
	 */
	protected static String next(Response response) {
		String link = response.header("Link");
		if (link == null) {
			return null;
		}
		Matcher matcher = NEXT.matcher(link);
		assertThat(matcher.matches()).as(link).isTrue();
		return matcher.group(1);
	}

	/** The ids of a page's records, in order. */
	protected static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.forEach((row) -> ids.add(row.get("id").stringValue()));
		return ids;
	}

}
