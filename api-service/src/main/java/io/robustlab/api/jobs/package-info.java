/**
 * Jobs: submission, the status state machine (driven by worker events and the lease watchdog) and its timeline,
 * listing, cancel and delete.
 */
package io.robustlab.api.jobs;
