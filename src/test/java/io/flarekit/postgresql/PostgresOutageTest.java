package io.flarekit.postgresql;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.flarekit.FlarekitApplication;
import io.flarekit.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL server goes away under a running service and comes back: meanwhile every
 * request is a 503 with {@code Retry-After} and a problem body (never a 500 or a trace),
 * and afterwards the service serves again by itself. A server of its own, stopped and
 * started again on the same port and data folder.
 */
class PostgresOutageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@TempDir
	Path folder;

	@Test
	void aServerThatGoesAwayIsA503UntilItIsBack() throws Exception {
		int port = freePort();
		EmbeddedPostgres server = start(port);
		try (ConfigurableApplicationContext service = service(server.getJdbcUrl("postgres", "postgres"))) {
			int http = ((WebServerApplicationContext) service).getWebServer().getPort();
			assertThat(send(http, "POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").statusCode())
				.isEqualTo(201);
			server.close();

			for (String[] request : new String[][] { { "GET", "/users" }, { "POST", "/users" } }) {
				HttpResponse<String> down = send(http, request[0], request[1],
						"{\"name\":\"Bob\",\"email\":\"bob@example.com\"}");
				assertThat(down.statusCode()).as(request[0] + " " + down.body()).isEqualTo(503);
				assertThat(down.headers().firstValue("Retry-After")).contains("1");
				assertThat(down.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				JsonNode problem = JSON.readTree(down.body());
				assertThat(problem.get("code").stringValue()).isEqualTo("SERVICE_UNAVAILABLE");
				assertThat(down.body()).doesNotContain("Exception").doesNotContain("at org.");
			}

			server = start(port);
			HttpResponse<String> back = null;
			for (int attempt = 0; attempt < 50; attempt++) {
				back = send(http, "GET", "/users", null);
				if (back.statusCode() == 200) {
					break;
				}
				Thread.sleep(200);
			}
			assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
			assertThat(JSON.readTree(back.body()).get(0).get("name").stringValue()).isEqualTo("Ada");
		}
		finally {
			server.close();
		}
	}

	private EmbeddedPostgres start(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(this.folder.resolve("pg"))
			.setCleanDataDirectory(false)
			.start();
	}

	private ConfigurableApplicationContext service(String url) {
		return new SpringApplicationBuilder(FlarekitApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--spring.datasource.hikari.connection-timeout=1000",
				"--flarekit.storage.blob-dir=" + this.folder.resolve("blobs"),
				"--flarekit.storage.uploads.dir=" + this.folder.resolve("uploads"),
				"--flarekit.security.bootstrap-admin-key=" + IntegrationTest.ADMIN_KEY);
	}

	private HttpResponse<String> send(int port, String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
