package io.flarekit.schema;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.flarekit.FlarekitApplication;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The migration commands, run with Maven from the project folder:
 * <ul>
 * <li>{@code ./mvnw test-compile exec:java@generate-migration -Dname=add_products} writes
 * the next migration of each database for every difference between the entities and its
 * migrations ({@code -DallowDestructive=true} lets it drop or narrow);</li>
 * <li>{@code ./mvnw test-compile exec:java@check-migrations} fails when they differ;</li>
 * <li>{@code ./mvnw compile exec:java@migrate} applies pending migrations to the
 * configured database without starting the web server.</li>
 * </ul>
 * The Flarekit counterpart of {@code npx flarekit build:migrations} and
 * {@code migrate:d1:local}. Generating and checking prove migrations on scratch
 * databases, PostgreSQL's included, which the service's jar does not carry: Maven runs
 * them through a class of the tests that supplies the tests' embedded PostgreSQL
 * ({@code io.flarekit.schema.MigrationCommands}).
 */
public final class MigrationTool {

	/**
	 * Where the project keeps its migrations, one folder per database, relative to the
	 * project folder.
	 */
	public static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private MigrationTool() {
	}

	public static void main(String[] args) {
		run(args, List.of());
	}

	/**
	 * Runs a command.
	 * @param args the command and its arguments
	 * @param vendors the databases to generate and check migrations for
	 */
	static void run(String[] args, List<Vendor> vendors) {
		String command = (args.length > 0) ? args[0] : "";
		if (!command.equals("migrate")) {
			LoggingSystem logging = LoggingSystem.get(MigrationTool.class.getClassLoader());
			logging.beforeInitialize();
			logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		}
		Path migrations = Path.of(System.getProperty("migrations", MIGRATIONS.toString()));
		switch (command) {
			case "generate" -> generate(generator(migrations, vendors));
			case "check" -> check(generator(migrations, vendors));
			case "migrate" -> migrate(args);
			default -> throw new IllegalArgumentException("Use one of: generate, check, migrate");
		}
	}

	private static MigrationGenerator generator(Path migrations, List<Vendor> vendors) {
		if (vendors.isEmpty()) {
			throw new IllegalStateException("Generating and checking migrations needs a scratch PostgreSQL: run "
					+ MigrationGenerator.GENERATE_COMMAND + " or ./mvnw test-compile exec:java@check-migrations");
		}
		return new MigrationGenerator(migrations, vendors, applicationEntities());
	}

	private static void generate(MigrationGenerator generator) {
		try {
			MigrationGenerator.Result result = generator.generate(System.getProperty("name"),
					Boolean.getBoolean("allowDestructive"));
			if (result.written().isEmpty()) {
				System.out.println("Nothing to do: the migrations already give the entities' schema.");
				return;
			}
			result.written().forEach((file, changes) -> {
				System.out.println("Wrote " + file + ":");
				changes.forEach((change) -> System.out.println("  - " + change));
			});
		}
		catch (MigrationGenerator.RefusedException ex) {
			System.err.println(ex.getMessage());
			throw new IllegalStateException("No migration written", ex);
		}
	}

	private static void check(MigrationGenerator generator) {
		List<String> differences = generator.check();
		if (differences.isEmpty()) {
			System.out.println("The migrations give exactly the entities' schema.");
			return;
		}
		System.err.println("The entities and the migrations differ:");
		differences.forEach((difference) -> System.err.println("  - " + difference));
		System.err.println("Write the migration with: " + MigrationGenerator.GENERATE_COMMAND);
		throw new IllegalStateException(
				"The entities and the migrations differ (" + differences.size() + " differences)");
	}

	private static void migrate(String[] args) {
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		new SpringApplicationBuilder(FlarekitApplication.class).web(WebApplicationType.NONE).run(rest).close();
		System.out.println("The database is migrated.");
	}

	/**
	 * The application's entity classes and auto-applied converters: those under the
	 * application's package in the application's own classes, not the tests'.
	 * @return the classes the migrations must match
	 */
	public static List<Class<?>> applicationEntities() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
		scanner.addIncludeFilter(new AnnotationTypeFilter(Converter.class));
		URL application = location(FlarekitApplication.class);
		List<Class<?>> classes = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(FlarekitApplication.class.getPackageName())) {
			Class<?> type = ClassUtils.resolveClassName(Objects.requireNonNull(candidate.getBeanClassName()),
					MigrationTool.class.getClassLoader());
			if (Objects.equals(location(type), application)) {
				classes.add(type);
			}
		}
		return classes;
	}

	private static URL location(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		return (source != null) ? source.getLocation() : null;
	}

}
