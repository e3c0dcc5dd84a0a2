package io.flarekit.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves some of the generic endpoints out of a {@link ResourceController}: they are not
 * mapped at all, so requests for them get the usual 405 or 415 and the OpenAPI document
 * does not list them. A resource whose records are files, say, is created by upload
 * rather than from JSON.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ResourceEndpoints {

	/** The endpoints this resource does not offer. */
	Endpoint[] exclude() default {};

	/**
	 * The generic endpoints, by the {@link ResourceController} method that serves each.
	 */
	enum Endpoint {

		LIST("list"), GET("get"), CREATE("create"), UPDATE("update"), DELETE("delete"), BULK_UPDATE("bulkUpdate"),
		BULK_DELETE("bulkDelete");

		private final String method;

		Endpoint(String method) {
			this.method = method;
		}

		String method() {
			return this.method;
		}

	}

}
