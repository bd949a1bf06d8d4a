-- The reward service's own tables (schema "reward", created by Flyway): one row per trial joining its two
-- halves, every latency half received, and the outbox of results waiting to be published.

create table trial_join (
    trial_id          varchar(128)  primary key,
    experiment_id     varchar(64)   not null,
    -- The trainer's half (nas.accuracy); null until it arrives.
    accuracy_status   varchar(16),
    accuracy_reason   text,
    accuracy          double precision,
    params            bigint,
    madds             bigint,
    training_seconds  double precision,
    checkpoint_uri    varchar(1024),
    trainer_id        varchar(200),
    accuracy_at       timestamptz,
    -- The latency half that joined (nas.latency, p50 in milliseconds); null until one arrives.
    latency_status    varchar(16),
    latency_reason    text,
    device_type       varchar(100),
    device_id         varchar(200),
    latency_ms        double precision,
    latency_at        timestamptz,
    created_at        timestamptz   not null default now(),
    -- Set in the transaction that wrote the trial's result to the outbox: a trial joins once.
    joined_at         timestamptz
);

-- Every latency half, one per trial and device type, the joined one included, for reporting.
create table latency_measurement (
    trial_id      varchar(128)     not null,
    device_type   varchar(100)     not null,
    experiment_id varchar(64)      not null,
    status        varchar(16)      not null,
    reason        text,
    device_id     varchar(200),
    p50_ms        double precision,
    p90_ms        double precision,
    mean_ms       double precision,
    std_ms        double precision,
    runs          integer,
    method        varchar(16),
    measured_at   timestamptz,
    received_at   timestamptz      not null default now(),
    primary key (trial_id, device_type)
);

-- The outbox table comes with the nas-outbox library (V1_1__outbox.sql).
