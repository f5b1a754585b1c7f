-- The live event stream of a whole project (GET /events). V4's positions are gap-safe per job only: two jobs'
-- writers are not serialised, so a change of job A can take position 10 and commit after job B's position 11. A
-- project stream that resumed "after 11" would lose 10. Serialising a project's writers would cost every worker
-- event a project-wide lock (and risk deadlocks); instead each row records the transaction that wrote it, and a
-- project stream reads in (stream_xid, stream_position) order, only rows of transactions older than the oldest one
-- still running (pg_snapshot_xmin of its snapshot): those are final, and every row committed later has a
-- transaction id at least that. So (stream_xid, stream_position) is a resume token that loses and repeats nothing.

-- Rows written before this migration are all committed: transaction 0 orders them first, by position.
alter table job_transition add column stream_xid xid8 not null default '0';
alter table job_event add column stream_xid xid8 not null default '0';
alter table job_transition alter column stream_xid set default pg_current_xact_id();
alter table job_event alter column stream_xid set default pg_current_xact_id();

create index job_transition_project_stream on job_transition (stream_xid, stream_position);
create index job_event_project_stream on job_event (stream_xid, stream_position) where type = 'progress';

-- A submission now wakes the project streams too: the new job shows up at once. (One notification per submission;
-- still no lock.)
create or replace function job_activity_submitted() returns trigger
    language plpgsql as
$$
begin
    new.stream_position := nextval('job_activity_position');
    perform pg_notify('robustlab_job_activity', new.job_id::text);
    return new;
end
$$;
