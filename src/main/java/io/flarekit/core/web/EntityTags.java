package io.flarekit.core.web;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.flarekit.core.service.Precondition;

import org.springframework.http.ETag;

/**
 * Reads the conditional request headers against a record's entity tag, which is its
 * version, strong: {@code "3"} ({@link Precondition#entityTag}). {@code If-Match}
 * compares strongly, so a weak tag in it never matches; {@code If-None-Match} compares
 * weakly (RFC 9110, 13.1.1 and 13.1.2). {@code *} matches any record that exists.
 */
final class EntityTags {

	private EntityTags() {
	}

	/**
	 * What an {@code If-Match} header asks of a write: nothing when it is absent or
	 * {@code *}, else the versions its strong tags name (none, when it names no version:
	 * then no record matches).
	 * @param header the header's value, or null
	 * @return the precondition
	 */
	static Precondition ifMatch(String header) {
		if (header == null) {
			return Precondition.NONE;
		}
		List<ETag> tags = ETag.parse(header);
		if (tags.stream().anyMatch(ETag::isWildcard)) {
			return Precondition.NONE;
		}
		return new Precondition(tags.stream()
			.filter((tag) -> !tag.weak())
			.map(EntityTags::versionOf)
			.flatMap(Optional::stream)
			.collect(Collectors.toSet()));
	}

	/**
	 * Whether an {@code If-None-Match} header matches a record at a version, so that a
	 * GET answers 304.
	 * @param header the header's value, or null
	 * @param version the record's version
	 * @return whether a tag in it is {@code *} or the version's, weak or strong
	 */
	static boolean notModified(String header, long version) {
		return header != null && ETag.parse(header)
			.stream()
			.anyMatch((tag) -> tag.isWildcard() || versionOf(tag).filter((named) -> named == version).isPresent());
	}

	private static Optional<Long> versionOf(ETag tag) {
		try {
			return Optional.of(Long.parseLong(tag.tag()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
