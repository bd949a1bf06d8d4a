-- The sampler's own tables (schema "sampler", created by Flyway): experiments, the results already counted, and
-- the outbox of events waiting to be published.

create table experiment (
    id                    varchar(64)  primary key,
    name                  varchar(200),
    -- The experiment's ExperimentSpec as published on nas.experiments (JSON, maxInFlight defaulted).
    spec                  text         not null,
    state                 varchar(16)  not null,
    max_trials            integer      not null,
    max_in_flight         integer      not null,
    seed                  bigint       not null,
    proposed              integer      not null default 0,
    completed             integer      not null default 0,
    failed                integer      not null default 0,
    -- Newest policy version seen on nas.policy (0: none yet, proposals come from the uniform prior).
    policy_version        bigint       not null default 0,
    policy_strategy       varchar(64),
    policy_parameters     text,
    policy_parameters_uri varchar(1024),
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);

-- One row per result counted: a redelivered result finds its row and changes nothing.
create table processed_trial (
    trial_id      varchar(128) primary key,
    experiment_id varchar(64)  not null references experiment (id),
    status        varchar(16)  not null,
    processed_at  timestamptz  not null
);

-- The outbox table comes with the nas-outbox library (V1_1__outbox.sql).
