/**
 * What an Evaluate job measured, from {@code GET /api/v1/jobs/{id}/curves}: the robustness curves, picking one by
 * attack or worst case, and exporting them as CSV or JSON.
 */
package io.robustlab.cli.results;
