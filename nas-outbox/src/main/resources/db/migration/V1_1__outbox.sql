-- nas-outbox: events written in the same transaction as the state they describe; the relay publishes them in id
-- order. Shipped with the library so every service that uses the outbox gets the same table in its own schema.
create table outbox (
    id           bigserial     primary key,
    topic        varchar(249)  not null,
    record_key   varchar(256)  not null,
    payload      text          not null,
    created_at   timestamptz   not null,
    published_at timestamptz
);

create index outbox_unpublished on outbox (id) where published_at is null;
