package io.flarekit.core.service;

import java.util.Optional;

import org.springframework.modulith.NamedInterface;

/**
 * Whose records the current request may reach, when an access rule admitted its caller
 * only as an owner ({@code owner} in {@code flarekit.access.*}). The core defines it so
 * that the access rules can tell the services without the core knowing them. Not yet
 * consulted: records are not limited to their owner's until entities carry an owner
 * (docs/security.md).
 */
@NamedInterface("service")
public interface OwnerScope {

	/**
	 * The subject whose records alone the current request may reach.
	 * @return the subject, or empty when the request is not limited to an owner
	 */
	Optional<String> owner();

}
