package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples of a batch an iterative attack is still working on, and the arrays that go with them row for row
 * (clean inputs, labels, targets, the current iterate): early exit by compaction.
 *
 * <p>When some samples reach the goal, {@link #retire} writes their current rows into the full-batch output (at
 * their original row) and drops them from every tracked array, so later forward and backward passes run on the
 * remaining rows only and a retired sample costs nothing more. Usage, for any attack that iterates on a batch
 * (the minimum-norm attacks may use it the same way):
 * <pre>{@code
 * try (ActiveSamples active = ActiveSamples.of(work, retired)) {   // retired: boolean[N], true = leave alone
 *     ActiveSamples.Column clean = active.track(inputs);            // full batch in, active rows kept
 *     ActiveSamples.Column iterate = active.track(inputs);
 *     while (...) {
 *         NDArray reached = ...;                                     // boolean, one per active row
 *         NDArray keep = active.retire(reached, iterate.get(), output);  // null when nobody left
 *         if (keep != null) { stepLocal = stepLocal.get(new NDIndex("{}", keep)); }
 *         iterate.set(next);                                         // replaces, frees the old array
 *     }
 *     active.writeRemaining(iterate.get(), output);
 * }
 * }</pre>
 * Tracked arrays live in a manager of this object, replaced at each compaction, so dropped rows are freed at once.
 * Not thread-safe; one per batch.
 */
final class ActiveSamples implements AutoCloseable {

    private final NDManager parent;
    private final boolean[] retired;
    private final List<Column> columns = new ArrayList<>();
    private NDManager manager;
    private NDArray rows;
    private int count;

    private ActiveSamples(NDManager parent, boolean[] retired, NDArray rows) {
        this.parent = parent;
        this.retired = retired;
        this.manager = parent.newSubManager();
        this.rows = rows;
        this.rows.attach(manager);
        this.count = Math.toIntExact(rows.size());
    }

    /**
     * The samples not yet retired. {@code retired} (one flag per row of the batch) is shared, not copied: retiring a
     * sample here sets its flag, so that a later pass (a restart, a repeat) skips it.
     */
    static ActiveSamples of(NDManager parent, boolean[] retired) {
        long[] indices = new long[retired.length];
        int n = 0;
        for (int row = 0; row < retired.length; row++) {
            if (!retired[row]) {
                indices[n++] = row;
            }
        }
        return new ActiveSamples(parent, retired, parent.create(java.util.Arrays.copyOf(indices, n)));
    }

    /** How many samples are still active. */
    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The original row index of each active sample, int64, in this object's manager. */
    NDArray rows() {
        return rows;
    }

    /** Follows the active rows of {@code fullBatch} (one row per sample of the batch) from now on. */
    Column track(NDArray fullBatch) {
        Column column = new Column(fullBatch.get(new NDIndex("{}", rows)));
        columns.add(column);
        return column;
    }

    /** Follows {@code aligned}, which has one row per active sample already (it is moved into this object). */
    Column trackAligned(NDArray aligned) {
        Column column = new Column(aligned);
        columns.add(column);
        return column;
    }

    /**
     * Retires the active samples where {@code reached} (boolean, one per active row) is true: writes their rows of
     * {@code candidate} into {@code output} at their original rows, marks them retired and compacts every tracked
     * column.
     *
     * @return the boolean mask of the rows that stay (in {@code reached}'s manager), with which the caller compacts
     *         its own step-local arrays; null when no sample reached the goal (nothing changed)
     */
    NDArray retire(NDArray reached, NDArray candidate, NDArray output) {
        if (count == 0 || !reached.any().getBoolean()) {
            return null;
        }
        NDIndex leaving = new NDIndex("{}", reached);
        NDArray leavingRows = rows.get(leaving);
        output.set(new NDIndex("{}", leavingRows), candidate.get(leaving));
        for (long row : leavingRows.toLongArray()) {
            retired[Math.toIntExact(row)] = true;
        }
        NDArray keep = reached.logicalNot();
        NDIndex staying = new NDIndex("{}", keep);
        NDManager next = parent.newSubManager();
        rows = moveTo(rows.get(staying), next);
        for (Column column : columns) {
            column.array = moveTo(column.array.get(staying), next);
        }
        manager.close();
        manager = next;
        count = Math.toIntExact(rows.size());
        return keep;
    }

    /** Writes {@code candidate} (one row per active sample) into {@code output} at the active samples' rows. */
    void writeRemaining(NDArray candidate, NDArray output) {
        if (count > 0) {
            output.set(new NDIndex("{}", rows), candidate);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private static NDArray moveTo(NDArray array, NDManager manager) {
        array.attach(manager);
        return array;
    }

    /** One array that follows the active samples, row for row. */
    final class Column {

        private NDArray array;

        private Column(NDArray array) {
            this.array = moveTo(array, manager);
        }

        /** The rows of the active samples, in this object's manager: valid until the next {@link #retire}. */
        NDArray get() {
            return array;
        }

        /** Replaces the values (one row per active sample); the old array is freed. */
        void set(NDArray aligned) {
            NDArray old = array;
            array = moveTo(aligned, manager);
            if (old != aligned) {
                old.close();
            }
        }
    }
}
