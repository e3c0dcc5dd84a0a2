/**
 * Errors: the one exception a service throws for the client, the problem responses, and
 * the one handler that turns every exception into one.
 * <p>
 * What other packages may use is marked {@code @NamedInterface("error")}; the rest serves
 * the core's other rooms only.
 */
package io.flarekit.core.error;
