-- Staff decide which assignments students see and from when. Assignments that existed before
-- this migration stay visible; an assignment added later (a graded suite registered in the
-- grader) is inserted unpublished and waits for an instructor to publish it.
ALTER TABLE assignments ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE assignments ADD COLUMN opens_at TIMESTAMP WITH TIME ZONE;
