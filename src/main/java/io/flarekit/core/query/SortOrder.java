package io.flarekit.core.query;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;

import org.springframework.data.domain.Sort;
import org.springframework.modulith.NamedInterface;

/**
 * The order of a list: one attribute and a direction. Ties are broken by id, so that
 * pages never overlap or skip rows.
 *
 * @param field an attribute of the entity
 * @param direction ascending or descending
 */
@NamedInterface("query")
public record SortOrder(String field, Sort.Direction direction) {

	/** Newest first: ids are UUIDv7, so they sort by creation time. */
	public static final SortOrder NEWEST_FIRST = new SortOrder(EntityModel.ID, Sort.Direction.DESC);

	/** The error for an order on a field that clients may not sort by. */
	ServiceException unknownField(EntityModel<?> model) {
		return ServiceException.invalid("sort", FieldError.UNKNOWN_FIELD,
				"'" + this.field + "' is not a field of " + model.name() + " to sort by");
	}

	/**
	 * The order in SQL terms. On a field that may be null, the nulls come first in
	 * ascending order and last in descending order, on every database (SQLite does so by
	 * itself, PostgreSQL the other way round), as {@link Cursor} expects; on a field that
	 * cannot, no null order is asked, so that each database reads its index as it is.
	 * @param model the entity, which says whether the field may be null
	 */
	Sort toSort(EntityModel<?> model) {
		Sort.Order order = new Sort.Order(this.direction, this.field);
		if (!this.field.equals(EntityModel.ID) && model.isNullable(this.field)) {
			order = this.direction.isAscending() ? order.nullsFirst() : order.nullsLast();
		}
		Sort sort = Sort.by(order);
		return this.field.equals(EntityModel.ID) ? sort : sort.and(Sort.by(this.direction, EntityModel.ID));
	}

}
