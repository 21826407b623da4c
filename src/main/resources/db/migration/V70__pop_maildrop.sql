-- POP model: each POP device's own maildrop. A row is one message the device can see or has
-- downloaded, with the device's own state (read, local folder, deleted). The reference is a message of
-- the IMAP mirror (accounts without POP3) or an upstream POP3 UIDL (accounts with a POP3 endpoint).
-- device_id has no foreign key yet: device registration is a separate table owned by the devices area.
create table pop_maildrop_message (
    id                  uuid primary key,
    account_id          uuid          not null references account (id) on delete cascade,
    device_id           uuid          not null,
    mirror_message_id   uuid,
    upstream_uidl       varchar(70),
    message_id_header   varchar(1000),
    subject             varchar(2000),
    from_email          varchar(500),
    size                bigint        not null,
    received_at         timestamptz   not null,
    added_at            timestamptz   not null,
    downloaded_at       timestamptz,
    seen                boolean       not null default false,
    local_folder        varchar(200)  not null default 'INBOX',
    deleted             boolean       not null default false,
    server_deleted_at   timestamptz,
    -- the order the device's maildrop lists messages in: the order they reached it
    arrival             bigserial     not null,
    version             bigint        not null default 0,
    constraint pop_maildrop_one_reference check ((mirror_message_id is null) <> (upstream_uidl is null)),
    constraint pop_maildrop_mirror_unique unique (device_id, mirror_message_id),
    constraint pop_maildrop_uidl_unique unique (device_id, upstream_uidl)
);
create index pop_maildrop_device_idx on pop_maildrop_message (device_id, arrival);
create index pop_maildrop_account_idx on pop_maildrop_message (account_id);
create index pop_maildrop_due_idx on pop_maildrop_message (downloaded_at)
    where downloaded_at is not null and server_deleted_at is null;

-- The copy a device downloaded: kept so that a message deleted from the server after download stays
-- readable for that device (REST, a second RETR), as a POP client's local copy would.
create table pop_maildrop_content (
    message_id          uuid primary key references pop_maildrop_message (id) on delete cascade,
    raw                 bytea         not null
);
