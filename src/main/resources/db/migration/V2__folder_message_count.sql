-- The number of mirrored messages per folder, kept by every mirror write, so that a sync pass on an
-- unchanged folder costs the same at 100,000 messages as at 10 (no count over the message table).
alter table folder add column message_count bigint not null default 0;
update folder f set message_count = (select count(*) from message m where m.folder_id = f.id);
