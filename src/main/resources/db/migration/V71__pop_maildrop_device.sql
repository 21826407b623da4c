-- A revoked device's maildrop goes with it: its downloaded copies and its own state.
alter table pop_maildrop_message
    add constraint pop_maildrop_device_fk foreign key (device_id) references device (id) on delete cascade;
