package io.flarekit.core.service;

import java.util.List;

import io.flarekit.core.error.FieldError;

/**
 * A request body bound before the write transaction, so that the single writer is not
 * held while JSON is read: the body bound to a blank record, the fields to copy onto the
 * stored record once it is loaded, and what was wrong with the body. The errors are
 * reported after the record's existence (404) and the precondition (412) are checked, as
 * when the body was bound on the loaded record.
 *
 * @param <E> the entity type
 * @param values a blank record with the body's fields set
 * @param fields the attributes and to-one associations the body set
 * @param errors the fields the body could not set
 */
record PreparedChange<E>(E values, List<String> fields, List<FieldError> errors) {
}
