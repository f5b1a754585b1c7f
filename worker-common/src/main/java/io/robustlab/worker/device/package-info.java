/** Which device (CPU or GPU) and how many threads the engine runs jobs with, chosen once at start-up. */
package io.robustlab.worker.device;
