/**
 * The language every RobustLab component speaks: job specs, and later the messages that carry them.
 * Plain records and Jackson; no Spring and no DJL, so the API can depend on it without loading native code.
 */
package io.robustlab.contracts;
