package io.flarekit.security;

/**
 * The rules of one resource (or the defaults), one per operation, as configured; a
 * missing rule falls back to the default's, and the default's to {@code role:admin}.
 *
 * @param list {@code GET /x}
 * @param read {@code GET /x/{id}} and what lies under it, such as a file's content
 * @param create {@code POST /x}; for storage also every large-upload request
 * @param update {@code PUT} and {@code PATCH}, one record or in bulk
 * @param delete {@code DELETE}, one record or in bulk
 * @param includeDeleted {@code includeDeleted=true}, besides the operation's own rule
 * @param permanentDelete {@code permanent=true}, besides the delete rule
 */
record OperationRules(String list, String read, String create, String update, String delete, String includeDeleted,
		String permanentDelete) {

	String of(Operation operation) {
		return switch (operation) {
			case LIST -> this.list;
			case READ -> this.read;
			case CREATE -> this.create;
			case UPDATE -> this.update;
			case DELETE -> this.delete;
			case INCLUDE_DELETED -> this.includeDeleted;
			case PERMANENT_DELETE -> this.permanentDelete;
		};
	}

}
