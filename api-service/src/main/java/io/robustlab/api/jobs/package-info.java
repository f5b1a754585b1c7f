/** Jobs: submission, the status state machine and its timeline, listing, cancel and delete. */
package io.robustlab.api.jobs;
