-- Peak memory of the process that ran the student code (the sandboxed runner JVM's peak
-- resident set, in bytes); NULL when it was not measured (in-process grading, older rows).
ALTER TABLE submissions ADD COLUMN peak_memory_bytes BIGINT;
