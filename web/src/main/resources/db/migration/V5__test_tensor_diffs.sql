-- The failed array comparisons behind a test's feedback, cell by cell (JSON list of
-- kadai.grader.result.TensorDiff), so the result page can mark exactly the differing cells.
-- NULL for rows stored before this column existed: they show the text feedback only.
ALTER TABLE test_results ADD COLUMN tensors VARCHAR;
