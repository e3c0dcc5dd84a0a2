/**
 * Who may call what: API keys issued by the service and sent as bearer tokens, the rules
 * per resource and operation from {@code flarekit.access.*}, and the 401 and 403 answers
 * in the project's problem format. Nothing here is used by the core; the core's
 * {@link io.flarekit.core.service.OwnerScope} is where owner rules will reach it.
 */
package io.flarekit.security;
