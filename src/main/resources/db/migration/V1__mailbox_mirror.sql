-- Upstream accounts. The secret is AES-GCM ciphertext (nonce || ciphertext || tag), never plaintext.
create table account (
    id                  uuid primary key,
    email               varchar(320)  not null,
    username            varchar(320)  not null,
    auth_kind           varchar(16)   not null,
    secret_ciphertext   bytea         not null,
    imap_host           varchar(253)  not null,
    imap_port           integer       not null,
    imap_security       varchar(16)   not null,
    smtp_host           varchar(253),
    smtp_port           integer,
    smtp_security       varchar(16),
    pop3_host           varchar(253),
    pop3_port           integer,
    pop3_security       varchar(16),
    state               varchar(20)   not null,
    progress_synced     bigint        not null default 0,
    progress_total      bigint        not null default 0,
    last_success_at     timestamptz,
    last_error          varchar(1000),
    last_error_at       timestamptz,
    quota_used_kib      bigint,
    quota_limit_kib     bigint,
    capabilities        varchar(1000),
    change_seq          bigint        not null default 0,
    created_at          timestamptz   not null,
    version             bigint        not null default 0,
    constraint account_upstream_login_unique unique (imap_host, imap_port, username)
);

-- Mirrored folders; path is the decoded full name, as the upstream server names it.
create table folder (
    id                  uuid primary key,
    account_id          uuid          not null references account (id) on delete cascade,
    path                varchar(1000) not null,
    name                varchar(1000) not null,
    delimiter           varchar(1),
    role                varchar(16),
    selectable          boolean       not null default true,
    uid_validity        bigint,
    uid_next            bigint,
    highest_modseq      bigint,
    -- initial sync walks UIDs downward from here; null once the folder is complete
    initial_sync_below  bigint,
    last_error          varchar(1000),
    created_at          timestamptz   not null,
    version             bigint        not null default 0,
    constraint folder_path_unique unique (account_id, path)
);
create index folder_account_idx on folder (account_id);

-- Message metadata; bodies stay upstream and are fetched on demand.
create table message (
    id                  uuid primary key,
    account_id          uuid          not null references account (id) on delete cascade,
    folder_id           uuid          not null references folder (id) on delete cascade,
    uid                 bigint        not null,
    modseq              bigint,
    seen                boolean       not null,
    flagged             boolean       not null,
    answered            boolean       not null,
    draft               boolean       not null,
    deleted             boolean       not null,
    keywords            varchar(2000) not null default '',
    message_id_header   varchar(1000),
    subject             varchar(2000),
    from_name           varchar(500),
    from_email          varchar(500),
    to_json             varchar(8000) not null default '[]',
    cc_json             varchar(8000) not null default '[]',
    sent_at             timestamptz,
    received_at         timestamptz   not null,
    size                bigint        not null,
    has_attachments     boolean       not null,
    preview             varchar(300),
    version             bigint        not null default 0,
    constraint message_uid_unique unique (folder_id, uid)
);
create index message_folder_order_idx on message (folder_id, received_at desc, id desc);
create index message_account_order_idx on message (account_id, received_at desc, id desc);
create index message_folder_unseen_idx on message (folder_id) where not seen;

-- Every change to an account's state, numbered per account in the same transaction as the change.
create table change_log (
    account_id          uuid          not null references account (id) on delete cascade,
    seq                 bigint        not null,
    type                varchar(40)   not null,
    object_id           uuid          not null,
    folder_id           uuid,
    origin              varchar(80)   not null,
    data                varchar(8000),
    created_at          timestamptz   not null,
    primary key (account_id, seq)
);
create index change_log_created_idx on change_log (created_at);
