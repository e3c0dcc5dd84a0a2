package io.flarekit.core.model;

import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which attributes of an entity its JSON shows, as Jackson itself decides from the
 * entity's annotations ({@code @JsonIgnore}, {@code @JsonIgnoreProperties}, getters). The
 * generic layer follows the same answer: what clients cannot see, they cannot filter,
 * sort or search on either, nor write.
 *
 * @param shown the attributes, by their Java names, that responses show
 * @param taken the properties, by their Java names, that reading a request body may set
 * (not {@code @JsonIgnore}d, not read-only)
 */
record JsonExposure(Set<String> shown, Set<String> taken) {

	static JsonExposure of(Class<?> type, JsonMapper mapper) {
		JavaType javaType = mapper.constructType(type);
		SerializationConfig config = mapper.serializationConfig();
		ClassIntrospector introspector = config.classIntrospectorInstance().forOperation(config);
		BeanDescription description = introspector.introspectForSerialization(javaType,
				introspector.introspectClassAnnotations(javaType));
		Set<String> shown = new HashSet<>();
		for (BeanPropertyDefinition property : description.findProperties()) {
			if (property.couldSerialize()) {
				shown.add(property.getInternalName());
			}
		}
		DeserializationConfig reading = mapper.deserializationConfig();
		ClassIntrospector readingIntrospector = reading.classIntrospectorInstance().forOperation(reading);
		Set<String> taken = new HashSet<>();
		for (BeanPropertyDefinition property : readingIntrospector
			.introspectForDeserialization(javaType, readingIntrospector.introspectClassAnnotations(javaType))
			.findProperties()) {
			if (property.couldDeserialize()) {
				taken.add(property.getInternalName());
			}
		}
		return new JsonExposure(Set.copyOf(shown), Set.copyOf(taken));
	}

}
