-- Answers to POST requests sent with an Idempotency-Key, kept so that a retried request gets the stored
-- answer instead of acting twice. status is null while the first request is still in flight.
create table idempotency_key (
    caller              varchar(80)   not null,
    idem_key            varchar(255)  not null,
    fingerprint         varchar(64)   not null,
    status              integer,
    headers             varchar(4000),
    body                text,
    created_at          timestamptz   not null,
    completed_at        timestamptz,
    primary key (caller, idem_key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);
