-- Which gateway instance syncs which account. Several replicas share the database; each renews its
-- leases well before they expire, and an instance that died loses its accounts when they do.
create table sync_lease (
    account_id          uuid          primary key references account (id) on delete cascade,
    owner               varchar(200)  not null,
    expires_at          timestamptz   not null
);
create index sync_lease_owner_idx on sync_lease (owner);

-- Instances alive recently: the fair share of accounts per instance is counted from them.
create table gateway_instance (
    id                  varchar(200)  primary key,
    seen_at             timestamptz   not null
);
