package io.flarekit;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The package rules: {@code core} never uses a feature or {@code system}, and no module
 * reaches into another's internals or forms a cycle.
 */
class ModularityTest {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(FlarekitApplication.class).verify();
	}

}
