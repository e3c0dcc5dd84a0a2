package io.flarekit.core.model;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.metamodel.Attribute.PersistentAttributeType;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.SingularAttribute;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.modulith.NamedInterface;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What the generic layer knows about one entity, read once from the JPA metamodel: its
 * plain attributes and their types, and which of the conventional attributes it has
 * ({@code shortId}, {@code slug}, {@code deletedAt}, …), so that behaviour follows from
 * the columns a table has, as in the original Flarekit.
 *
 * @param <E> the entity type
 */
@NamedInterface("model")
public final class EntityModel<E> {

	public static final String ID = "id";

	public static final String SHORT_ID = "shortId";

	public static final String SLUG = "slug";

	public static final String TITLE = "title";

	public static final String CREATED_AT = "createdAt";

	public static final String UPDATED_AT = "updatedAt";

	public static final String DELETED_AT = "deletedAt";

	/**
	 * The JPA {@code @Version} every entity must have: its ETag, and what If-Match
	 * checks.
	 */
	public static final String VERSION = "version";

	/** Attributes that only the server sets: clients' values for them are ignored. */
	/** Whose record it is: the subject of the caller that created it. */
	public static final String OWNER_ID = "ownerId";

	public static final Set<String> SERVER_MANAGED = Set.of(SHORT_ID, CREATED_AT, UPDATED_AT, DELETED_AT, VERSION,
			OWNER_ID);

	private final Class<E> type;

	private final String name;

	private final Map<String, Class<?>> attributes = new LinkedHashMap<>();

	private final Map<String, Field> fields = new LinkedHashMap<>();

	private final List<String> textAttributes = new ArrayList<>();

	private final Set<String> nullable = new HashSet<>();

	private final List<TableIndex> indexes;

	private final Map<String, Field> associations = new LinkedHashMap<>();

	private final JsonExposure json;

	/**
	 * Reads an entity's model.
	 * @param type the entity class
	 * @param metamodel JPA's metamodel, for the attributes and their types
	 * @param mapper the mapper that writes and reads the entity, for what JSON shows
	 */
	public EntityModel(Class<E> type, Metamodel metamodel, JsonMapper mapper) {
		EntityType<E> entity = metamodel.entity(type);
		this.type = type;
		this.json = JsonExposure.of(type, mapper);
		this.name = entity.getName();
		for (SingularAttribute<? super E, ?> attribute : entity.getSingularAttributes()) {
			if (attribute.getPersistentAttributeType() == PersistentAttributeType.MANY_TO_ONE
					|| attribute.getPersistentAttributeType() == PersistentAttributeType.ONE_TO_ONE) {
				Field field = ReflectionUtils.findField(type, attribute.getName());
				if (field != null) {
					ReflectionUtils.makeAccessible(field);
					this.associations.put(attribute.getName(), field);
				}
				continue;
			}
			if (attribute.getPersistentAttributeType() != PersistentAttributeType.BASIC) {
				continue;
			}
			String attributeName = attribute.getName();
			Class<?> javaType = ClassUtils.resolvePrimitiveIfNecessary(attribute.getJavaType());
			this.attributes.put(attributeName, javaType);
			if (attribute.isOptional()) {
				this.nullable.add(attributeName);
			}
			Field field = ReflectionUtils.findField(type, attributeName);
			if (field == null) {
				throw new IllegalStateException(type.getName() + "." + attributeName
						+ " must be a field: the generic layer maps entities by field access");
			}
			ReflectionUtils.makeAccessible(field);
			this.fields.put(attributeName, field);
			if (javaType == String.class && !attributeName.equals(ID) && this.json.shown().contains(attributeName)) {
				this.textAttributes.add(attributeName);
			}
		}
		if (!entity.hasSingleIdAttribute() || entity.getIdType().getJavaType() != String.class
				|| !this.attributes.containsKey(ID)) {
			throw new IllegalStateException(type.getName() + " needs a String attribute 'id' as its only @Id");
		}
		if (!entity.hasVersionAttribute() || typeOf(VERSION) != Long.class
				|| !entity.getSingularAttribute(VERSION).isVersion()) {
			throw new IllegalStateException(type.getName() + " needs a Long attribute 'version' marked @Version "
					+ "(BaseEntity has one): every record has a version, which conditional requests check");
		}
		this.indexes = Arrays.asList(type.getAnnotationsByType(TableIndex.class));
	}

