package io.flarekit.schema;

import java.util.stream.Stream;
import java.io.IOException;
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

import org.springframework.util.FileSystemUtils;

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

	@ParameterizedTest
	@ValueSource(strings = { "sqlite/V7__storage_owners.sql", "postgresql/V8__create_schema.sql" })
	void checkFailsOnDriftInEitherFolder(String missing) throws Exception {
		Path migrations = this.folder.resolve("migrations");
		FileSystemUtils.copyRecursively(MigrationTool.MIGRATIONS, migrations);
		Files.delete(migrations.resolve(missing));
		System.setProperty("migrations", migrations.toString());
		String database = missing.substring(0, missing.indexOf('/'));
		assertThatThrownBy(() -> MigrationCommands.main(new String[] { "check" }))
			.hasMessageContaining("The entities and the migrations differ");
		assertThat(new MigrationGenerator(migrations, MigrationCommands.vendors(), MigrationTool.applicationEntities())
			.check()).isNotEmpty().allMatch((difference) -> difference.startsWith(database + ": "));
	}

	@Test
	void generateAndCheckRefuseToRunWithoutAScratchPostgres() {
		assertThatThrownBy(() -> MigrationTool.main(new String[] { "check" }))
			.hasMessageContaining("needs a scratch PostgreSQL")
			.hasMessageContaining("exec:java@check-migrations");
	}

	@Test
	void theNextVersionIsOnePastTheHighestOfEveryFolderAndWrittenWhereNeeded() throws Exception {
		Path migrations = this.folder.resolve("migrations");
		FileSystemUtils.copyRecursively(MigrationTool.MIGRATIONS, migrations);
		// SQLite loses its newest migration, so PostgreSQL's folder holds the highest
		// version
		int highest = highestVersion(migrations.resolve("postgresql"));
		try (Stream<Path> files = Files.list(migrations.resolve("sqlite"))) {
			files.filter((file) -> file.getFileName().toString().startsWith("V" + highest + "__"))
				.forEach((file) -> FileSystemUtils.deleteRecursively(file.toFile()));
		}
		assertThat(highestVersion(migrations.resolve("sqlite"))).isLessThan(highest);
		System.setProperty("migrations", migrations.toString());
		System.setProperty("name", "catch_up");
		MigrationCommands.main(new String[] { "generate" });
		String next = "V" + (highest + 1) + "__catch_up.sql";
		assertThat(migrations.resolve("sqlite/" + next)).as("one past PostgreSQL's highest").exists();
		assertThat(migrations.resolve("postgresql/" + next)).as("PostgreSQL had nothing to do").doesNotExist();
		MigrationCommands.main(new String[] { "check" });
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

	private static int highestVersion(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches("V\\d+__.*"))
				.mapToInt((name) -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
				.max()
				.orElseThrow();
		}
	}

}
