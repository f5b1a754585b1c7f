-- The API's schema: jobs and their history, what workers report about them, artifacts, API keys, the outbox.

create table api_key (
    id          uuid primary key,
    project     text        not null,
    name        text        not null,
    -- SHA-256 of the key; the key itself is shown once, when minted, and never stored.
    key_hash    text        not null unique,
    prefix      text        not null,
    admin       boolean     not null default false,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

create table job (
    id                  uuid primary key,
    project             text             not null,
    kind                text             not null check (kind in ('Train', 'Evaluate')),
    status              text             not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    spec                jsonb            not null,
    spec_hash           text             not null,
    name                text,
    labels              jsonb            not null default '{}',
    attempt             integer          not null,
    max_attempts        integer          not null,
    runs                integer          not null default 0,
    idempotency_key     text,
    request_hash        text,
    -- An Evaluate job that names a Train job waits for it: dispatched when it succeeds, failed when it fails.
    waits_for           uuid             references job (id) on delete restrict,
    model_artifact      text,
    cancel_requested    boolean          not null default false,
    failure_reason      text,
    worker_id           text,
    run_id              text,
    progress_percent    double precision,
    progress_phase      text,
    eta_seconds         double precision,
    samples_per_second  double precision,
    heartbeat_at        timestamptz,
    created_at          timestamptz      not null,
    updated_at          timestamptz      not null,
    started_at          timestamptz,
    finished_at         timestamptz,
    version             bigint           not null default 0
);

create unique index job_idempotency_key on job (project, idempotency_key) where idempotency_key is not null;
create index job_by_created on job (project, created_at desc, id desc);
create index job_by_status on job (project, status, created_at desc, id desc);
create index job_by_kind on job (project, kind, created_at desc, id desc);
create index job_by_labels on job using gin (labels jsonb_path_ops);
create index job_reusable on job (project, spec_hash) where status = 'SUCCEEDED';
create index job_running_heartbeat on job (heartbeat_at) where status = 'RUNNING';
create index job_waiting on job (waits_for) where waits_for is not null;

create table job_transition (
    id           bigserial primary key,
    job_id       uuid        not null references job (id) on delete cascade,
    from_status  text,
    to_status    text        not null,
    attempt      integer     not null,
    reason       text        not null,
    at           timestamptz not null
);
create index job_transition_by_job on job_transition (job_id, id);

-- Every worker event applied, so that a redelivered duplicate is recognised; also the stream SSE clients replay.
create table job_event (
    id           bigserial primary key,
    job_id       uuid        not null references job (id) on delete cascade,
    attempt      integer     not null,
    run_id       text        not null,
    sequence     bigint      not null,
    type         text        not null,
    payload      jsonb       not null,
    received_at  timestamptz not null,
    unique (job_id, run_id, sequence)
);
create index job_event_by_job on job_event (job_id, id);

create table epoch_metric (
    job_id          uuid             not null references job (id) on delete cascade,
    epoch           integer          not null,
    attempt         integer          not null,
    train_loss      double precision,
    train_accuracy  double precision,
    test_loss       double precision,
    test_accuracy   double precision,
    learning_rate   double precision,
    seconds         double precision not null,
    primary key (job_id, epoch)
);

create table curve_point (
    job_id    uuid             not null references job (id) on delete cascade,
    curve     text             not null,
    epsilon   double precision not null,
    norm      text             not null,
    accuracy  double precision not null,
    samples   integer          not null,
    attempt   integer          not null,
    primary key (job_id, curve, epsilon)
);

create table corruption_result (
    job_id      uuid             not null references job (id) on delete cascade,
    corruption  text             not null,
    severity    integer          not null,
    accuracy    double precision not null,
    samples     integer          not null,
    attempt     integer          not null,
    primary key (job_id, corruption, severity)
);

create table weight_noise_result (
    job_id         uuid             not null references job (id) on delete cascade,
    sigma          double precision not null,
    mean_accuracy  double precision not null,
    std_accuracy   double precision not null,
    draws          integer          not null,
    attempt        integer          not null,
    primary key (job_id, sigma)
);

create table artifact (
    job_id        uuid        not null references job (id) on delete cascade,
    name          text        not null,
    store_key     text        not null,
    size_bytes    bigint      not null,
    sha256        text        not null,
    content_type  text        not null,
    attempt       integer     not null,
    created_at    timestamptz not null,
    primary key (job_id, name)
);

-- Messages to publish, written in the same transaction as the change they announce.
create table outbox_message (
    id            bigserial primary key,
    exchange      text        not null,
    routing_key   text        not null,
    payload       bytea       not null,
    message_id    text        not null,
    created_at    timestamptz not null,
    available_at  timestamptz not null,
    attempts      integer     not null default 0,
    last_error    text,
    sent_at       timestamptz
);
create index outbox_unsent on outbox_message (available_at, id) where sent_at is null;
