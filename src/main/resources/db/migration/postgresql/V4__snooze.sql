-- Snooze: an update leaves the pending list until this time (the application clears it when the time
-- has passed, within a minute) or until a new digest arrives. Keep in lock-step with ../sqlite.

ALTER TABLE updates ADD COLUMN snoozed_until timestamptz;

CREATE INDEX updates_snoozed_until ON updates (snoozed_until);
