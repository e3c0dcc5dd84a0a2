package io.flarekit.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * Writes the next migration from the difference between the entities and what the
 * existing migrations build, and proves it before writing: the new file is applied to a
 * scratch database that holds rows in every table, and must give exactly the entities'
 * schema without losing a row.
 */
final class MigrationGenerator {

	/** The command that writes a migration, for messages. */
	static final String GENERATE_COMMAND = "./mvnw compile exec:java@generate-migration -Dname=<what_changed>";

	private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,80}");

	private static final int SAMPLE_ROWS = 3;

	private final Path migrations;

	private final Collection<Class<?>> entityClasses;

	/**
	 * What a run did.
	 *
	 * @param file the migration written, or empty when there was nothing to do
	 * @param changes the changes, in words
	 */
	record Result(Optional<Path> file, List<String> changes) {
	}

	/** The entities and the migrations cannot be brought together safely. */
	static class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message);
		}

	}

	MigrationGenerator(Path migrations, Collection<Class<?>> entityClasses) {
		this.migrations = migrations;
		this.entityClasses = entityClasses;
	}

	/**
	 * How the schema of the migrations differs from the entities' schema.
	 * @return one line per difference; empty when they agree
	 */
	List<String> check() {
		Schema target = EntitySchemaReader.read(this.entityClasses);
		try (ScratchDatabase scratch = ScratchDatabase.create()) {
			scratch.migrate(this.migrations);
			return scratch.schema().differencesFrom(target);
		}
	}

	/**
	 * Writes the next migration.
	 * @param name what changed, e.g. {@code add_products}
	 * @param allowDestructive whether changes that can lose data may be written
	 * @return what was written
	 * @throws RefusedException when the changes are destructive and not allowed, or the
	 * migration fails its proof
	 */
	Result generate(String name, boolean allowDestructive) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new RefusedException("Give the migration a name of lower-case letters, digits and underscores, "
					+ "e.g. -Dname=add_products");
		}
		EntitySchemaReader.Result entities = EntitySchemaReader.readWithRenames(this.entityClasses);
		List<Change> changes = new ArrayList<>();
		try (ScratchDatabase scratch = ScratchDatabase.create()) {
			scratch.migrate(this.migrations);
			changes.addAll(renames(scratch, entities.renames()));
			changes.addAll(MigrationPlanner.plan(scratch.schema(), entities.schema()));
		}
		if (changes.isEmpty()) {
			return new Result(Optional.empty(), List.of());
		}
		List<String> destructive = changes.stream().map(Change::destructive).filter((d) -> d != null).toList();
		if (!destructive.isEmpty() && !allowDestructive) {
			throw new RefusedException(
					"These changes can lose data, so nothing was written:\n  - " + String.join("\n  - ", destructive)
							+ "\nIf that is intended, run again with -DallowDestructive=true.");
		}
		int version = nextVersion();
		String fileName = "V" + version + "__" + name + ".sql";
		MigrationScript script = MigrationScript.of(changes, name, destructive);
		prove(fileName, script, entities);
		Path file = this.migrations.resolve(fileName);
		write(file, script.sql());
		if (script.outsideTransaction()) {
			write(this.migrations.resolve(fileName + ".conf"), MigrationScript.NON_TRANSACTIONAL_CONF);
		}
		return new Result(Optional.of(file), changes.stream().map(Change::description).toList());
	}

	private static List<Change> renames(ScratchDatabase scratch, Renames renames) {
		List<Change> changes = new ArrayList<>();
		Schema current = scratch.schema();
		for (Map.Entry<String, String> rename : renames.tables().entrySet()) {
			if (current.table(rename.getKey()).isPresent() && current.table(rename.getValue()).isEmpty()) {
				changes.add(Change.of("rename table " + rename.getKey() + " to " + rename.getValue(), "alter table "
						+ SqlText.quote(rename.getKey()) + " rename to " + SqlText.quote(rename.getValue()) + ";"));
			}
		}
		scratch.execute(changes.stream().flatMap((change) -> change.statements().stream()).toList());
		current = scratch.schema();
		List<Change> columnChanges = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> table : renames.columns().entrySet()) {
			Optional<Schema.Table> existing = current.table(table.getKey());
			for (Map.Entry<String, String> rename : table.getValue().entrySet()) {
				if (existing.isPresent() && existing.get().column(rename.getKey()).isPresent()
						&& existing.get().column(rename.getValue()).isEmpty()) {
					columnChanges.add(Change.of(
							"rename column " + table.getKey() + "." + rename.getKey() + " to " + rename.getValue(),
							"alter table " + SqlText.quote(table.getKey()) + " rename column "
									+ SqlText.quote(rename.getKey()) + " to " + SqlText.quote(rename.getValue())
									+ ";"));
				}
			}
		}
		scratch.execute(columnChanges.stream().flatMap((change) -> change.statements().stream()).toList());
		changes.addAll(columnChanges);
		return changes;
	}

	/**
	 * Applies the new migration, through Flyway, to a copy of the current schema holding
	 * sample rows, and checks the result.
	 */
	private void prove(String fileName, MigrationScript script, EntitySchemaReader.Result entities) {
		Path candidate = null;
		try (ScratchDatabase scratch = ScratchDatabase.create()) {
			candidate = Files.createTempDirectory("flarekit-candidate-");
			try (Stream<Path> files = Files.list(this.migrations)) {
				for (Path file : files.toList()) {
					Files.copy(file, candidate.resolve(file.getFileName()));
				}
			}
			scratch.migrate(this.migrations);
			scratch.insertSampleRows(scratch.schema(), entities.schema(), SAMPLE_ROWS);
			Map<String, Long> before = scratch.rowCounts();
			Files.writeString(candidate.resolve(fileName), script.sql(), StandardCharsets.UTF_8);
			if (script.outsideTransaction()) {
				Files.writeString(candidate.resolve(fileName + ".conf"), MigrationScript.NON_TRANSACTIONAL_CONF,
						StandardCharsets.UTF_8);
			}
			try {
				scratch.migrate(candidate);
			}
			catch (RuntimeException ex) {
				throw new RefusedException("The new migration failed on a copy of the current schema with sample "
						+ "rows, so nothing was written: " + rootMessage(ex) + "\n\n" + script.sql());
			}
			List<String> problems = new ArrayList<>(scratch.schema().differencesFrom(entities.schema()));
			Map<String, Long> after = scratch.rowCounts();
			before.forEach((table, count) -> {
				String now = entities.renames().tables().getOrDefault(table, table);
				if (after.containsKey(now) && !after.get(now).equals(count)) {
					problems.add("table " + now + " had " + count + " rows and has " + after.get(now));
				}
			});
			problems.addAll(scratch.integrityProblems());
			if (!problems.isEmpty()) {
				throw new RefusedException("The new migration does not give the entities' schema with every row, "
						+ "so nothing was written:\n  - " + String.join("\n  - ", problems) + "\n\n" + script.sql());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (candidate != null) {
				FileSystemUtils.deleteRecursively(candidate.toFile());
			}
		}
	}

	private int nextVersion() {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map((file) -> VERSIONED.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToInt((matcher) -> Integer.parseInt(matcher.group(1)))
				.max()
				.orElse(0) + 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
