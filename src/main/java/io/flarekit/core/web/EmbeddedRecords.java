package io.flarekit.core.web;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.model.EntityModel;
import org.hibernate.Hibernate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes records with their to-one associations nested under the associations' names, as
 * the {@code embed} parameter asks: the JSON shape of the original's
 * {@code getListWithRelations}.
 *
 * @param <E> the entity type
 */
final class EmbeddedRecords<E> {

	private final EntityModel<E> model;

	private final JsonMapper mapper;

	EmbeddedRecords(EntityModel<E> model, JsonMapper mapper) {
		this.model = model;
		this.mapper = mapper;
	}

	/**
	 * Records with their associations nested: JSON objects in place of the entities.
	 * Generic types are erased at run time, and Jackson writes either the same way.
	 * @param records records loaded with the associations
	 * @param associations the association names, none to return the records as they are
	 * @return what the response carries
	 */
	@SuppressWarnings("unchecked")
	List<E> of(List<E> records, List<String> associations) {
		if (associations.isEmpty()) {
			return records;
		}
		List<Object> nodes = new ArrayList<>(records.size());
		records.forEach((record) -> nodes.add(nest(record, associations)));
		return (List<E>) nodes;
	}

	private ObjectNode nest(E entity, List<String> associations) {
		ObjectNode node = this.mapper.valueToTree(entity);
		for (String association : associations) {
			Object related = Hibernate.unproxy(this.model.getAssociation(entity, association));
			node.set(association, this.mapper.valueToTree(related));
		}
		return node;
	}

}
