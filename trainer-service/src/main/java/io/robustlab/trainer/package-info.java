/**
 * The trainer worker: a Spring Boot application around worker-common's job loop whose one runner trains models
 * ({@link io.robustlab.trainer.training}).
 */
package io.robustlab.trainer;
