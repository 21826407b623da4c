-- Kafka change events. The change log is the outbox: every entry commits with its state change.
-- The relay publishes each account's entries in order and then moves the account's position here,
-- so an entry is "sent" when its sequence is at or below published_seq. The relay locks the position
-- row (select ... for update skip locked) while it publishes: one relay per account, across replicas.
create table event_publication (
    account_id      uuid          primary key references account (id) on delete cascade,
    published_seq   bigint        not null default 0,
    updated_at      timestamptz   not null default now()
);
insert into event_publication (account_id) select id from account;

-- Events that can never be published (too large for the topic, not serialisable): kept with the
-- reason so that an operator can look at them; the relay moves on to the next entry.
create table event_dead_letter (
    account_id      uuid          not null references account (id) on delete cascade,
    seq             bigint        not null,
    event_id        varchar(120)  not null,
    reason          varchar(1000) not null,
    event           text          not null,
    created_at      timestamptz   not null,
    primary key (account_id, seq)
);
