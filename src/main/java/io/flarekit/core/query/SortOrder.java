package io.flarekit.core.query;

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

	Sort toSort() {
		Sort sort = Sort.by(this.direction, this.field);
		return this.field.equals(EntityModel.ID) ? sort : sort.and(Sort.by(this.direction, EntityModel.ID));
	}

}
