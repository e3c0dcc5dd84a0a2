/**
 * The entity model: base classes, the conventional attributes the core fills (ids,
 * timestamps, short ids, slugs), timestamps as text, and the schema annotations the
 * migration generator reads.
 */
@NamedInterface("model")
package io.flarekit.core.model;

import org.springframework.modulith.NamedInterface;
