package io.flarekit.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutomaticFieldsTest {

	@Test
	void slugifyIsStrict() {
		assertThat(AutomaticFields.slugify("Hello,   World -- 2024")).isEqualTo("hello-world-2024");
		assertThat(AutomaticFields.slugify("Ça marche!")).isEqualTo("ca-marche");
		assertThat(AutomaticFields.slugify("日本")).isEmpty();
	}

}
