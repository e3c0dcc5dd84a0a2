/**
 * Errors: the one exception a service throws for the client, the problem responses, and
 * the one handler that turns every exception into one.
 */
@NamedInterface("error")
package io.flarekit.core.error;

import org.springframework.modulith.NamedInterface;
