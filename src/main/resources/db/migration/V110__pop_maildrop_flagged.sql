-- POP devices flag messages on their own (REST PATCH flagged): the flag is that device's alone,
-- like its read state.
alter table pop_maildrop_message add column flagged boolean not null default false;
-- a POP device's message list is newest first, like the mirror's (received_at, then id)
create index pop_maildrop_device_received_idx on pop_maildrop_message (device_id, received_at desc, id desc);
