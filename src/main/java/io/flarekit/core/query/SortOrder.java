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

	Sort toSort() {
		Sort sort = Sort.by(this.direction, this.field);
		return this.field.equals(EntityModel.ID) ? sort : sort.and(Sort.by(this.direction, EntityModel.ID));
	}

}
