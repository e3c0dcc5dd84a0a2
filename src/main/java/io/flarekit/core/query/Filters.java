package io.flarekit.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jpa.domain.Specification;

/**
 * Turns a react-admin filter object into a query condition, checking every key against
 * the entity's attributes. Values are always bound as parameters: no request text ever
 * becomes SQL.
 * <p>
 * Keys, as in FakeRest, react-admin's reference server: {@code field} (equal; a JSON
 * array means IN; {@code null} means IS NULL), {@code field_eq}, {@code field_neq},
 * {@code field_gt}, {@code field_gte}, {@code field_lt}, {@code field_lte},
 * {@code field_q} (contains, ignoring case) and {@code q} (contains, ignoring case, in
 * any text attribute).
 *
 * @param <E> the entity type
 */
final class Filters<E> {

	/** The key that searches every text attribute. */
	static final String SEARCH = "q";

	enum Operator {

		EQ, NEQ, GT, GTE, LT, LTE, Q;

		final String suffix = "_" + name().toLowerCase(Locale.ROOT);

	}

	private record Condition(String key, String field, Operator operator, JsonNode value) {
	}

	/**
	 * What a filter key says: an attribute, and the operator its suffix names.
	 *
	 * @param field the attribute
	 * @param operator the comparison, {@code EQ} without a suffix
	 */
	record Key(String field, Operator operator) {

		/**
		 * Reads a key; {@code q} alone is not one of these.
		 * @return the key, or null when it names no attribute of the entity
		 */
		static Key of(EntityModel<?> model, String key) {
			if (model.has(key)) {
				return new Key(key, Operator.EQ);
			}
			for (Operator candidate : Operator.values()) {
				String field = key.substring(0, Math.max(0, key.length() - candidate.suffix.length()));
				if (key.endsWith(candidate.suffix) && model.has(field)) {
					return new Key(field, candidate);
				}
			}
			return null;
		}

	}

	/** The error for a filter key that names no field a client may filter on. */
	static FieldError unknownKey(EntityModel<?> model, String key) {
		return new FieldError("filter." + key, FieldError.UNKNOWN_FIELD,
				"'" + key + "' is not a field of " + model.name() + " to filter on");
	}

	private final EntityModel<E> model;

	private final JsonMapper mapper;

	private final CaseFolding folding;

	Filters(EntityModel<E> model, JsonMapper strictMapper, CaseFolding folding) {
		this.model = model;
		this.mapper = strictMapper;
		this.folding = folding;
	}

