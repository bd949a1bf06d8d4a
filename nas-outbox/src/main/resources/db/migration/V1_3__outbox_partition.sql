-- nas-outbox: a row may name the partition it goes to (the sampler sends each proposal to the partition of its
-- least-loaded trainer); without one the producer partitions by key.
alter table outbox add column record_partition integer;