	public Class<E> type() {
		return this.type;
	}

	/** The JPA entity name. */
	public String name() {
		return this.name;
	}

	/** Whether the entity has a plain (basic) attribute of that name. */
	public boolean has(String attribute) {
		return this.attributes.containsKey(attribute);
	}

	/**
	 * Whether clients may filter, sort and search on a plain attribute: only on those its
	 * JSON shows, so that a hidden value cannot be probed.
	 */
	public boolean isExposed(String attribute) {
		return has(attribute) && this.json.shown().contains(attribute);
	}

	/**
	 * Whether reading a request body may set an attribute: one that JSON shows and that
	 * is not read-only.
	 */
	public boolean isWritable(String attribute) {
		return isExposed(attribute) && this.json.taken().contains(attribute);
	}

	/** The Java type of a plain attribute, primitives boxed. */
	public Class<?> typeOf(String attribute) {
		return this.attributes.get(attribute);
	}

	/** Whether a plain attribute's column may hold null. */
	public boolean isNullable(String attribute) {
		return this.nullable.contains(attribute);
	}

	/**
	 * Whether the entity has a to-one association of that name, which {@code embed} can
	 * nest.
	 */
	public boolean hasAssociation(String name) {
		return this.associations.containsKey(name);
	}

	public Object getAssociation(E entity, String name) {
		return ReflectionUtils.getField(this.associations.get(name), entity);
	}

	public boolean isSoftDeletable() {
		return has(DELETED_AT);
	}

	/**
	 * The attributes that {@code q} searches: every text attribute JSON shows but the id.
	 */
	public List<String> textAttributes() {
		return this.textAttributes;
	}

	public List<TableIndex> indexes() {
		return this.indexes;
	}

	public Object get(E entity, String attribute) {
		return ReflectionUtils.getField(this.fields.get(attribute), entity);
	}

	public void set(E entity, String attribute, Object value) {
		ReflectionUtils.setField(this.fields.get(attribute), entity, value);
	}

	/**
	 * The attributes and to-one associations whose values differ between two entities.
	 * @param one an entity
	 * @param other another
	 * @return their names
	 */
	public List<String> differences(E one, E other) {
		List<String> names = new ArrayList<>();
		for (Map<String, Field> fields : List.of(this.fields, this.associations)) {
			fields.forEach((name, field) -> {
				if (!Objects.equals(ReflectionUtils.getField(field, one), ReflectionUtils.getField(field, other))) {
					names.add(name);
				}
			});
		}
		return names;
	}

	/**
	 * Copies attributes and to-one associations, field by field, from one entity to
	 * another.
	 * @param from the entity that holds the values
	 * @param to the entity to change
	 * @param names the attributes and associations to copy
	 */
	public void copy(E from, E to, Collection<String> names) {
		for (String name : names) {
			Field field = this.fields.containsKey(name) ? this.fields.get(name) : this.associations.get(name);
			ReflectionUtils.setField(field, to, ReflectionUtils.getField(field, from));
		}
	}

	public String idOf(E entity) {
		return (String) get(entity, ID);
	}

	/** The record's version: its ETag, and what a conditional write compares. */
	public long versionOf(E entity) {
		return ((Number) get(entity, VERSION)).longValue();
	}

	public boolean isDeleted(E entity) {
		return isSoftDeletable() && get(entity, DELETED_AT) != null;
	}

}
