package io.flarekit.core.service;

import java.util.Set;

import io.flarekit.core.error.ServiceException;

import org.springframework.modulith.NamedInterface;

/**
 * What a write expects of the record it changes, so that it cannot overwrite a change its
 * client has not seen: nothing ({@link #NONE}), or one of some versions. HTTP's
 * {@code If-Match} and a bulk entry's {@code version} both become one; the service checks
 * it on the record it read for the write, and the write's {@code where version = ?} makes
 * it fail if another one came in between.
 *
 * @param versions the versions the record may be at; {@code null} for any, empty for none
 */
@NamedInterface("service")
public record Precondition(Set<Long> versions) {

	/** No condition: the write applies to whatever version the record is at. */
	public static final Precondition NONE = new Precondition(null);

	public Precondition {
		versions = (versions != null) ? Set.copyOf(versions) : null;
	}

	/**
	 * The record must be at exactly this version.
	 * @param expected the version the caller read
	 * @return the precondition
	 */
	public static Precondition version(long expected) {
		return new Precondition(Set.of(expected));
	}

	/**
	 * Whether a record at a version may be written.
	 * @param current the record's version
	 * @return whether the precondition holds
	 */
	public boolean holdsFor(long current) {
		return this.versions == null || this.versions.contains(current);
	}

	/**
	 * The strong entity tag of a version, as the {@code ETag} header carries it: the
	 * number in quotes, {@code "3"}. Strong, because one version has one JSON form, and
	 * only strong tags match in {@code If-Match} (RFC 9110, 13.1.1).
	 * @param version a record's version
	 * @return the tag, quotes included
	 */
	public static String entityTag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Throws the 412 for a record at a version the precondition does not accept.
	 * @param resource the entity's name
	 * @param id the record's id
	 * @param current the record's version
	 * @throws ServiceException 412 naming the current version
	 */
	void check(String resource, String id, long current) {
		if (!holdsFor(current)) {
			throw ServiceException
				.preconditionFailed(
						"The " + resource + " record '" + id + "' has changed: it is at version " + current
								+ " now (ETag " + entityTag(current) + "); read it again before writing",
						"is " + current + " now");
		}
	}

}
