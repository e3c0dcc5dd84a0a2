package io.flarekit.core.service;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.flarekit.core.error.ConcurrentChange;
import io.flarekit.core.error.ConstraintFailure;
import io.flarekit.core.error.DatabaseErrors;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.model.TableIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which field of the request a broken constraint concerns, whichever database
 * reported it ({@link DatabaseErrors} reads each one's words into a
 * {@link ConstraintFailure}): a duplicate is a 409 naming the field, a missing value a
 * 400, a broken reference a 409. A duplicate names its columns or, for an index on an
 * expression, the index, which {@link TableIndex#field()} maps back. The version check of
 * JPA's {@code @Version} is a constraint of the same kind: a write that another one
 * overtook is a 412 ({@link ConcurrentChange}).
 */
final class ConstraintFailures {

	private static final Logger log = LoggerFactory.getLogger(ConstraintFailures.class);

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

	private ConstraintFailures() {
	}

	/**
	 * The client-facing failure for a database exception, if it is a constraint failure.
	 * @param ex what the database threw
	 * @param model the entity being written
	 * @param deleting whether the write was a delete
	 * @return the exception to throw instead, or empty when it is not a constraint
	 * failure
	 */
	static Optional<ServiceException> translate(RuntimeException ex, EntityModel<?> model, boolean deleting) {
		if (ConcurrentChange.isCause(ex)) {
			return Optional.of(ConcurrentChange.failure("The " + model.name() + " record"));
		}
		return failureOf(ex).map((failure) -> answer(failure, model, deleting));
	}

	private static ServiceException answer(ConstraintFailure failure, EntityModel<?> model, boolean deleting) {
		if (failure instanceof ConstraintFailure.Unique unique) {
			return duplicate(model, duplicateFields(model, unique));
		}
		if (failure instanceof ConstraintFailure.NotNull notNull) {
			return ServiceException.invalid(attributeName(notNull.column()), FieldError.REQUIRED, "must not be null");
		}
		if (failure instanceof ConstraintFailure.Check check) {
			log.debug("{} broke the CHECK constraint {}", model.name(), check.constraint());
			return ServiceException.invalid(checkedField(model, check.constraint()), FieldError.INVALID_VALUE,
					"is not a value the database accepts");
		}
		return ServiceException
			.conflict(deleting ? "The " + model.name() + " record is still referenced by other records"
					: "A referenced record does not exist", List.of());
	}

	private static Optional<ConstraintFailure> failureOf(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				for (DatabaseErrors database : DatabaseErrors.installed()) {
					Optional<ConstraintFailure> failure = database.constraintFailure(sql);
					if (failure.isPresent()) {
						return failure;
					}
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The fields of a duplicate: those of an index the entity declares with a field, else
	 * those of the named columns, else the index's name.
	 */
	private static List<String> duplicateFields(EntityModel<?> model, ConstraintFailure.Unique unique) {
		Optional<String> declared = model.indexes()
			.stream()
			.filter((index) -> index.name().equals(unique.index()) && !index.field().isEmpty())
			.map(TableIndex::field)
			.findFirst();
		if (declared.isPresent()) {
			return List.of(declared.get());
		}
		if (!unique.columns().isEmpty()) {
			return unique.columns().stream().map(ConstraintFailures::attributeName).toList();
		}
		return List.of(unique.index());
	}

	/**
	 * The field a CHECK constraint is about: the first of the entity's columns that its
	 * expression (or name) mentions, else the whole body. The expression itself stays in
	 * the server's log: it is the schema's business, not the client's.
	 */
	private static String checkedField(EntityModel<?> model, String constraint) {
		return IDENTIFIER.matcher(constraint)
			.results()
			.map((identifier) -> attributeName(identifier.group()))
			.filter(model::has)
			.findFirst()
			.orElse("body");
	}

	private static ServiceException duplicate(EntityModel<?> model, List<String> fields) {
		List<FieldError> details = fields.stream()
			.map((field) -> new FieldError(field, FieldError.DUPLICATE, "is already used by another record"))
			.toList();
		return ServiceException.conflict(
				"A " + model.name() + " record with the same " + String.join(" and ", fields) + " already exists",
				details);
	}

	/** {@code created_at} to {@code createdAt}: the inverse of the snake_case naming. */
	static String attributeName(String column) {
		StringBuilder name = new StringBuilder(column.length());
		boolean upper = false;
		for (char c : column.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

}
