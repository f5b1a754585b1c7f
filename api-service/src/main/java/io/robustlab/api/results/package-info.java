/**
 * Reading what a job produced: per-epoch training metrics, robustness curves, corruption and weight-noise tables,
 * and the live event stream (SSE) of its status changes and new points, woken across API replicas by PostgreSQL
 * {@code LISTEN/NOTIFY}.
 */
package io.robustlab.api.results;
