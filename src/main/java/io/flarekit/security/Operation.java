package io.flarekit.security;

/**
 * What a request does to a resource, as the access rules name it: the five operations,
 * and the two requests that reach past them ({@code includeDeleted=true},
 * {@code permanent=true}), which need their own rule besides the operation's.
 */
enum Operation {

	LIST("list"), READ("read"), CREATE("create"), UPDATE("update"), DELETE("delete"),
	INCLUDE_DELETED("include-deleted"), PERMANENT_DELETE("permanent-delete");

	private final String property;

	Operation(String property) {
		this.property = property;
	}

	/** Its name in {@code flarekit.access.*}: {@code include-deleted}. */
	String property() {
		return this.property;
	}

}
