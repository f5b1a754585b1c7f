package io.robustlab.worker.job;

import java.util.concurrent.atomic.AtomicInteger;

/** A runner whose work is a lambda; counts its calls. */
final class FakeRunner implements JobRunner {

    interface Work {
        JobResult run(JobContext context, int call) throws Exception;
    }

    private final String kind;
    private final Work work;
    private final AtomicInteger calls = new AtomicInteger();

    FakeRunner(String kind, Work work) {
        this.kind = kind;
        this.work = work;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public JobResult run(JobContext context) throws Exception {
        return work.run(context, calls.incrementAndGet());
    }

    int calls() {
        return calls.get();
    }
}
