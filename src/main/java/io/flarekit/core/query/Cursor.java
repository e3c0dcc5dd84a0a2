package io.flarekit.core.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.modulith.NamedInterface;

/**
 * Where a keyset page starts: the sort key and the id of the last row before it. The page
 * after a cursor is a seek in the index that gives the order, so the thousandth page
 * costs what the first does, where an offset makes SQLite step over every row before it.
 * Clients see an opaque token (base64url of JSON), which they get from a list response's
 * {@code Link: <…>; rel="next"} header.
 *
 * @param sort the order the cursor was made for
 * @param value the sort attribute's value in the last row, as JSON ({@code null} for
 * none)
 * @param id the id of the last row
 */
@NamedInterface("query")
public record Cursor(SortOrder sort, JsonNode value, String id) {

	/** The query parameter that carries a cursor. */
	public static final String PARAMETER = "cursor";

	/**
	 * The cursor after a row.
	 * @param model the entity's model
	 * @param last the last row of a page
	 * @param sort the order of the page
	 * @param mapper writes the sort value
	 * @return a cursor for the next page
	 */
	static <E> Cursor after(EntityModel<E> model, E last, SortOrder sort, JsonMapper mapper) {
		return new Cursor(sort, mapper.valueToTree(model.get(last, sort.field())), model.idOf(last));
	}

	/**
	 * Reads a token that {@link #token()} made.
	 * @param token the {@code cursor} parameter
	 * @return the cursor
	 * @throws ServiceException 400 on the {@code cursor} parameter when it is not one
	 */
	public static Cursor parse(String token) {
		try {
			JsonNode node = ListParams.JSON
				.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
			if (node.isArray() && node.size() == 4 && node.get(0).isString() && node.get(1).isString()
					&& node.get(3).isString()) {
				Sort.Direction direction = Sort.Direction.fromOptionalString(node.get(1).stringValue()).orElse(null);
				if (direction != null) {
					return new Cursor(new SortOrder(node.get(0).stringValue(), direction), node.get(2),
							node.get(3).stringValue());
				}
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			// not base64url or not JSON: reported below like any other malformed token
		}
		throw ServiceException.invalid(PARAMETER, FieldError.INVALID_VALUE,
				"is not a cursor: use the one from the Link header of the previous page");
	}

	/** The opaque form that clients pass back. */
	public String token() {
		String json = ListParams.JSON
			.writeValueAsString(new Object[] { this.sort.field(), this.sort.direction().name(), this.value, this.id });
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The rows after this cursor in its order. Nulls come first in ascending order and
	 * last in descending order ({@link SortOrder#toSort} asks every database for that);
	 * the conditions follow it, and for a column that cannot be null they take the form
	 * {@code key <= v and (key < v or id < last)} that SQLite answers with one range of
	 * the {@code (key, id)} index.
	 * @param model the entity's model
	 * @param mapper converts the JSON value to the attribute's type
	 * @return the condition
	 * @throws ServiceException 400 when the value does not fit the attribute
	 */
	<E> Specification<E> toSpecification(EntityModel<E> model, JsonMapper mapper) {
		String field = this.sort.field();
		boolean ascending = this.sort.direction().isAscending();
		Comparable<Object> key = keyValue(model, mapper);
		return (root, query, cb) -> {
			Path<String> id = root.get(EntityModel.ID);
			Predicate idAfter = ascending ? cb.greaterThan(id, this.id) : cb.lessThan(id, this.id);
			if (field.equals(EntityModel.ID)) {
				return idAfter;
			}
			Path<Comparable<Object>> path = root.get(field);
			if (key == null) {
				Predicate tiedNulls = cb.and(cb.isNull(path), idAfter);
				return ascending ? cb.or(tiedNulls, cb.isNotNull(path)) : tiedNulls;
			}
			Predicate after = cb.and(notBefore(cb, path, key, ascending),
					cb.or(strictlyAfter(cb, path, key, ascending), idAfter));
			return (!ascending && model.isNullable(field)) ? cb.or(after, cb.isNull(path)) : after;
		};
	}

	@SuppressWarnings("unchecked")
	private <E> Comparable<Object> keyValue(EntityModel<E> model, JsonMapper mapper) {
		if (this.value == null || this.value.isNull()) {
			return null;
		}
		try {
			return (Comparable<Object>) mapper.treeToValue(this.value, model.typeOf(this.sort.field()));
		}
		catch (JacksonException | IllegalArgumentException | ClassCastException ex) {
			throw ServiceException.invalid(PARAMETER, FieldError.INVALID_VALUE,
					"is not a cursor of " + model.name() + ": use the one from the Link header of the previous page");
		}
	}

	private static Predicate notBefore(CriteriaBuilder cb, Expression<Comparable<Object>> path, Comparable<Object> key,
			boolean ascending) {
		return ascending ? cb.greaterThanOrEqualTo(path, key) : cb.lessThanOrEqualTo(path, key);
	}

	private static Predicate strictlyAfter(CriteriaBuilder cb, Expression<Comparable<Object>> path,
			Comparable<Object> key, boolean ascending) {
		return ascending ? cb.greaterThan(path, key) : cb.lessThan(path, key);
	}

}
