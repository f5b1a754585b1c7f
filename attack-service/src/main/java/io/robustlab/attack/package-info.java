/**
 * The attack worker: a Spring Boot application around worker-common's job loop whose one runner evaluates models
 * ({@link io.robustlab.attack.evaluation}).
 */
package io.robustlab.attack;
