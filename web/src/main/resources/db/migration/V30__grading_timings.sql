-- Where the time of a grading went (JSON of kadai.grader.result.GradingTimes: queue wait,
-- compile, runner acquire, reference load, tests, runner close, result store, and each test
-- split into student code / reference / the grader's own work / shrinking). Shown to staff on
-- the submission page. NULL for rows graded before this column existed or by a regrade.
ALTER TABLE submissions ADD COLUMN timings VARCHAR;
