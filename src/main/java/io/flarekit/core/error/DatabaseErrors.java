package io.flarekit.core.error;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.springframework.modulith.NamedInterface;

/**
 * What a database's own exception means, told by the package of that database (each
 * driver reports a full disk or a broken constraint in its own words). The core asks
 * every installed one and stays free of any driver. They are found with
 * {@link ServiceLoader} ({@code META-INF/services}), not as beans, because static helpers
 * such as {@link DiskFull} ask them too, and a driver's exceptions mean the same whatever
 * database is configured.
 */
@NamedInterface("error")
public interface DatabaseErrors {

	/**
	 * Whether the database refused a write because its disk is full.
	 * @param ex one exception of a cause chain
	 * @return whether it is this database's "disk full"
	 */
	boolean isDiskFull(SQLException ex);

	/**
	 * The constraint that a write broke, in the database's neutral terms.
	 * @param ex one exception of a cause chain
	 * @return the failure, or empty when the exception is not this database's constraint
	 * failure
	 */
	Optional<ConstraintFailure> constraintFailure(SQLException ex);

	/** Every database package's interpreter on the class path. */
	static List<DatabaseErrors> installed() {
		return Installed.ALL;
	}

	/** Loaded once. */
	final class Installed {

		private static final List<DatabaseErrors> ALL = ServiceLoader.load(DatabaseErrors.class)
			.stream()
			.map(ServiceLoader.Provider::get)
			.toList();

		private Installed() {
		}

	}

}
