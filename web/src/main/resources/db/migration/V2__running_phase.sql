-- When the submission had compiled and its tests started: splits "compiling" from "running"
-- on the live status page.
ALTER TABLE submissions ADD COLUMN running_at TIMESTAMP WITH TIME ZONE;
