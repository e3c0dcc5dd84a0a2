package io.flarekit.system;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Lets a scheduled job run on one instance at a time when several share a database: jobs
 * wrap their work in the {@link LockingTaskExecutor}, which skips it while another
 * instance holds the job's row in the {@code shedlock} table ({@link ScheduledJobLock}).
 * On PostgreSQL the lock's times come from the database's clock, so that the instances'
 * clocks need not agree; SQLite has no such support in ShedLock, and its instances share
 * one machine's clock anyway.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledJobLocks {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		JdbcTemplateLockProvider.Configuration.Builder configuration = JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock");
		if (isPostgres(dataSource)) {
			configuration.usingDbTime();
		}
		return new JdbcTemplateLockProvider(configuration.build());
	}

	@Bean
	LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
		return new DefaultLockingTaskExecutor(lockProvider);
	}

	private static boolean isPostgres(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return "PostgreSQL".equalsIgnoreCase(product);
		}
		catch (MetaDataAccessException ex) {
			// Not reachable now: the lock then uses this instance's clock
			return false;
		}
	}

}
