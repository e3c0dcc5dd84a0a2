package io.flarekit.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on scheduling for the whole application, in one place: jobs of any module (the
 * planner statistics here, the storage clean-up) register themselves as
 * {@code SchedulingConfigurer}s with the interval from their own settings, and none of
 * them has to know who enables it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
