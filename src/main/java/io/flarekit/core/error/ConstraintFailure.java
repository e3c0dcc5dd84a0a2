package io.flarekit.core.error;

import java.util.List;

import org.springframework.modulith.NamedInterface;

/**
 * A constraint that a write broke, as any database can tell it: the core turns it into
 * the same HTTP answer whichever database said it.
 */
@NamedInterface("error")
public sealed interface ConstraintFailure {

	/**
	 * A duplicate.
	 *
	 * @param columns the columns of the unique key, when the database names them (empty
	 * for an index on an expression)
	 * @param index the unique index or constraint, when the database names it (else
	 * empty)
	 */
	@NamedInterface("error")
	record Unique(List<String> columns, String index) implements ConstraintFailure {

		public Unique {
			columns = List.copyOf(columns);
			index = (index != null) ? index : "";
		}

	}

	/**
	 * A missing value.
	 *
	 * @param column the column
	 */
	@NamedInterface("error")
	record NotNull(String column) implements ConstraintFailure {
	}

	/** A reference to a record that does not exist, or from a record being deleted. */
	@NamedInterface("error")
	record ForeignKey() implements ConstraintFailure {
	}

	/**
	 * A value that a CHECK constraint refused.
	 *
	 * @param constraint its name or expression, as the database gives it
	 */
	@NamedInterface("error")
	record Check(String constraint) implements ConstraintFailure {
	}

}
