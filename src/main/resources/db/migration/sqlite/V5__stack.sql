-- The stack an update belongs to, from the metadata keys Diun passes through (STACK_KEYS); the
-- application fills it with each webhook and for every update when it starts. Keep in lock-step
-- with ../postgresql.

ALTER TABLE updates ADD COLUMN stack TEXT;

CREATE INDEX updates_stack ON updates (stack);
