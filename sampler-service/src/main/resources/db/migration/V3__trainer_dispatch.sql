-- Issue 7: proposals go to the partition of the least-loaded trainer. A proposal remembers the partition it was sent
-- to and whether its result came; the trials in flight per partition are counted from the partial index.
alter table proposal add column dispatch_partition integer;
alter table proposal add column answered boolean not null default false;
update proposal set answered = true where trial_id in (select trial_id from processed_trial);
create index proposal_in_flight_by_partition on proposal (dispatch_partition)
    where not answered and dispatch_partition is not null;
