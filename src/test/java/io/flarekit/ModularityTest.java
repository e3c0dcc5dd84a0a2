package io.flarekit;

import java.util.List;
import java.util.function.Predicate;

import io.flarekit.core.error.ApiExceptionHandler;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.error.Validation;
import io.flarekit.core.model.AutomaticFields;
import io.flarekit.core.model.SoftDeletableEntity;
import io.flarekit.core.query.ListParams;
import io.flarekit.core.query.ListQueries;
import io.flarekit.core.query.Range;
import io.flarekit.core.service.ApiProperties;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.web.ResourceController;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules: {@code core} never uses a feature, {@code system} or a database's
 * driver or package, no module reaches into another's internals or forms a cycle, and the
 * core's rooms offer other packages only the types marked {@code @NamedInterface}.
 */
class ModularityTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(FlarekitApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void theCoreKnowsNoDatabase() {
		JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.flarekit.core");
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.flarekit.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.sqlite..", "org.postgresql..", "io.flarekit.sqlite..", "io.flarekit.postgresql..",
					"org.hibernate.community.dialect..")
			.check(core);
	}

	@Test
	void theCoreOffersWhatAResourceNeedsAndKeepsItsPlumbingToItself() {
		ApplicationModule core = MODULES.getModuleByName("core").orElseThrow();
		Predicate<Class<?>> offered = (type) -> core.getNamedInterfaces()
			.stream()
			.anyMatch((named) -> named.isNamed() && named.contains(type));
		assertThat(List.of(SoftDeletableEntity.class, Range.class, BaseService.class, ResourceController.class,
				ServiceException.class))
			.allMatch(offered);
		assertThat(List.of(AutomaticFields.class, ListQueries.class, ListParams.class, ApiProperties.class,
				Validation.class, ApiExceptionHandler.class))
			.noneMatch(offered);
	}

}
