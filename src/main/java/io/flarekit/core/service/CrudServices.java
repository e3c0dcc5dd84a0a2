package io.flarekit.core.service;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.flarekit.core.model.AutomaticFields;
import io.flarekit.core.query.CaseFolding;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.Validator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.modulith.NamedInterface;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Makes the {@link BaseService} of an entity and holds what all of them share. A resource
 * that needs no behaviour of its own takes its service from {@link #forEntity}; a
 * subclass of {@code BaseService} passes this to its constructor.
 */
@Component
@EnableConfigurationProperties({ ApiProperties.class, TransactionRetries.class })
@NamedInterface("service")
public class CrudServices {

	/**
	 * Boot's task executor ({@code spring.task.execution.*}), which counts list totals
	 * ahead of their expiry; without it the request that finds a total late in its life
	 * counts it.
	 */
	private static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	private final ServiceParts parts;

	private final Map<Class<?>, BaseService<?>> services = new ConcurrentHashMap<>();

	CrudServices(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
			JsonMapper jsonMapper, Validator validator, ApiProperties properties, TransactionRetries retries,
			@Qualifier(APPLICATION_TASK_EXECUTOR) ObjectProvider<Executor> executor, ObjectProvider<OwnerScope> owners,
			CaseFolding folding) {
		JsonMapper strictMapper = jsonMapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
		this.parts = new ServiceParts(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
				new Transactions(transactionManager, entityManagerFactory, retries), strictMapper, validator,
				new AutomaticFields(Clock.systemUTC()), properties, executor.getIfAvailable(() -> Runnable::run),
				owners.getIfAvailable(() -> OwnerScope.NONE), folding);
	}

	/**
	 * The service of an entity that needs no behaviour of its own.
	 * @param <E> the entity type
	 * @param type the entity class
	 * @return its service, made once
	 */
	@SuppressWarnings("unchecked")
	public <E> BaseService<E> forEntity(Class<E> type) {
		return (BaseService<E>) this.services.computeIfAbsent(type, (key) -> new BaseService<>(type, this));
	}

	ServiceParts parts() {
		return this.parts;
	}

}