	/**
	 * Checks a filter and makes it a specification.
	 * @param filter keys and values as described above; values may be JSON nodes or plain
	 * Java values
	 * @param includeDeleted whether soft-deleted rows match
	 * @return the condition on the entity
	 * @throws ServiceException 400 naming every bad key
	 */
	Specification<E> toSpecification(Map<String, ?> filter, boolean includeDeleted) {
		List<Condition> conditions = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		if (filter != null) {
			filter.forEach((key, raw) -> {
				JsonNode value = (raw instanceof JsonNode node) ? node : this.mapper.valueToTree(raw);
				Condition condition = parse(key, (value != null) ? value : this.mapper.nullNode(), errors);
				if (condition != null) {
					conditions.add(condition);
				}
			});
		}
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
		boolean hideDeleted = !includeDeleted && this.model.isSoftDeletable();
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (hideDeleted) {
				predicates.add(cb.isNull(root.get(EntityModel.DELETED_AT)));
			}
			for (Condition condition : conditions) {
				predicates.add(toPredicate(condition, root, cb));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	private Condition parse(String key, JsonNode value, List<FieldError> errors) {
		String name = "filter." + key;
		if (key.equals(SEARCH) && !this.model.has(SEARCH)) {
			if (!value.isString()) {
				errors.add(new FieldError(name, FieldError.INVALID_TYPE, "must be a string"));
				return null;
			}
			return new Condition(key, SEARCH, Operator.Q, value);
		}
		Key parsed = Key.of(this.model, key);
		if (parsed == null) {
			errors.add(unknownKey(this.model, key));
			return null;
		}
		Condition condition = new Condition(key, parsed.field(), parsed.operator(), value);
		String problem = check(condition);
		if (problem != null) {
			errors.add(new FieldError(name, FieldError.INVALID_VALUE, problem));
			return null;
		}
		return condition;
	}

	private String check(Condition condition) {
		Class<?> type = this.model.typeOf(condition.field());
		JsonNode value = condition.value();
		switch (condition.operator()) {
			case EQ, NEQ -> {
				if (value.isObject()) {
					return "must be a value, a list of values or null";
				}
				for (JsonNode item : value.isArray() ? value : List.of(value)) {
					if (!item.isNull() && !converts(item, type)) {
						return FieldError.expected(type);
					}
				}
			}
			case GT, GTE, LT, LTE -> {
				if (!Comparable.class.isAssignableFrom(type) || type == Boolean.class) {
					return "cannot be compared by order";
				}
				if (value.isNull() || value.isContainer() || !converts(value, type)) {
					return FieldError.expected(type);
				}
			}
			case Q -> {
				if (type != String.class) {
					return "can only search text fields";
				}
				if (!value.isString()) {
					return "must be a string";
				}
			}
		}
		return null;
	}

	private boolean converts(JsonNode value, Class<?> type) {
		try {
			this.mapper.treeToValue(value, type);
			return true;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return false;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Predicate toPredicate(Condition condition, Root<E> root, CriteriaBuilder cb) {
		if (condition.field().equals(SEARCH) && condition.operator() == Operator.Q) {
			String pattern = containsPattern(condition.value().stringValue());
			return cb.or(this.model.textAttributes()
				.stream()
				.map((attribute) -> cb.like(this.folding.lower(cb, root.get(attribute)), pattern, '\\'))
				.toArray(Predicate[]::new));
		}
		Path<Object> path = root.get(condition.field());
		Class<?> type = this.model.typeOf(condition.field());
		JsonNode value = condition.value();
		return switch (condition.operator()) {
			case EQ -> equal(cb, path, value, type, false);
			case NEQ -> equal(cb, path, value, type, true);
			case GT -> cb.greaterThan((Expression) path, (Comparable) convert(value, type));
			case GTE -> cb.greaterThanOrEqualTo((Expression) path, (Comparable) convert(value, type));
			case LT -> cb.lessThan((Expression) path, (Comparable) convert(value, type));
			case LTE -> cb.lessThanOrEqualTo((Expression) path, (Comparable) convert(value, type));
			case Q -> cb.like(this.folding.lower(cb, (Expression) path), containsPattern(value.stringValue()), '\\');
		};
	}

	private Predicate equal(CriteriaBuilder cb, Path<Object> path, JsonNode value, Class<?> type, boolean negate) {
		Predicate predicate;
		if (value.isNull()) {
			predicate = cb.isNull(path);
		}
		else if (value.isArray()) {
			List<Object> values = new ArrayList<>();
			boolean withNull = false;
			for (JsonNode item : value) {
				if (item.isNull()) {
					withNull = true;
				}
				else {
					values.add(convert(item, type));
				}
			}
			predicate = values.isEmpty() ? cb.disjunction() : path.in(values);
			if (withNull) {
				predicate = cb.or(predicate, cb.isNull(path));
			}
		}
		else {
			predicate = cb.equal(path, convert(value, type));
		}
		if (!negate) {
			return predicate;
		}
		// as in FakeRest, "not equal to 10" includes the rows that have no value
		return value.isNull() ? cb.not(predicate) : cb.or(cb.isNull(path), cb.not(predicate));
	}

	private Object convert(JsonNode value, Class<?> type) {
		return value.isNull() ? null : this.mapper.treeToValue(value, type);
	}

	private static String containsPattern(String text) {
		String escaped = CaseFolding.lowerCase(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

}
