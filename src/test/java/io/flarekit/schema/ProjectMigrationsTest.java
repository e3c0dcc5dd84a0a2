package io.flarekit.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import io.flarekit.core.model.UtcTimestampConverter;
import io.flarekit.core.testentities.Article;
import io.flarekit.core.testentities.Note;
import io.flarekit.core.testentities.Tag;
import io.flarekit.users.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The project's own migrations against its own entities: the check that makes the build
 * fail when they drift apart, and the three commands.
 */
class ProjectMigrationsTest {

	@TempDir
	Path folder;

	@AfterEach
	void clearProperties() {
		System.clearProperty("migrations");
		System.clearProperty("name");
	}

	@Test
	void theMigrationsGiveExactlyTheEntitiesSchema() {
		List<String> differences = new MigrationGenerator(MigrationTool.MIGRATIONS, MigrationCommands.vendors(),
				MigrationTool.applicationEntities())
			.check();
		assertThat(differences)
			.as("Entities and migrations differ; write the migration with " + MigrationGenerator.GENERATE_COMMAND)
			.isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sqlite", "postgresql" })
	void theTestEntitiesTablesMatchTheTestEntities(String folder) throws Exception {
		Vendor vendor = MigrationCommands.vendors()
			.stream()
			.filter((candidate) -> candidate.folder().equals(folder))
			.findFirst()
			.orElseThrow();
		Path testTables = Path.of("src/test/resources/db/migration", folder, "R__test_entities.sql");
		try (ScratchDatabase scratch = vendor.newScratch();
				Connection connection = scratch.connect();
				Statement statement = connection.createStatement()) {
			for (String sql : Files.readString(testTables).replaceAll("(?m)^--.*$", "").split(";")) {
				if (!sql.isBlank()) {
					statement.execute(sql);
				}
			}
			List<Class<?>> entities = List.of(Article.class, Tag.class, Note.class, UtcTimestampConverter.class);
			assertThat(vendor.read(connection)
				.differencesFrom(vendor.target(EntitySchemaReader.readWithRenames(entities, vendor).schema())))
				.isEmpty();
		}
	}

	@Test
	void theApplicationEntitiesAreFoundButNotTheTestOnes() {
		assertThat(MigrationTool.applicationEntities()).contains(User.class)
			.noneMatch((type) -> type.getName().contains("testentities"));
	}

	@Test
	void everyMigrationIsGenerated() throws Exception {
		try (var files = Files.walk(MigrationTool.MIGRATIONS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".sql")).toList()) {
				assertThat(Files.readString(file)).as(file.toString())
					.startsWith("-- Generated from the entity classes");
			}
		}
	}

	@Test
	void checkFailsOnDriftAndGenerateFixesIt() throws Exception {
		Path migrations = this.folder.resolve("migrations");
		Files.createDirectories(migrations);
		System.setProperty("migrations", migrations.toString());
		assertThatThrownBy(() -> MigrationCommands.main(new String[] { "check" }))
			.hasMessageContaining("The entities and the migrations differ");
		System.setProperty("name", "create_everything");
		MigrationCommands.main(new String[] { "generate" });
		MigrationCommands.main(new String[] { "check" });
		for (String vendor : List.of("sqlite", "postgresql")) {
			try (var files = Files.list(migrations.resolve(vendor))) {
				assertThat(files.map((file) -> file.getFileName().toString())).as(vendor)
					.containsExactly("V1__create_everything.sql");
			}
		}
		MigrationCommands.main(new String[] { "generate" });
		try (var files = Files.walk(migrations)) {
			assertThat(files.filter(Files::isRegularFile).count()).as("nothing to do writes nothing").isEqualTo(2);
		}
	}

	@Test
	void migrateAppliesPendingMigrationsWithoutAWebServer() throws Exception {
		Path database = this.folder.resolve("data/app.db");
		MigrationTool.main(new String[] { "migrate", "--flarekit.database.path=" + database,
				"--logging.level.root=warn", "--flarekit.storage.blob-dir=" + this.folder.resolve("blobs"),
				"--flarekit.storage.uploads.dir=" + this.folder.resolve("uploads") });
		assertThat(database).exists();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
			assertThat(DatabaseSchemaReader.read(connection).tables()).containsKey("users");
		}
	}

	@Test
	void anUnknownCommandIsRefused() {
		assertThatThrownBy(() -> MigrationTool.main(new String[] { "explode" }))
			.hasMessageContaining("generate, check, migrate");
	}

}
