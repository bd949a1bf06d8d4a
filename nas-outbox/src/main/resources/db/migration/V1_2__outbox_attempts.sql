-- nas-outbox: when the relay first sent a row. A row sent but not stamped (a crash, a timeout) is looked up on its
-- topic before it is sent again, so a record reaches the broker once.
alter table outbox add column attempted_at timestamptz;
