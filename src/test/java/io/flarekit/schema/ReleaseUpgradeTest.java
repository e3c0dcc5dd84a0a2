package io.flarekit.schema;

import java.util.stream.Stream;
import java.util.Comparator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flarekit.FlarekitApplication;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite database made by the release before migrations moved into a folder per
 * database: {@code fixtures/release-66ee971-v7.db} was created at commit 66ee971 by
 * {@code exec:java@migrate} (V1 to V7 applied from {@code db/migration}), with three
 * users added by SQL, one of them soft-deleted. Flyway's history keeps each script's name
 * and checksum, not its folder, so the service must start on it as it is.
 */
class ReleaseUpgradeTest {

	private static final String KEY = "release-upgrade-admin-key-0123456789abcdefghij";

	@TempDir
	Path folder;

	private Path copyOfTheRelease() throws Exception {
		Path database = this.folder.resolve("data/flarekit.db");
		Files.createDirectories(database.getParent());
		Files.copy(Path.of("src/test/resources/fixtures/release-66ee971-v7.db"), database);
		return database;
	}

	@Test
	void theServiceStartsOnADatabaseOfThePreviousReleaseAndKeepsItsRows() throws Exception {
		Path database = copyOfTheRelease();
		try (ConfigurableApplicationContext service = new SpringApplicationBuilder(FlarekitApplication.class).run(
				"--server.port=0", "--logging.level.root=warn", "--flarekit.database.path=" + database,
				"--flarekit.storage.blob-dir=" + this.folder.resolve("blobs"),
				"--flarekit.storage.uploads.dir=" + this.folder.resolve("uploads"),
				"--flarekit.security.bootstrap-admin-key=" + KEY)) {
			ValidateResult validation = service.getBean(Flyway.class).validateWithResult();
			assertThat(validation.validationSuccessful).as(String.valueOf(validation.getAllErrorMessages())).isTrue();
			JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList(
					"select script from flyway_schema_history where success and version is not null order by installed_rank",
					String.class))
				.startsWith("V1__create_users.sql", "V2__create_storage.sql", "V3__list_and_filter_indexes.sql",
						"V4__live_users_order_index.sql", "V5__record_versions.sql", "V6__create_api_keys.sql",
						"V7__storage_owners.sql")
				.as("the release's V1-V7, then every later SQLite migration")
				.containsExactlyElementsOf(sqliteMigrations());
			String port = service.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users"))
					.header("Authorization", "Bearer " + KEY)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode users = JsonMapper.builder().build().readTree(response.body());
			assertThat(users.valueStream().map((user) -> user.get("email").asString()).toList())
				.as("newest first, the deleted one left out")
				.containsExactly("grace@example.com", "ada@example.com");
			assertThat(users.get(1).get("createdAt").asString()).isEqualTo("2026-11-29T04:31:10.123Z");
			assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).isEqualTo(3);
		}
	}

	@Test
	void aMigrationRenamedSinceTheReleaseWouldBeRefused() throws Exception {
		Path database = copyOfTheRelease();
		Path migrations = this.folder.resolve("migrations");
		FileSystemUtils.copyRecursively(MigrationTool.MIGRATIONS.resolve("sqlite"), migrations);
		Files.move(migrations.resolve("V3__list_and_filter_indexes.sql"), migrations.resolve("V3__list_indexes.sql"));
		ValidateResult validation = Flyway.configure()
			.dataSource("jdbc:sqlite:" + database, null, null)
			.locations("filesystem:" + migrations)
			.load()
			.validateWithResult();
		assertThat(validation.validationSuccessful).isFalse();
		assertThat(List.copyOf(validation.invalidMigrations).get(0).errorDetails.errorMessage)
			.contains("list and filter indexes");
	}

	private static List<String> sqliteMigrations() throws IOException {
		try (Stream<Path> files = Files.list(MigrationTool.MIGRATIONS.resolve("sqlite"))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith("V"))
				.sorted(Comparator
					.comparingInt((String name) -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
				.toList();
		}
	}

}
