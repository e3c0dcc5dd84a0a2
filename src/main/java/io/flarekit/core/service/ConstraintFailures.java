package io.flarekit.core.service;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flarekit.core.error.ConcurrentChange;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.model.TableIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads SQLite's constraint failures and says which field of the request they concern: a
 * duplicate is a 409 naming the field, a missing value a 400, a broken reference a 409.
 * SQLite names the failed column ({@code UNIQUE constraint failed: users.email}) or, for
 * an index on an expression, the index, which {@link TableIndex#field()} maps back. The
 * version check of JPA's {@code @Version} is a constraint of the same kind: a write that
 * another one overtook is a 412 ({@link ConcurrentChange}).
 */
final class ConstraintFailures {

	private static final Logger log = LoggerFactory.getLogger(ConstraintFailures.class);

	private static final Pattern UNIQUE_INDEX = Pattern.compile("UNIQUE constraint failed: index '([^']+)'");

	private static final Pattern UNIQUE_COLUMNS = Pattern.compile("UNIQUE constraint failed: ([\\w.]+(?:, [\\w.]+)*)");

	private static final Pattern NOT_NULL = Pattern.compile("NOT NULL constraint failed: [\\w]+\\.(\\w+)");

	private static final Pattern CHECK = Pattern.compile("CHECK constraint failed: (.*)");

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
		String message = sqliteMessage(ex);
		if (message == null) {
			return Optional.empty();
		}
		Matcher matcher = UNIQUE_INDEX.matcher(message);
		if (matcher.find()) {
			String index = matcher.group(1);
			String field = model.indexes()
				.stream()
				.filter((declared) -> declared.name().equals(index) && !declared.field().isEmpty())
				.map(TableIndex::field)
				.findFirst()
				.orElse(index);
			return Optional.of(duplicate(model, List.of(field)));
		}
		matcher = UNIQUE_COLUMNS.matcher(message);
		if (matcher.find()) {
			List<String> fields = Arrays.stream(matcher.group(1).split(", "))
				.map((column) -> attributeName(column.substring(column.indexOf('.') + 1)))
				.toList();
			return Optional.of(duplicate(model, fields));
		}
		matcher = NOT_NULL.matcher(message);
		if (matcher.find()) {
			return Optional
				.of(ServiceException.invalid(attributeName(matcher.group(1)), FieldError.REQUIRED, "must not be null"));
		}
		if (message.contains("FOREIGN KEY constraint failed")) {
			String text = deleting ? "The " + model.name() + " record is still referenced by other records"
					: "A referenced record does not exist";
			return Optional.of(ServiceException.conflict(text, List.of()));
		}
		matcher = CHECK.matcher(message);
		if (matcher.find()) {
			log.debug("{} broke the CHECK constraint {}", model.name(), matcher.group(1));
			return Optional.of(ServiceException.invalid(checkedField(model, matcher.group(1)), FieldError.INVALID_VALUE,
					"is not a value the database accepts"));
		}
		return Optional.empty();
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

	private static String sqliteMessage(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getMessage() != null
					&& sql.getMessage().contains("constraint failed")) {
				return sql.getMessage();
			}
		}
		return null;
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
