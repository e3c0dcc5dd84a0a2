package io.flarekit.security;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An access rule that is not valid stops the start with a message naming its property.
 */
class AccessSettingsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "flarekit.access.defaults.list|rol:admin", "flarekit.access.defaults.delete|",
					"flarekit.access.resources.users.read|public,,authenticated",
					"flarekit.access.resources.storage.update|role:",
					"flarekit.access.resources.storage-info.create|role:Admin",
					"flarekit.access.resources.users.include-deleted|everyone",
					"flarekit.access.resources.users.permanent-delete|owner;public" })
	void anInvalidRuleIsRefusedNamingItsProperty(String property, String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> policy(property, (rule != null) ? rule : ""))
			.withMessageStartingWith(property + ": ");
	}

	@ParameterizedTest
	@CsvSource({ "flarekit.access.resources.api-keys.list, public" })
	void theKeysCannotBeOpened(String property, String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> policy(property, rule))
			.withMessageContaining("flarekit.access.resources.api-keys: /api-keys is for admins only");
	}

	private static AccessPolicy policy(String property, String rule) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(property, rule)));
		return new AccessPolicy(binder.bindOrCreate(AccessPolicy.PREFIX, AccessProperties.class));
	}

}
