-- The live event stream of a job (GET /jobs/{id}/events): every status change (job_transition) and every worker
-- event (job_event) of a job gets a stream position from one sequence, and the writers of one job's activity are
-- serialised on the job's row, so that a job's positions are allocated in commit order. A reader that has seen
-- position p of a job can then ask for "everything after p" and miss nothing: a row with a smaller position
-- committed before any row with a larger one. The position is the SSE event id (Last-Event-ID resumes after it).
-- Each insert also wakes the API replicas' streams of that job through LISTEN/NOTIFY (delivered at commit).

create sequence job_activity_position;

alter table job_transition add column stream_position bigint;
alter table job_event add column stream_position bigint;

-- Rows written before this migration: in time order.
with activity as (
    select source, id, row_number() over (order by at, source, id) as position
    from (select 't' as source, id, at from job_transition
          union all
          select 'e', id, received_at from job_event) rows
), transitions as (
    update job_transition t set stream_position = a.position
    from activity a where a.source = 't' and a.id = t.id
)
update job_event e set stream_position = a.position
from activity a where a.source = 'e' and a.id = e.id;

select setval('job_activity_position',
              coalesce(greatest((select max(stream_position) from job_transition),
                                (select max(stream_position) from job_event)), 0) + 1, false);

alter table job_transition alter column stream_position set not null;
alter table job_event alter column stream_position set not null;
create index job_transition_stream on job_transition (job_id, stream_position);
create index job_event_stream on job_event (job_id, stream_position);

-- A change to a job that exists: wait for the other writers of this job (the lock is held until commit), then take
-- the next position, and wake the listeners.
create function job_activity_recorded() returns trigger
    language plpgsql as
$$
begin
    perform 1 from job where id = new.job_id for no key update;
    new.stream_position := nextval('job_activity_position');
    perform pg_notify('robustlab_job_activity', new.job_id::text);
    return new;
end
$$;

-- The first transition of a job being submitted: nobody else can write rows of a job that is not committed yet, and
-- nobody streams it yet, so no lock and no notification (submission stays cheap).
create function job_activity_submitted() returns trigger
    language plpgsql as
$$
begin
    new.stream_position := nextval('job_activity_position');
    return new;
end
$$;

create trigger job_transition_recorded before insert on job_transition
    for each row when (new.from_status is not null) execute function job_activity_recorded();
create trigger job_transition_submitted before insert on job_transition
    for each row when (new.from_status is null) execute function job_activity_submitted();
create trigger job_event_recorded before insert on job_event
    for each row execute function job_activity_recorded();
