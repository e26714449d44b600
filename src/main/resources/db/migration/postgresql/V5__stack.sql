-- The stack an update belongs to, from the metadata keys Diun passes through (STACK_KEYS); the
-- application fills it with each webhook and for every update when it starts. Keep in lock-step
-- with ../sqlite.

ALTER TABLE updates ADD COLUMN stack text COLLATE "C";

CREATE INDEX updates_stack ON updates (stack);
