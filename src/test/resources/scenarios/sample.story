# The sample story: three devices on one account with five messages in INBOX.
# One step per line: device(MODE[, policy]) verb [message] [folder]; a device's first line declares it.
# Verbs: read N, move N Folder, download, delete N. Policies: keep, delete-after-download.
messages 5
phone(IMAP) read 3
pc(IMAP) move 5 Archive
tablet(POP3, delete-after-download) download
tablet delete 2
