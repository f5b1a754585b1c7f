package io.robustlab.api.results;

import io.robustlab.api.system.ApiProblem;

/**
 * Where a project's stream is: the transaction that wrote an activity row and the row's stream position (migration
 * V5 says why the position alone is not enough across jobs). Written {@code <transaction>-<position>}: the SSE id.
 */
record ProjectPosition(long transaction, long position) {

    /** @throws ApiProblem 400 naming Last-Event-ID when it is not an id of this stream */
    static ProjectPosition parse(String lastEventId) {
        String[] parts = lastEventId.trim().split("-", -1);
        if (parts.length == 2) {
            try {
                ProjectPosition parsed = new ProjectPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                if (parsed.transaction() >= 0 && parsed.position() >= 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ApiProblem.invalidField("Last-Event-ID", "must be the id of an event of this stream, "
                + "<transaction>-<position> (got '" + lastEventId + "')");
    }

    @Override
    public String toString() {
        return transaction + "-" + position;
    }
}
