package io.flarekit.core.service;

import java.util.Optional;

import org.springframework.modulith.NamedInterface;

/**
 * Who the current caller is, for records that have an owner ({@code ownerId}): the
 * subject a created record is stamped with, and, when an access rule admitted the caller
 * only as an owner ({@code owner} in {@code flarekit.access.*}), the subject whose
 * records alone it may reach. The core defines it so that the access rules can tell the
 * services without the core knowing them; without an implementation nobody is limited.
 */
@NamedInterface("service")
public interface OwnerScope {

	/**
	 * The subject whose records alone the current request may reach.
	 * @return the subject, or empty when the request is not limited to an owner
	 */
	Optional<String> owner();

	/**
	 * The subject of the current caller, which a record it creates is owned by.
	 * @return the subject, or empty without a caller (Java code outside a request, or an
	 * anonymous request)
	 */
	Optional<String> subject();

	/** Nobody is limited and nobody is stamped: the scope outside any request. */
	OwnerScope NONE = new OwnerScope() {

		@Override
		public Optional<String> owner() {
			return Optional.empty();
		}

		@Override
		public Optional<String> subject() {
			return Optional.empty();
		}

	};

}
