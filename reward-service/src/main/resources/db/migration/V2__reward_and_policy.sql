-- The search loop (issue 5): experiments as announced on nas.experiments with their policy state, the proposal half
-- of each trial, rewards, Pareto fronts and policy versions.

create table experiment (
    id                    varchar(64)      primary key,
    -- The ExperimentSpec as published on nas.experiments (JSON).
    spec                  text             not null,
    state                 varchar(16)      not null,
    -- Policy versions published so far; version n was updated from the trials of seq (n-1)*batch+1 .. n*batch.
    policy_version        bigint           not null default 0,
    -- The policy-gradient controller's whole state (weights, optimizer moments, baseline), for ppo and reinforce.
    controller_state      bytea,
    -- Summed training seconds of the counted trials (the NAS-Bench-201 budget).
    training_seconds_used double precision not null default 0,
    updated_at            timestamptz      not null
);

alter table trial_join
    add column seq                bigint,
    -- The proposal half (nas.proposals): what was drawn, from which policy version, with which probability.
    add column architecture       text,
    add column indices            varchar(2048),
    add column log_probability    double precision,
    add column policy_version     bigint,
    add column target_device_type varchar(100),
    add column duplicate_of       varchar(128),
    add column proposed_at        timestamptz,
    -- The joined result as published on nas.results.
    add column status             varchar(16),
    add column reason             text,
    add column reward             double precision,
    add column counted            boolean,
    add column pareto             boolean;

create index trial_join_waiting on trial_join (experiment_id) where joined_at is null;
create index trial_join_experiment_seq on trial_join (experiment_id, seq);

-- The accuracy/latency front of an experiment on one device type, as JSON points.
create table pareto_front (
    id            varchar(200) primary key,
    experiment_id varchar(64)  not null,
    device_type   varchar(100) not null,
    points        text         not null,
    updated_at    timestamptz  not null
);

create table policy_version (
    id              bigserial        primary key,
    experiment_id   varchar(64)      not null,
    version         bigint           not null,
    strategy        varchar(32)      not null,
    first_seq       bigint           not null,
    last_seq        bigint           not null,
    mean_reward     double precision not null,
    parameters_uri  varchar(1024),
    parameter_bytes integer          not null,
    published_at    timestamptz      not null,
    unique (experiment_id, version)
);
