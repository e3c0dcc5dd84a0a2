/**
 * The entity model: base classes, the conventional attributes the core fills (ids,
 * timestamps, short ids, slugs), timestamps as text, and the schema annotations the
 * migration generator reads.
 * <p>
 * What other packages may use is marked {@code @NamedInterface("model")}; the rest serves
 * the core's other rooms only.
 */
package io.flarekit.core.model;
