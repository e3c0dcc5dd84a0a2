package io.flarekit.core.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

import org.springframework.modulith.NamedInterface;

/**
 * Leaves some of the generic endpoints out of a {@link ResourceController}: they are not
 * mapped at all, so requests for them get the usual 405 or 415 and the OpenAPI document
 * does not list them. A resource whose records are files, say, is created by upload
 * rather than from JSON.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@NamedInterface("web")
public @interface ResourceEndpoints {

	/** The endpoints this resource does not offer. */
	Endpoint[] exclude() default {};

	/**
	 * The generic endpoints of a {@link ResourceController}.
	 */
	@NamedInterface("web")
	enum Endpoint {

		LIST, GET, CREATE, UPDATE, DELETE, BULK_UPDATE, BULK_DELETE;

		/**
		 * The generic endpoint a handler method serves.
		 * @param method a controller method
		 * @return the endpoint, or empty for a method of a resource's own
		 */
		public static Optional<Endpoint> of(Method method) {
			ServesEndpoint serves = method.getAnnotation(ServesEndpoint.class);
			return Optional.ofNullable((serves != null) ? serves.value() : null);
		}

		/**
		 * The endpoint's name in the OpenAPI document's operation ids:
		 * {@code bulkUpdate}.
		 */
		public String operationName() {
			String[] words = name().toLowerCase(Locale.ROOT).split("_");
			StringBuilder camel = new StringBuilder(words[0]);
			for (int i = 1; i < words.length; i++) {
				camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
			}
			return camel.toString();
		}

	}

}
