-- Devices of an account (phones, PCs, POP3 clients). The token is kept only as its SHA-256 hash.
create table device (
    id                      uuid primary key,
    account_id              uuid          not null references account (id) on delete cascade,
    name                    varchar(100)  not null,
    platform                varchar(40)   not null,
    mode                    varchar(8)    not null,
    pop3_delete_from_server varchar(20),
    pop3_delete_after_days  integer,
    accept_mixed_mode_risk  boolean       not null default false,
    token_hash              bytea         not null,
    created_at              timestamptz   not null,
    last_activity_at        timestamptz,
    -- the highest change sequence the device has acknowledged (the since= it last sent)
    last_cursor_seq         bigint,
    constraint device_token_hash_unique unique (token_hash)
);
create index device_account_idx on device (account_id, created_at, id);

-- Per account, the highest change sequence the retention job has deleted: a cursor below it has expired.
create table change_log_horizon (
    account_id              uuid primary key references account (id) on delete cascade,
    purged_through          bigint        not null
);
