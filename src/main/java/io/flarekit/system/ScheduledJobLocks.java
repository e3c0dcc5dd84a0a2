package io.flarekit.system;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Lets a scheduled job run on one instance at a time when several share a database: jobs
 * wrap their work in the {@link LockingTaskExecutor}, which skips it while another
 * instance holds the job's row in the {@code shedlock} table ({@link ScheduledJobLock}).
 * On PostgreSQL the lock's times come from the database's clock, so that the instances'
 * clocks need not agree; SQLite has no such support in ShedLock, and its instances share
 * one machine's clock anyway. ShedLock knows that a job's row exists already only from a
 * {@link DuplicateKeyException}, which Spring does not make of SQLite's constraint
 * failure: without the translation here, a job whose row another instance (or this one,
 * before a restart) inserted would never run again on SQLite.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledJobLocks {

	/**
	 * SQLite's result code of every constraint failure; the job's row has only its key.
	 */
	private static final int SQLITE_CONSTRAINT = 19;

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		String product = product(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcTemplateLockProvider.Configuration.Builder configuration = JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(jdbc)
			.withTableName("shedlock");
		if ("PostgreSQL".equalsIgnoreCase(product)) {
			configuration.usingDbTime();
		}
		else if ("SQLite".equalsIgnoreCase(product)) {
			SQLExceptionTranslator translator = jdbc.getExceptionTranslator();
			jdbc.setExceptionTranslator((task, sql, ex) -> (ex.getErrorCode() == SQLITE_CONSTRAINT)
					? new DuplicateKeyException(task + ": " + ex.getMessage(), ex)
					: translator.translate(task, sql, ex));
		}
		return new JdbcTemplateLockProvider(configuration.build());
	}

	@Bean
	LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
		return new DefaultLockingTaskExecutor(lockProvider);
	}

	/** The database's product name, or "" when it cannot be reached now. */
	private static String product(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			return "";
		}
	}

}
