package io.flarekit.core.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.modulith.NamedInterface;

/**
 * An index that JPA's {@code @Index} cannot express: on an expression and/or partial,
 * e.g. email addresses unique ignoring case among rows that are not soft-deleted: <pre>
 * &#64;TableIndex(name = "ux_users_email", unique = true, on = "lower(email)",
 *         where = "deleted_at is null", field = "email")
 * </pre> The schema belongs to the entity, so the index is declared here rather than in
 * hand-written SQL; {@code field} names the JSON field that a violation of a unique index
 * is reported against.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(TableIndex.List.class)
@NamedInterface("model")
public @interface TableIndex {

	/** The index name, unique in the schema. */
	String name();

	/**
	 * The indexed expressions, comma-separated, over column names, in SQL that every
	 * supported database reads alike ({@code lower(email)}, {@code created_at, id}).
	 */
	String on();

	/**
	 * The partial index condition, in SQL that every supported database reads alike
	 * ({@code deleted_at is null}), or empty for a full index.
	 */
	String where() default "";

	boolean unique() default false;

	/** The entity attribute a duplicate is reported against. */
	String field() default "";

	/** Holder for repeated {@link TableIndex} declarations. */
	@Documented
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@NamedInterface("model")
	@interface List {

		TableIndex[] value();

	}

}
