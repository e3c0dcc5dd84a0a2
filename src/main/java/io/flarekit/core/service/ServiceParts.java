package io.flarekit.core.service;

import java.util.concurrent.Executor;

import io.flarekit.core.model.AutomaticFields;
import io.flarekit.core.query.CaseFolding;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every entity's service shares, made once by {@link CrudServices}.
 *
 * @param entityManager the shared, transaction-bound entity manager
 * @param transactions read-only and write transactions
 * @param strictMapper reads request bodies, filters and cursors: unknown fields and
 * coerced scalars are errors
 * @param validator Bean Validation
 * @param automaticFields fills the fields the server owns
 * @param properties the limits of the generic API
 * @param countsAhead runs the counts of list totals about to expire, in the background
 * @param owners who the caller is, for records that have an owner
 * @param folding how the database lowers text for searches
 */
record ServiceParts(EntityManager entityManager, Transactions transactions, JsonMapper strictMapper,
		Validator validator, AutomaticFields automaticFields, ApiProperties properties, Executor countsAhead,
		OwnerScope owners, CaseFolding folding) {
}
