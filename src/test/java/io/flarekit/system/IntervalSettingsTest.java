package io.flarekit.system;

import java.util.Map;

import io.flarekit.sqlite.DatabaseProperties;
import io.flarekit.storage.StorageProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A scheduled job's interval must be positive: a zero or negative one stops the start
 * with a message naming the setting, not with the scheduler's own error.
 */
class IntervalSettingsTest {

	@ParameterizedTest
	@CsvSource({ "flarekit.storage.cleanup-interval, 0s", "flarekit.storage.cleanup-interval, -1m",
			"flarekit.database.optimize-interval, 0s", "flarekit.database.optimize-interval, -1h" })
	void aZeroOrNegativeIntervalIsRefusedNamingTheSetting(String setting, String value) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(setting, value)));
		Class<?> properties = setting.startsWith("flarekit.storage") ? StorageProperties.class
				: DatabaseProperties.class;
		String prefix = setting.substring(0, setting.lastIndexOf('.'));
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder.bindOrCreate(prefix, properties))
			.havingRootCause()
			.withMessage(setting + " must be positive");
	}

}
