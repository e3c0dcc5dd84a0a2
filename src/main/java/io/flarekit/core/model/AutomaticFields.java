package io.flarekit.core.model;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.flarekit.core.error.FieldError;
import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * Fills the attributes the server owns, when an entity has them: {@code id} (UUIDv7),
 * {@code shortId} (8 random letters and digits), {@code slug} (from {@code title}),
 * {@code createdAt} and {@code updatedAt}.
 */
public final class AutomaticFields {

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final int SHORT_ID_LENGTH = 8;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	public AutomaticFields(Clock clock) {
		this.clock = clock;
	}

	public Instant now() {
		return UtcTimestampConverter.truncate(this.clock.instant());
	}

	/**
	 * Fills the automatic fields of a new entity.
	 * @return what could not be filled: a slug with no title to derive it from
	 */
	public <E> List<FieldError> onCreate(EntityModel<E> model, E entity, EntityManager entityManager) {
		List<FieldError> errors = new ArrayList<>();
		if (model.idOf(entity) == null) {
			SharedSessionContractImplementor session = entityManager.unwrap(SharedSessionContractImplementor.class);
			model.set(entity, EntityModel.ID, UuidVersion7Strategy.INSTANCE.generateUuid(session).toString());
		}
		if (model.has(EntityModel.SHORT_ID) && model.get(entity, EntityModel.SHORT_ID) == null) {
			model.set(entity, EntityModel.SHORT_ID, shortId());
		}
		if (model.has(EntityModel.SLUG) && isBlank(model.get(entity, EntityModel.SLUG))) {
			Object title = model.has(EntityModel.TITLE) ? model.get(entity, EntityModel.TITLE) : null;
			String slug = isBlank(title) ? "" : slugify(title.toString());
			if (slug.isEmpty()) {
				errors.add(new FieldError(EntityModel.SLUG, FieldError.REQUIRED,
						"is required, or a title with letters or digits to derive it from"));
			}
			else {
				model.set(entity, EntityModel.SLUG, slug);
			}
		}
		Instant now = now();
		for (String stamp : List.of(EntityModel.CREATED_AT, EntityModel.UPDATED_AT)) {
			if (model.has(stamp) && model.get(entity, stamp) == null) {
				model.set(entity, stamp, now);
			}
		}
		return errors;
	}

	public <E> void onUpdate(EntityModel<E> model, E entity) {
		if (model.has(EntityModel.UPDATED_AT)) {
			model.set(entity, EntityModel.UPDATED_AT, now());
		}
	}

	private String shortId() {
		char[] chars = new char[SHORT_ID_LENGTH];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = ALPHANUMERIC.charAt(this.random.nextInt(ALPHANUMERIC.length()));
		}
		return new String(chars);
	}

	/**
	 * A strict, lower-case slug: accents dropped, every run of other characters made one
	 * hyphen, no hyphen at either end. "Déjà Vu, Again!" becomes "deja-vu-again".
	 * @param text any text
	 * @return the slug, empty when the text has no letters or digits
	 */
	static String slugify(String text) {
		String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
	}

	private static boolean isBlank(Object value) {
		return value == null || value.toString().isBlank();
	}

}
