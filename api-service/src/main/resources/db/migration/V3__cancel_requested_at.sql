-- When a cancel was asked of a running job: its worker has one lease timeout to confirm, else the lease watchdog
-- cancels the job itself.
alter table job add column cancel_requested_at timestamptz;
create index job_running_cancel_requested on job (cancel_requested_at) where status = 'RUNNING' and cancel_requested;
