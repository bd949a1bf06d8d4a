-- Issue 5: strategies, the training-seconds budget, duplicates and stopping. Everything the search loop needs to
-- resume after a restart lies in these tables; only decoded policies are cached in memory.

-- The experiment: its strategy, both budget limits (either may be absent, not both) and the running sums the
-- budget is checked against. Duplicates are counted apart because they cost no training seconds.
alter table experiment alter column max_trials drop not null;
alter table experiment add column strategy               varchar(32);
alter table experiment add column max_training_seconds   double precision;
alter table experiment add column duplicates             integer          not null default 0;
alter table experiment add column answered_duplicates    integer          not null default 0;
-- Training seconds of every result received (duplicates excluded), and of the counted ones only.
alter table experiment add column training_seconds         double precision not null default 0;
alter table experiment add column counted_training_seconds double precision not null default 0;
-- Experiments of the first stage were sampled uniformly.
update experiment set strategy = 'random' where strategy is null;
alter table experiment alter column strategy set not null;
-- The newest policy's parameters moved to policy_snapshot.
alter table experiment drop column policy_strategy;
alter table experiment drop column policy_parameters;
alter table experiment drop column policy_parameters_uri;

-- Every trial proposed: what was drawn, from which policy version, and whether it repeats an earlier architecture.
create table proposal (
    trial_id        varchar(128)     primary key,
    experiment_id   varchar(64)      not null references experiment (id),
    seq             bigint           not null,
    -- Canonical text form of the architecture in the experiment's space.
    architecture    text             not null,
    -- Choice indices, comma-separated, one per decision of the space.
    indices         text             not null,
    policy_version  bigint           not null,
    log_probability double precision not null,
    -- The first trial of the same architecture; null for a first proposal.
    duplicate_of    varchar(128)     references proposal (trial_id),
    proposed_at     timestamptz      not null,
    unique (experiment_id, seq)
);
-- One first proposal per architecture and experiment; the lookup that finds a repeat.
create unique index proposal_first_architecture on proposal (experiment_id, architecture) where duplicate_of is null;

-- The newest policy version received for each experiment of a policy-gradient strategy, parameters as published
-- (fetched from the object store when they came as a URI), so a restarted sampler draws from it at once.
create table policy_snapshot (
    experiment_id  varchar(64)   primary key references experiment (id),
    version        bigint        not null,
    strategy       varchar(32)   not null,
    parameters     bytea         not null,
    parameters_uri varchar(1024),
    received_at    timestamptz   not null
);

-- What a counted result says: the status page's best trial and evolution's history are read from here.
alter table processed_trial add column seq              bigint;
alter table processed_trial add column duplicate        boolean          not null default false;
alter table processed_trial add column counted          boolean          not null default true;
alter table processed_trial add column reward           double precision;
alter table processed_trial add column accuracy         double precision;
alter table processed_trial add column latency_ms       double precision;
alter table processed_trial add column training_seconds double precision;
update processed_trial set seq = cast(substring(trial_id from length(experiment_id) + 2) as bigint) where seq is null;
alter table processed_trial alter column seq set not null;
create index processed_trial_experiment_seq on processed_trial (experiment_id, seq);
