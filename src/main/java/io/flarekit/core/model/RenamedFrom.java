package io.flarekit.core.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.modulith.NamedInterface;

/**
 * Tells the migration generator that a table (on an entity class) or a column (on a
 * field) had another name, so that it renames it and its data moves along. Renames are
 * never guessed: without this, a renamed column reads as one column dropped and another
 * added. The annotation may stay after the migration is written; it is ignored once the
 * old name is gone.
 */
@Documented
@Target({ ElementType.TYPE, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@NamedInterface("model")
public @interface RenamedFrom {

	/** The previous table or column name, as in SQL. */
	String value();

}
